import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../errors.js';
import { epds } from './epds.js';
import { phq9 } from './phq-9.js';
import {
  assertRiskReviewed,
  assertSafetyReview,
  flagRuleFacts,
  type RiskFlagFacts,
  RiskFlagsOpen,
  RiskGatedStep,
  reviewDue,
  reviewRequirements,
  type SafetyReviewFacts,
} from './risk.js';
import { scoreAdministration } from './score.js';

const today = '2026-11-20';
const flag = (over: Partial<RiskFlagFacts> = {}): RiskFlagFacts => ({
  id: 'f1',
  instrumentName: 'PHQ-9',
  item: 9,
  raisedAt: '2026-11-20T09:10:00Z',
  answered: true,
  sameDay: false,
  ...over,
});
const full = (text: string) => ({
  assessment: {
    ideation: `Passive wish not to wake, ${text}`,
    frequency: 'Most evenings this week',
    plan: 'No plan',
    intent: 'No intent',
    preparatoryBehaviour: 'None',
    pastAttempts: 'None',
    accessToMeans: 'Medicines kept by her partner',
    protectiveFactors: 'Her daughter; her sister nearby',
  },
  safetyPlan: {
    warningSigns: 'Lying awake after midnight',
    internalCoping: 'Walk to the park with the pram',
    socialContactsAndSettings: 'Café by the library',
    peopleToAskForHelp: 'Sister Ilse',
    professionalsAndAgencies: 'Practice duty line; crisis line',
    makingTheEnvironmentSafe: 'Partner keeps medicines',
  },
});
const review = (over: Partial<SafetyReviewFacts> = {}): SafetyReviewFacts => ({
  riskLevel: 'high',
  asked: 'Asked about thoughts of suicide, plans and intent; she described passive thoughts.',
  ...full('since the birth'),
  reviewBy: '2026-11-25',
  ...over,
});

function violation(fn: () => void): RuleViolation {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return e;
    throw e;
  }
  throw new Error('expected a RuleViolation');
}

describe('a safety review holds what its level needs (DOMAIN §10.2)', () => {
  it('takes a complete high-risk review with a review within a week', () => {
    expect(() => assertSafetyReview(review(), [flag({ sameDay: true })], today)).not.toThrow();
  });

  it('refuses the review the tester sent: high, asked ".", empty assessment and plan, review in six months', () => {
    const empty = review({
      asked: '.',
      assessment: {
        ideation: '',
        frequency: '',
        plan: '',
        intent: '',
        preparatoryBehaviour: '',
        pastAttempts: '',
        accessToMeans: '',
        protectiveFactors: '',
      },
      reviewBy: '2027-05-20',
    });
    expect(violation(() => assertSafetyReview(empty, [flag({ sameDay: true }), flag({ id: 'f2' })], today)).field).toBe(
      'asked',
    );
    const asked = { ...empty, asked: 'Asked directly about suicide.' };
    expect(violation(() => assertSafetyReview(asked, [flag({ sameDay: true })], today)).field).toBe(
      'assessment.ideation',
    );
    const assessed = {
      ...asked,
      assessment: full('').assessment,
      safetyPlan: { ...full('').safetyPlan, internalCoping: ' ' },
    };
    expect(violation(() => assertSafetyReview(assessed, [flag({ sameDay: true })], today)).field).toBe(
      'safetyPlan.internalCoping',
    );
    const planned = { ...assessed, safetyPlan: full('').safetyPlan };
    const late = violation(() => assertSafetyReview(planned, [flag({ sameDay: true })], today));
    expect(late.field).toBe('reviewBy');
    expect(late.message).toContain('2026-11-27');
  });

  it('scales with the level: low needs the core of the assessment, high every item', () => {
    expect(reviewRequirements('low', [flag({ answered: false })])).toEqual({
      assessment: ['ideation', 'plan', 'intent', 'protectiveFactors'],
      safetyPlan: [],
      reviewWithinDays: null,
    });
    expect(reviewRequirements('high', [flag()]).assessment).toHaveLength(8);
    expect(reviewRequirements('imminent', [flag()]).reviewWithinDays).toBe(0);
    // A positive answer needs the safety plan whatever the level (§10.2 step 4 "any positive").
    expect(reviewRequirements('low', [flag()]).safetyPlan).toHaveLength(6);
    // A same-day flag needs a review again within a week even when the clinician judges the risk low.
    expect(reviewRequirements('low', [flag({ sameDay: true })]).reviewWithinDays).toBe(7);
  });

  it('a not-asked flag answered at low risk needs no safety plan and takes "no" as an answer', () => {
    const r = review({
      riskLevel: 'low',
      asked: 'Asked item 9 directly: no thoughts of death or self-harm.',
      assessment: { ...full('').assessment, ideation: 'no', plan: 'no', intent: 'no', frequency: '' },
      safetyPlan: { ...full('').safetyPlan, warningSigns: '' },
      reviewBy: '2027-01-30',
    });
    expect(() => assertSafetyReview(r, [flag({ answered: false })], today)).not.toThrow();
  });

  it('imminent risk is reviewed again today; a past date is refused', () => {
    expect(violation(() => assertSafetyReview(review({ riskLevel: 'imminent' }), [flag()], today)).message).toBe(
      'At imminent risk, review again today.',
    );
    expect(() => assertSafetyReview(review({ riskLevel: 'imminent', reviewBy: today }), [flag()], today)).not.toThrow();
    expect(violation(() => assertSafetyReview(review({ reviewBy: '2026-11-19' }), [flag()], today)).field).toBe(
      'reviewBy',
    );
  });
});

describe('an open flag holds back the gated steps', () => {
  it('lets a step through with nothing open', () => {
    expect(assertRiskReviewed([], RiskGatedStep.finishSessionWork)).toEqual({
      overridden: false,
      flagIds: [],
      reason: null,
    });
  });

  it('refuses with the flags named, and takes a written override that keeps their ids', () => {
    const open = [flag({ instrumentName: 'EPDS', item: 10 })];
    const e = violation(() => assertRiskReviewed(open, RiskGatedStep.leaveInitialPhase));
    expect(e).toBeInstanceOf(RiskFlagsOpen);
    expect(e.message).toContain('EPDS item 10 (raised 2026-11-20)');
    expect(e.message).toContain('before the course leaves the initial phase');
    expect(violation(() => assertRiskReviewed(open, RiskGatedStep.leaveInitialPhase, ' . ')).field).toBe(
      'riskOverrideReason',
    );
    expect(
      assertRiskReviewed(open, RiskGatedStep.leaveInitialPhase, ' Reviewed by the duty psychiatrist today '),
    ).toEqual({ overridden: true, flagIds: ['f1'], reason: 'Reviewed by the duty psychiatrist today' });
  });
});

describe('a missing risk item is "not asked", never "none" (ERRATA must-fix 1)', () => {
  it('PHQ-9 with item 9 empty raises a not-asked flag and no total', () => {
    const r = scoreAdministration(phq9, [1, 1, 2, 1, 0, 1, 1, 0, null]);
    expect(r.scorable).toBe(false);
    expect(r.flags).toEqual([
      expect.objectContaining({ item: 9, code: 'self-harm-not-asked', answered: false, sameDay: false }),
    ]);
  });

  it('PHQ-9 item 9 "more than half the days" raises the any-answer and the same-day flags', () => {
    const r = scoreAdministration(phq9, [1, 1, 2, 1, 0, 1, 1, 0, 2]);
    expect(r.flags.map((f) => [f.code, f.sameDay, f.answered])).toEqual([
      ['self-harm-thoughts', false, true],
      ['self-harm-thoughts-frequent', true, true],
    ]);
  });

  it('EPDS with item 10 empty raises a not-asked flag', () => {
    const r = scoreAdministration(epds, [0, 1, 2, 1, 1, 2, 1, 1, 1, null]);
    expect(r.flags.map((f) => [f.item, f.code])).toEqual([[10, 'self-harm-not-asked']]);
  });
});

describe('review due', () => {
  it('reads the latest review and whether its date has passed', () => {
    expect(reviewDue([], today)).toBeNull();
    const reviews = [
      { reviewBy: '2026-11-30', at: '2026-11-18T10:00:00Z' },
      { reviewBy: '2026-11-19', at: '2026-11-12T10:00:00Z' },
    ];
    expect(reviewDue(reviews, today)).toEqual({ reviewBy: '2026-11-30', overdue: false });
    expect(reviewDue(reviews, '2026-12-01')).toEqual({ reviewBy: '2026-11-30', overdue: true });
  });
});

describe('flagRuleFacts', () => {
  it('reads a stored flag by its instrument', () => {
    expect(flagRuleFacts('phq-9', 'self-harm-thoughts-frequent')).toEqual({ answered: true, sameDay: true });
    expect(flagRuleFacts('phq-9', 'self-harm-not-asked')).toEqual({ answered: false, sameDay: false });
    expect(flagRuleFacts('epds', 'self-harm-thoughts')).toEqual({ answered: true, sameDay: false });
  });
});
