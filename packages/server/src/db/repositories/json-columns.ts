/**
 * The JSON kept in a column is read here, at the database's edge, by the contract's schema for it: a service never
 * parses JSON or trusts a stored shape it has not checked (course records: course-records-repository.ts).
 */
import { Administration, InstrumentTextPack, RiskAssessment, SafetyPlan, ScheduleRule } from '@ipt/contract';
import { z } from 'zod';

const Answers = Administration.shape.answers;
const Flags = Administration.shape.flags;
const Rules = z.array(ScheduleRule);

const read =
  <T extends z.ZodType>(schema: T) =>
  (json: string): z.output<T> =>
    schema.parse(JSON.parse(json));

/** An administration's answers, in item order; null where an item was left unanswered. */
export const readAnswers = read(Answers);
/** The risk answers an administration raised. */
export const readFlags = read(Flags);
/** A course's measurement schedule. */
export const readScheduleRules = read(Rules);
/** An organisation's licensed wording for an instrument. */
export const readTextPack = read(InstrumentTextPack);
/** A safety review's assessment and its Stanley–Brown plan. */
export const readRiskAssessment = read(RiskAssessment);
export const readSafetyPlan = read(SafetyPlan);
/** The flags a risk override went past. */
export const readFlagIds = read(z.array(z.string()));
