/**
 * The mid-course review (issue item 6): at the course's mid-point (session 8 of 16, DOMAIN §1.5 [Inference]
 * "mid-point review around session 8") the workbench shows progress so far; without a response by then it asks the
 * clinician to record a review decision. Response and reliable change come from the measures API (measures/change.ts,
 * DOMAIN §9.9), never recomputed here.
 */
import type { ReviewJudgement } from '../ending/model.js';
import { RuleViolation } from '../errors.js';
import { type Judgement, type SeriesPoint, classifyCourse } from '../measures/change.js';
import type { Instrument } from '../measures/instrument.js';
import { MidCourseDecision } from './model.js';

/**
 * The session the review falls at: the middle session of the planned course, rounding up for an odd count
 * (16 → 8 as DOMAIN §1.5 [Inference]; 12 → 6; 15 → 8, with 7 sessions before and after).
 */
export function midCourseReviewAt(plannedSessions: number): number {
  if (!Number.isInteger(plannedSessions) || plannedSessions < 1) {
    throw new RuleViolation('Planned sessions is a whole number of at least 1.', 'plannedSessions');
  }
  return Math.ceil(plannedSessions / 2);
}

export const MidCourseState = {
  notYet: 'not-yet',
  responding: 'responding',
  decisionNeeded: 'decision-needed',
  decided: 'decided',
} as const;
export type MidCourseState = (typeof MidCourseState)[keyof typeof MidCourseState];

export interface MidCourseInput {
  readonly plannedSessions: number;
  /** The number of the latest session held (0 before the first). */
  readonly lastSessionNumber: number;
  /** The course's primary depression measure (PHQ-9, or EPDS for a perinatal course); null when none is given. */
  readonly instrument: Instrument | null;
  /** Its totals so far, any order (the earliest is the baseline). */
  readonly series: readonly SeriesPoint[];
  readonly reviewRecorded: boolean;
}

export interface MidCourseStatusResult {
  readonly reviewAt: number;
  readonly state: MidCourseState;
  readonly instrumentId: string | null;
  readonly baseline: number | null;
  readonly latest: number | null;
  /** Baseline to latest; null without an instrument or two measurements. */
  readonly reliableImprovement: ReviewJudgement | null;
  /** Added beside the contract's fields: response (≥ 50% fall), which also counts as responding. */
  readonly response: ReviewJudgement | null;
}

/** The measures API's judgement as a review shows it: a source is always named (DOMAIN §9.9 where none is sourced). */
export function toReviewJudgement(j: Judgement): ReviewJudgement {
  return { met: j.met, definition: j.definition, source: j.source ?? 'DOMAIN §9.9' };
}

/**
 * Where the course stands on its mid-course review:
 * - `decided` once a review is recorded (whenever it was recorded);
 * - `not-yet` before the mid-point session has been held;
 * - `responding` from the mid-point when the primary measure shows reliable improvement or response from baseline
 *   (the issue: "with no response by then (DOMAIN: no reliable improvement)"; DOMAIN §9.9 definitions, the
 *   instrument's thresholds; EPDS has no sourced reliable-change threshold, so only response can show it there);
 * - `decision-needed` otherwise, including when there is no instrument or fewer than two measurements: progress
 *   cannot be shown, so the clinician decides (a conservative default).
 */
export function midCourseStatus(input: MidCourseInput): MidCourseStatusResult {
  const reviewAt = midCourseReviewAt(input.plannedSessions);
  if (!Number.isInteger(input.lastSessionNumber) || input.lastSessionNumber < 0) {
    throw new RuleViolation('The last session number is a whole number of at least 0.', 'lastSessionNumber');
  }
  const { instrument } = input;
  const course = instrument === null ? null : classifyCourse(instrument, input.series);
  const change = course?.change ?? null;
  const reliableImprovement = change === null ? null : toReviewJudgement(change.reliableImprovement);
  const response = change === null ? null : toReviewJudgement(change.response);
  const state: MidCourseState = input.reviewRecorded
    ? MidCourseState.decided
    : input.lastSessionNumber < reviewAt
      ? MidCourseState.notYet
      : reliableImprovement?.met === true || response?.met === true
        ? MidCourseState.responding
        : MidCourseState.decisionNeeded;
  return {
    reviewAt,
    state,
    instrumentId: instrument?.id ?? null,
    baseline: course?.baseline?.total ?? null,
    latest: course?.latest?.total ?? null,
    reliableImprovement,
    response,
  };
}

export interface MidCourseDecisionEntry {
  readonly id: MidCourseDecision;
  readonly label: string;
  readonly source: string;
}

/** What a clinician may decide at the review, each with where the option comes from. */
export const midCourseDecisionCatalogue: readonly MidCourseDecisionEntry[] = [
  {
    id: MidCourseDecision.continueAsPlanned,
    label: 'Continue as planned',
    source: 'DOMAIN §1.5 [Inference] mid-point review around session 8',
  },
  {
    id: MidCourseDecision.revisitFocus,
    label: 'Revisit the focus with the patient',
    source:
      'DOMAIN §3.2: the focus is negotiated and agreed with the patient [S2][S3]; careful assessment may uncover a hidden grief or dispute [S6][S51]',
  },
  {
    id: MidCourseDecision.reviewMedication,
    label: 'Review the need for medication',
    source: 'DOMAIN §1.2 evaluate the need for medication [S4]; §3.2 IPT plus medication if no improvement [S6]',
  },
  {
    id: MidCourseDecision.considerAlternative,
    label: 'Consider an alternative treatment',
    source: 'DOMAIN §3.2 consider alternatives if no improvement [S6]; §6.1 offer alternative treatments [S3][S45]',
  },
];

/** A recorded review has a known decision, a rationale, and the session it was recorded at. */
export function assertMidCourseReview(
  review: { readonly decision: MidCourseDecision; readonly rationale: string; readonly atSession: number },
  lastSessionNumber: number,
): void {
  if (!Object.values(MidCourseDecision).includes(review.decision)) {
    throw new RuleViolation(`"${String(review.decision)}" is not a mid-course decision.`, 'decision');
  }
  if (review.rationale.trim() === '') throw new RuleViolation('Write why.', 'rationale');
  if (!Number.isInteger(review.atSession) || review.atSession < 1 || review.atSession > lastSessionNumber) {
    throw new RuleViolation('The review is recorded at a session that has been held.', 'atSession');
  }
}
