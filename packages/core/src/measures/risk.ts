/**
 * Risk rules that hold, not only flags (shared/ipt/DOMAIN.md §10.2; ERRATA must-fix 1 and rows 84–92):
 * - an open risk flag blocks the steps DOMAIN §10.2 puts after the assessment — leaving the initial phase and
 *   finishing ("signing") a session's note — until a clinician records a safety review; an override needs a written
 *   reason, is audited by the server, and leaves the flag open;
 * - a safety review's required content scales with the risk level the clinician judges (the software never assigns
 *   one, §10.2 step 3): what was asked, the structured assessment of §10.2 option (b), the Stanley–Brown safety plan
 *   of §10.1 ("any positive: create/update" it, §10.2 step 4) and when to review again.
 *
 * DOMAIN §10.2 is an [Inference] design that "must be reviewed and signed off by a clinical governance lead"; which
 * field is required at which level below is this product's default protocol for that sign-off, written in one table
 * (`reviewRequirements`) so a service can see and change it in one place.
 */
import { RuleViolation } from '../errors.js';
import { getInstrument, isInstrumentId } from './registry.js';

export const riskLevels = ['low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevelValue = (typeof riskLevels)[number];

/** The structured assessment's items, DOMAIN §10.2 option (b), in its order. */
export const assessmentItems = [
  'ideation',
  'frequency',
  'plan',
  'intent',
  'preparatoryBehaviour',
  'pastAttempts',
  'accessToMeans',
  'protectiveFactors',
] as const;
export type AssessmentItem = (typeof assessmentItems)[number];

/** The six steps of the Stanley & Brown (2012) safety plan, DOMAIN §10.1, in the order it is used in a crisis. */
export const safetyPlanSteps = [
  'warningSigns',
  'internalCoping',
  'socialContactsAndSettings',
  'peopleToAskForHelp',
  'professionalsAndAgencies',
  'makingTheEnvironmentSafe',
] as const;
export type SafetyPlanStep = (typeof safetyPlanSteps)[number];

/** What a flag contributes to the rules: whether it was answered at all, and whether it needs a same-day review. */
export interface RiskFlagFacts {
  readonly id: string;
  readonly instrumentName: string;
  readonly item: number | string;
  readonly raisedAt: string;
  /** False for a "not asked" flag (the risk item had no answer). */
  readonly answered: boolean;
  readonly sameDay: boolean;
}

export interface SafetyReviewFacts {
  readonly riskLevel: RiskLevelValue;
  readonly asked: string;
  readonly assessment: Readonly<Record<AssessmentItem, string>>;
  readonly safetyPlan: Readonly<Record<SafetyPlanStep, string>>;
  /** ISO date. */
  readonly reviewBy: string;
}

export interface ReviewRequirements {
  readonly assessment: readonly AssessmentItem[];
  readonly safetyPlan: readonly SafetyPlanStep[];
  /** The latest review-by date allowed, in days from today; null when the clinician's judgement alone sets it. */
  readonly reviewWithinDays: number | null;
}

/** The items that say what the risk is: ideation and, if any, plan and intent, and what protects (§10.2 (b)). */
const coreAssessment: readonly AssessmentItem[] = ['ideation', 'plan', 'intent', 'protectiveFactors'];

/**
 * The content a review must hold, by the level the clinician judges and the flags it answers:
 * - every review: what was asked, and the core of the structured assessment (§10.2 step 2: the assessment comes
 *   "BEFORE the session note can be signed");
 * - a positive answer (any flag that was answered): the whole safety plan (§10.2 step 4: "any positive:
 *   create/update Stanley–Brown safety plan");
 * - high or imminent: every assessment item (§10.2 (b)), and a review again within a week — IPT meets weekly
 *   (DOMAIN §0) and the item-9 review repeats "at every session while flag is open" (§10.2);
 * - a same-day flag (item 9 ≥ 2, §10.2 step 4 / ERRATA row 85): the same within-a-week review;
 * - imminent: reviewed again the same day (§10.2 step 4: the emergency pathway, "do not leave patient alone").
 */
export function reviewRequirements(level: RiskLevelValue, flags: readonly RiskFlagFacts[]): ReviewRequirements {
  const positive = flags.some((f) => f.answered);
  const sameDay = flags.some((f) => f.sameDay);
  const serious = level === 'high' || level === 'imminent';
  return {
    assessment: serious ? assessmentItems : coreAssessment,
    safetyPlan: positive || serious ? safetyPlanSteps : [],
    reviewWithinDays: level === 'imminent' ? 0 : serious || sameDay ? 7 : null,
  };
}

/** Text that says something: at least two letters or digits ("no" does; ".", "-" or "?" alone do not). */
export function isSubstantive(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Refuses a review that does not hold what its level needs; the RuleViolation names the first missing field
 * (`asked`, `assessment.plan`, `safetyPlan.warningSigns`, `reviewBy`).
 */
export function assertSafetyReview(review: SafetyReviewFacts, flags: readonly RiskFlagFacts[], today: string): void {
  if (review.reviewBy < today) throw new RuleViolation('The review date cannot be in the past.', 'reviewBy');
  if (!isSubstantive(review.asked)) {
    throw new RuleViolation('Record what you asked and what the patient said, in words.', 'asked');
  }
  const needs = reviewRequirements(review.riskLevel, flags);
  const level = review.riskLevel;
  for (const item of needs.assessment) {
    if (!isSubstantive(review.assessment[item])) {
      throw new RuleViolation(`At ${level} risk, record this part of the assessment.`, `assessment.${item}`);
    }
  }
  for (const step of needs.safetyPlan) {
    if (!isSubstantive(review.safetyPlan[step])) {
      throw new RuleViolation(
        'A risk answer was given: complete this step of the safety plan with the patient.',
        `safetyPlan.${step}`,
      );
    }
  }
  if (needs.reviewWithinDays !== null) {
    const latest = addDays(today, needs.reviewWithinDays);
    if (review.reviewBy > latest) {
      throw new RuleViolation(
        needs.reviewWithinDays === 0
          ? 'At imminent risk, review again today.'
          : `Review again within ${needs.reviewWithinDays} days (by ${latest}): the risk is reviewed at every session while it lasts.`,
        'reviewBy',
      );
    }
  }
}

/** The steps an open flag holds back (DOMAIN §10.2 step 2). */
export const RiskGatedStep = {
  leaveInitialPhase: 'leave-initial-phase',
  finishSessionWork: 'finish-session-work',
} as const;
export type RiskGatedStep = (typeof RiskGatedStep)[keyof typeof RiskGatedStep];

const stepWords: Record<RiskGatedStep, string> = {
  'leave-initial-phase': 'before the course leaves the initial phase',
  'finish-session-work': "before the session's note is finished",
};

/** The step was refused: flags are open. `flagIds` names them for the form. */
export class RiskFlagsOpen extends RuleViolation {
  constructor(
    readonly flagIds: readonly string[],
    step: RiskGatedStep,
    flags: readonly RiskFlagFacts[],
  ) {
    const what = flags.map((f) => `${f.instrumentName} item ${f.item} (raised ${f.raisedAt.slice(0, 10)})`).join('; ');
    super(
      `A risk flag is open: ${what}. Record a safety review ${stepWords[step]}, or override with a written reason (the flag stays open).`,
      'riskOverrideReason',
    );
  }
}

export interface RiskGateDecision {
  readonly overridden: boolean;
  /** The open flags the override went past. */
  readonly flagIds: readonly string[];
  /** The override's reason, trimmed. */
  readonly reason: string | null;
}

/**
 * Lets a gated step through when no flag is open; else only with a written override reason, which the caller
 * records and audits. An override never closes a flag: only a safety review does.
 */
export function assertRiskReviewed(
  open: readonly RiskFlagFacts[],
  step: RiskGatedStep,
  overrideReason?: string | null,
): RiskGateDecision {
  if (open.length === 0) return { overridden: false, flagIds: [], reason: null };
  const reason = (overrideReason ?? '').trim();
  if (reason === '') {
    throw new RiskFlagsOpen(
      open.map((f) => f.id),
      step,
      open,
    );
  }
  if (!isSubstantive(reason)) {
    throw new RuleViolation('Say in words why this step goes ahead with a risk flag open.', 'riskOverrideReason');
  }
  return { overridden: true, flagIds: open.map((f) => f.id), reason };
}

/** The latest review's date to review again, and whether it has passed with no later review (DOMAIN §10.2). */
export function reviewDue(
  reviews: readonly { readonly reviewBy: string; readonly at: string }[],
  today: string,
): { readonly reviewBy: string; readonly overdue: boolean } | null {
  const latest = [...reviews].sort((a, b) => b.at.localeCompare(a.at))[0];
  if (latest === undefined) return null;
  return { reviewBy: latest.reviewBy, overdue: latest.reviewBy < today };
}

/**
 * What a stored flag (instrument, code) means by its instrument's rules: whether its item was answered, and whether
 * it needs a same-day review. An unknown instrument or code reads as answered and not same-day.
 */
export function flagRuleFacts(instrumentId: string, code: string): { answered: boolean; sameDay: boolean } {
  if (!isInstrumentId(instrumentId)) return { answered: true, sameDay: false };
  const items = getInstrument(instrumentId).items;
  const notAsked = items.some((i) => i.notAskedFlag?.code === code);
  const sameDay = items.some((i) => (i.flags ?? []).some((r) => r.code === code && r.sameDay === true));
  return { answered: !notAsked, sameDay };
}
