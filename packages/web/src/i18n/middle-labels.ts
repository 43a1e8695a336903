/** Words for the values of core's middle-phase and ending unions, and option lists built from core's value lists. */
import {
  CommunicationPattern,
  ContinuationDecision,
  DecisionOutcome,
  GoalAttainment,
  MaintenanceFrequency,
  MentalizingLapse,
  MidCourseDecision,
  RuptureType,
  Speaker,
  TherapistPlays,
  WarningSignKind,
} from '@ipt/core';
import type { Option } from '../forms/Field.js';
import { hasMessage, t } from './t.js';

/** A key built from a value; unknown values (an older record) fall back to the value itself. */
const label = (prefix: string, value: string) => {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
};

export const techniqueLabel = (v: string) => label('technique', v);
export const lapseLabel = (v: string) => label('lapse', v);
export const patternLabel = (v: string) => label('pattern', v);
export const speakerLabel = (v: string) => label('speaker', v);
export const therapistPlaysLabel = (v: string) => label('plays', v);
export const decisionOutcomeLabel = (v: string) => label('decisionOutcome', v);
export const ruptureTypeLabel = (v: string) => label('rupture', v);
export const midCourseDecisionLabel = (v: string) => label('midDecision', v);
export const dimensionLabel = (v: string) => label('dimension', v);
export const terminationItemLabel = (v: string) => label('terminationItem', v);
export const continuationLabel = (v: string) => label('continuation', v);
export const frequencyLabel = (v: string) => label('frequency', v);
export const attainmentLabel = (v: string) => label('attainment', v);
export const warningKindLabel = (v: string) => label('warningKind', v);

const options = <T extends string>(values: Record<string, T>, word: (v: T) => string): Option[] =>
  Object.values(values).map((value) => ({ value, label: word(value) }));

export const lapseOptions = options(MentalizingLapse, lapseLabel);
export const patternOptions = options(CommunicationPattern, patternLabel);
export const speakerOptions = options(Speaker, speakerLabel);
export const therapistPlaysOptions = options(TherapistPlays, therapistPlaysLabel);
export const decisionOutcomeOptions = options(DecisionOutcome, decisionOutcomeLabel);
export const ruptureTypeOptions = options(RuptureType, ruptureTypeLabel);
export const midCourseDecisionOptions = options(MidCourseDecision, midCourseDecisionLabel);
export const continuationOptions = options(ContinuationDecision, continuationLabel);
export const frequencyOptions = options(MaintenanceFrequency, frequencyLabel);
export const attainmentOptions = options(GoalAttainment, attainmentLabel);
export const warningKindOptions = options(WarningSignKind, warningKindLabel);
