import {
  CommunicationPattern,
  ContinuationDecision,
  DecisionOutcome,
  GoalAttainment,
  MaintenanceFrequency,
  MentalizingDimension,
  MentalizingLapse,
  MidCourseDecision,
  RuptureType,
  Speaker,
  Technique,
  TerminationItem,
  TherapistPlays,
  WarningSignKind,
} from '@ipt/core';
import { describe, expect, it } from 'vitest';
import { hasMessage } from './t.js';

/** Every value of core's middle-phase and ending unions has its words: a new value in core fails here, not on screen. */
describe('middle-phase and ending labels', () => {
  const unions: [string, Record<string, string>][] = [
    ['technique', Technique],
    ['lapse', MentalizingLapse],
    ['pattern', CommunicationPattern],
    ['speaker', Speaker],
    ['plays', TherapistPlays],
    ['decisionOutcome', DecisionOutcome],
    ['rupture', RuptureType],
    ['midDecision', MidCourseDecision],
    ['dimension', MentalizingDimension],
    ['terminationItem', TerminationItem],
    ['continuation', ContinuationDecision],
    ['frequency', MaintenanceFrequency],
    ['attainment', GoalAttainment],
    ['warningKind', WarningSignKind],
  ];
  it.each(unions)('%s', (prefix, values) => {
    expect(Object.values(values).filter((v) => !hasMessage(`${prefix}.${v}`))).toEqual([]);
  });
});
