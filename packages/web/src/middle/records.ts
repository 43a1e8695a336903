/**
 * The middle-phase view's records as the web client edits them. The server stores each record's fields as the
 * contract's request schema validated them (`CourseRecord.data`); these readers fill what an older or partial record
 * leaves out, so every editor works on a whole record of the contract's shape.
 */
import type { CourseRecord } from '@ipt/contract';
import {
  CommunicationPattern,
  DecisionOutcome,
  DisputeStage,
  MentalizingLapse,
  RuptureType,
  Speaker,
  Technique,
  TherapistPlays,
} from '@ipt/core';
import type { AutosaveFields } from '../initial/use-autosave.js';
import { type BodyOf, isRecord, num, str, strOrNull, strings, sub, type Versioned } from '../initial/records.js';

export type SessionWorkEdit = Required<Omit<BodyOf<'putSessionWork'>, 'reason'>>;
export type AnalysisEdit = Required<BodyOf<'updateCommunicationAnalysis'>>;
export type Turn = AnalysisEdit['turns'][number];
export type RolePlayEdit = Required<BodyOf<'updateRolePlay'>>;
export type DecisionEdit = Required<BodyOf<'updateDecisionAnalysis'>>;
export type DecisionOption = DecisionEdit['options'][number];
export type RuptureEdit = Required<BodyOf<'updateRupture'>>;

/** A saved record of the course: its fields, the session it was made at, its id and version. */
export type Saved<T> = Versioned<T> & { readonly id: string; readonly sessionId: string };

const list = (x: unknown) => (Array.isArray(x) ? x.filter(isRecord) : []);
const oneOf = <T extends string>(values: Record<string, T>, x: unknown, fallback: T): T =>
  (Object.values(values) as unknown[]).includes(x) ? (x as T) : fallback;
const someOf = <T extends string>(values: Record<string, T>, x: unknown): T[] =>
  strings(x).filter((v): v is T => (Object.values(values) as string[]).includes(v));
const score = (x: unknown) => num(x);
const saved = <T>(r: CourseRecord, fields: T): Saved<T> => ({
  ...fields,
  id: r.id,
  version: r.version,
  sessionId: str(r.data.sessionId),
});

export interface SessionWorkRecord extends Versioned<SessionWorkEdit> {
  /** Null until the first save creates the record. */
  readonly id: string | null;
  readonly finishedAt: string | null;
  readonly amendments: readonly { at: string; by: string; reason: string; fromVersion: number }[];
}

export function readSessionWork(r: CourseRecord | undefined): SessionWorkRecord {
  const d = r?.data ?? {};
  const checkIn = sub(d.checkIn);
  const stage = isRecord(d.disputeStage) ? d.disputeStage : null;
  const safety = sub(d.safetyCheck);
  return {
    id: r?.id ?? null,
    version: r?.version ?? 0,
    status: d.status === 'finished' ? 'finished' : 'draft',
    checkIn: {
      mood: score(checkIn.mood),
      administrationId: strOrNull(checkIn.administrationId),
      sinceLastMet: str(checkIn.sinceLastMet),
    },
    moodEventLink: str(d.moodEventLink),
    strategies: strings(d.strategies),
    disputeStage: stage
      ? { stage: oneOf(DisputeStage, stage.stage, DisputeStage.renegotiation), note: str(stage.note) }
      : null,
    techniques: someOf(Technique, d.techniques),
    lastAttemptReview: str(d.lastAttemptReview),
    patientWillTry: str(d.patientWillTry),
    safetyCheck: { done: safety.done === true, concern: safety.concern === true, note: str(safety.note) },
    curiosityNote: str(d.curiosityNote),
    finishedAt: strOrNull(d.finishedAt),
    amendments: list(d.amendments).map((a) => ({
      at: str(a.at),
      by: str(a.by),
      reason: str(a.reason),
      fromVersion: num(a.fromVersion) ?? 0,
    })),
  };
}

export const readTurn = (x: Record<string, unknown>): Turn => ({
  id: str(x.id),
  speaker: oneOf(Speaker, x.speaker, Speaker.patient),
  words: str(x.words),
  toneNonverbal: str(x.toneNonverbal),
  patientFeeling: str(x.patientFeeling),
  patientMeant: str(x.patientMeant),
  otherFeltGuess: str(x.otherFeltGuess),
  prompts: list(x.prompts).map((p) => ({ promptId: str(p.promptId), answer: str(p.answer) })),
  lapses: someOf(MentalizingLapse, x.lapses),
});

export function readAnalysis(r: CourseRecord): Saved<AnalysisEdit> {
  const d = r.data;
  return saved(r, {
    personId: strOrNull(d.personId),
    incident: str(d.incident),
    turns: list(d.turns).map(readTurn),
    intendedVsConveyed: str(d.intendedVsConveyed),
    patterns: someOf(CommunicationPattern, d.patterns),
    patternNote: str(d.patternNote),
    alternatives: list(d.alternatives).map((a) => ({ id: str(a.id), text: str(a.text) })),
    agreedAttempt: str(d.agreedAttempt),
  });
}

export function readRolePlay(r: CourseRecord): Saved<RolePlayEdit> {
  const d = r.data;
  return saved(r, {
    analysisId: strOrNull(d.analysisId),
    alternativeId: strOrNull(d.alternativeId),
    personId: strOrNull(d.personId),
    scenario: str(d.scenario),
    therapistPlays: oneOf(TherapistPlays, d.therapistPlays, TherapistPlays.other),
    rounds: list(d.rounds).map((x) => ({ id: str(x.id), tried: str(x.tried), feedback: str(x.feedback) })),
    confidenceBefore: score(d.confidenceBefore),
    confidenceAfter: score(d.confidenceAfter),
  });
}

export function readDecision(r: CourseRecord): Saved<DecisionEdit> {
  const d = r.data;
  const outcome = isRecord(d.outcome) ? d.outcome : null;
  const plan = sub(d.plan);
  return saved(r, {
    decision: str(d.decision),
    options: list(d.options).map((o) => ({
      id: str(o.id),
      text: str(o.text),
      pros: strings(o.pros),
      cons: strings(o.cons),
      emotionalConsequences: str(o.emotionalConsequences),
    })),
    chosenOptionId: strOrNull(d.chosenOptionId),
    plan: { who: str(plan.who), when: str(plan.when), words: str(plan.words) },
    outcome: outcome
      ? {
          sessionId: str(outcome.sessionId),
          result: oneOf(DecisionOutcome, outcome.result, DecisionOutcome.asPlanned),
          note: str(outcome.note),
        }
      : null,
  });
}

export function readRupture(r: CourseRecord): Saved<RuptureEdit> {
  const d = r.data;
  return saved(r, {
    type: oneOf(RuptureType, d.type, RuptureType.withdrawal),
    observed: str(d.observed),
    repair: str(d.repair),
    metacommunication: d.metacommunication === true,
    linkOutside: str(d.linkOutside),
    resolved: typeof d.resolved === 'boolean' ? d.resolved : null,
  });
}

/** What each part of the work form receives. */
export type WorkProps = AutosaveFields<SessionWorkEdit>;
