/**
 * The session's work in the middle phase: the DOMAIN §1.3 [Inference] session note (check-in, mood↔event link, the
 * problem area's strategies, the dispute stage, techniques, what the patient will try, a safety check), saved as the
 * session goes, finished at its end, and amended afterwards only with a reason (issue "Bad input").
 */
import { RuleViolation } from '../errors.js';
import { type DisputeStage, disputeStages } from '../initial/problem-areas.js';
import { assertEachOneOf, assertKnownId, assertOneOf, assertScore0to10, assertUnique, isBlank } from './checks.js';
import { type SessionWork, SessionWorkStatus, techniques } from './model.js';

/** The fields a clinician edits; status and the bookkeeping fields are set by `applySessionWorkChange`. */
export type SessionWorkFields = Pick<
  SessionWork,
  | 'checkIn'
  | 'moodEventLink'
  | 'strategies'
  | 'disputeStage'
  | 'techniques'
  | 'lastAttemptReview'
  | 'patientWillTry'
  | 'safetyCheck'
  | 'curiosityNote'
>;

export type SessionWorkPatch = Partial<SessionWorkFields> & { readonly status?: SessionWorkStatus | undefined };

export interface SessionWorkChangeMeta {
  /** When the change is made (ISO-8601 instant, from the caller: core has no clock). */
  readonly at: string;
  /** Who makes it (user id). */
  readonly by: string;
  /** The version of `current` being changed. */
  readonly version: number;
  /** Why a finished record changes; required then, ignored for a draft. */
  readonly reason?: string | undefined;
}

const editableKeys = [
  'checkIn',
  'moodEventLink',
  'strategies',
  'disputeStage',
  'techniques',
  'lastAttemptReview',
  'patientWillTry',
  'safetyCheck',
  'curiosityNote',
] as const satisfies readonly (keyof SessionWorkFields)[];

/** An empty draft for a session. */
export function newSessionWork(sessionId: string): SessionWork {
  return {
    sessionId,
    status: SessionWorkStatus.draft,
    checkIn: { mood: null, administrationId: null, sinceLastMet: '' },
    moodEventLink: '',
    strategies: [],
    disputeStage: null,
    techniques: [],
    lastAttemptReview: '',
    patientWillTry: '',
    safetyCheck: { done: false, concern: false, note: '' },
    curiosityNote: '',
    finishedAt: null,
    amendments: [],
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies a change. A draft takes any change and is finished with `status: 'finished'` (which sets `finishedAt`).
 * A finished record never goes back to draft; any change to it needs a non-empty reason, which is appended to
 * `amendments` with the version it amends (the earlier version itself is kept by the record store). A patch that
 * changes nothing returns the record as it was.
 */
export function applySessionWorkChange(
  current: SessionWork,
  patch: SessionWorkPatch,
  meta: SessionWorkChangeMeta,
): SessionWork {
  if (patch.status !== undefined) assertOneOf(patch.status, Object.values(SessionWorkStatus), 'status');
  const finished = current.status === SessionWorkStatus.finished;
  if (finished && patch.status === SessionWorkStatus.draft) {
    throw new RuleViolation('A finished session record stays finished; amend it with a reason instead.', 'status');
  }
  let next: SessionWork = { ...current };
  for (const key of editableKeys) {
    const value = patch[key];
    if (value !== undefined) next = { ...next, [key]: value };
  }
  const fieldsChanged = editableKeys.some((key) => !same(current[key], next[key]));

  if (finished) {
    if (!fieldsChanged) return current;
    if (isBlank(meta.reason)) {
      throw new RuleViolation('Say why a finished session record changes.', 'reason');
    }
    return {
      ...next,
      amendments: [
        ...current.amendments,
        { at: meta.at, by: meta.by, reason: (meta.reason ?? '').trim(), fromVersion: meta.version },
      ],
    };
  }
  if (patch.status === SessionWorkStatus.finished) {
    return { ...next, status: SessionWorkStatus.finished, finishedAt: meta.at };
  }
  return next;
}

export interface SessionWorkContext {
  /** Strategy ids of the course's chosen area(s) (checklistFor(area).strategies, DOMAIN §3.3–§3.6). */
  readonly strategyIds: readonly string[];
  /** The primary or secondary area is a role dispute, so a stage can be reassessed (DOMAIN §3.4). */
  readonly disputeArea: boolean;
  /** The course's measure administrations this session's check-in may point to. */
  readonly administrationIds: readonly string[];
}

/** Checks a session's work against the course: a RuleViolation names the first field that is wrong. */
export function assertSessionWork(w: SessionWork, ctx: SessionWorkContext): void {
  assertOneOf(w.status, Object.values(SessionWorkStatus), 'status');
  assertScore0to10(w.checkIn.mood, 'checkIn.mood');
  if (w.checkIn.administrationId !== null) {
    assertKnownId(w.checkIn.administrationId, ctx.administrationIds, 'checkIn.administrationId', 'measure');
  }
  assertUnique(w.strategies, 'strategies');
  for (const id of w.strategies) {
    if (!ctx.strategyIds.includes(id)) {
      throw new RuleViolation(`"${id}" is not a strategy of the chosen problem area.`, 'strategies');
    }
  }
  if (w.disputeStage !== null) {
    if (!ctx.disputeArea) {
      throw new RuleViolation('A dispute stage is reassessed only when the focus is a role dispute.', 'disputeStage');
    }
    assertOneOf(w.disputeStage.stage, disputeStages, 'disputeStage.stage');
  }
  assertEachOneOf(w.techniques, techniques, 'techniques');
  if (w.safetyCheck.concern && !w.safetyCheck.done) {
    throw new RuleViolation('A safety concern is recorded only with the safety check done.', 'safetyCheck.done');
  }
  if (w.status === SessionWorkStatus.finished && w.finishedAt === null) {
    throw new RuleViolation('A finished session record has its finishing time.', 'finishedAt');
  }
}

/** Planned sessions not yet held, never below 0: always visible, to both parties (DOMAIN §1.3 [Inference]). */
export function sessionsRemaining(plannedSessions: number, lastSessionNumber: number): number {
  if (!Number.isInteger(plannedSessions) || plannedSessions < 1) {
    throw new RuleViolation('Planned sessions is a whole number of at least 1.', 'plannedSessions');
  }
  if (!Number.isInteger(lastSessionNumber) || lastSessionNumber < 0) {
    throw new RuleViolation('The last session number is a whole number of at least 0.', 'lastSessionNumber');
  }
  return Math.max(0, plannedSessions - lastSessionNumber);
}

export interface DisputeStageEntry {
  readonly stage: DisputeStage;
  /** Null for the stage set when the problem area was chosen. */
  readonly sessionId: string | null;
  readonly sessionNumber: number | null;
  readonly note: string;
}

/**
 * The dispute's stage history: the stage from the problem-area choice first, then each session's reassessment in
 * session order (DOMAIN §3.4 [Inference]: "record a stage change each session it is reassessed"). Every reassessment
 * is listed, a stage confirmed unchanged included.
 */
export function disputeStageHistory(
  initial: { readonly stage: DisputeStage } | null,
  works: readonly { readonly sessionId: string; readonly sessionNumber: number; readonly work: SessionWork }[],
): DisputeStageEntry[] {
  const history: DisputeStageEntry[] = [];
  if (initial !== null) history.push({ stage: initial.stage, sessionId: null, sessionNumber: null, note: '' });
  const reassessed = works
    .filter((w) => w.work.disputeStage !== null)
    .slice()
    .sort((a, b) => a.sessionNumber - b.sessionNumber);
  for (const w of reassessed) {
    const ds = w.work.disputeStage;
    if (ds === null) continue;
    history.push({ stage: ds.stage, sessionId: w.sessionId, sessionNumber: w.sessionNumber, note: ds.note });
  }
  return history;
}
