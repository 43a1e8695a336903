import { describe, expect, it } from 'vitest';
import { epds } from '../measures/epds.js';
import { phq9 } from '../measures/phq-9.js';
import { getInstrument } from '../measures/registry.js';
import { midCourseDecisionCatalogue, midCourseReviewAt, midCourseStatus } from './mid-course.js';
import { MidCourseDecision } from './model.js';

const weekly = (totals: readonly number[]) =>
  totals.map((total, i) => ({ date: `2026-03-${String(2 + 7 * i).padStart(2, '0')}`, total }));

const base = { plannedSessions: 16, instrument: phq9, reviewRecorded: false } as const;

describe(midCourseReviewAt.name, () => {
  it('is session 8 of 16 (DOMAIN §1.5), the middle session of other planned lengths', () => {
    expect(midCourseReviewAt(16)).toBe(8);
    expect(midCourseReviewAt(12)).toBe(6);
    expect(midCourseReviewAt(20)).toBe(10);
    expect(midCourseReviewAt(15)).toBe(8);
    expect(midCourseReviewAt(8)).toBe(4);
    expect(midCourseReviewAt(6)).toBe(3);
  });

  it('refuses a planned length that is not a whole number of sessions', () => {
    expect(() => midCourseReviewAt(0)).toThrow(expect.objectContaining({ field: 'plannedSessions' }));
    expect(() => midCourseReviewAt(12.5)).toThrow(expect.objectContaining({ field: 'plannedSessions' }));
  });
});

describe(midCourseStatus.name, () => {
  it('is not yet due before the mid-point, even without improvement', () => {
    const s = midCourseStatus({ ...base, lastSessionNumber: 7, series: weekly([18, 18, 19]) });
    expect(s).toMatchObject({ reviewAt: 8, state: 'not-yet', instrumentId: 'phq-9', baseline: 18, latest: 19 });
    expect(s.reliableImprovement?.met).toBe(false);
    expect(midCourseStatus({ ...base, lastSessionNumber: 0, series: [] }).state).toBe('not-yet');
  });

  it('is responding at the mid-point with reliable improvement (PHQ-9 fall ≥ 6, the instrument threshold)', () => {
    const s = midCourseStatus({ ...base, lastSessionNumber: 8, series: weekly([18, 15, 12]) });
    expect(s.state).toBe('responding');
    expect(s.baseline).toBe(18);
    expect(s.latest).toBe(12);
    expect(s.reliableImprovement).toEqual({
      met: true,
      definition: 'Improved by at least 6 points.',
      source: phq9.thresholds.reliableChange?.source,
    });
    expect(s.response?.met).toBe(false);
  });

  it('counts a response (≥ 50% fall) as responding even when the fall is under the reliable-change points', () => {
    const s = midCourseStatus({ ...base, lastSessionNumber: 9, series: weekly([10, 7, 5]) });
    expect(s.reliableImprovement?.met).toBe(false);
    expect(s.response?.met).toBe(true);
    expect(s.state).toBe('responding');
  });

  it('needs a decision at or after the mid-point with no reliable improvement', () => {
    const s = midCourseStatus({ ...base, lastSessionNumber: 8, series: weekly([18, 17, 14]) });
    expect(s.state).toBe('decision-needed');
    expect(s.reliableImprovement?.met).toBe(false);
    expect(midCourseStatus({ ...base, lastSessionNumber: 12, series: weekly([18, 20]) }).state).toBe('decision-needed');
  });

  it('needs a decision with too few measurements to show progress', () => {
    const one = midCourseStatus({ ...base, lastSessionNumber: 8, series: weekly([18]) });
    expect(one).toMatchObject({ state: 'decision-needed', baseline: 18, latest: 18, reliableImprovement: null });
    const none = midCourseStatus({ ...base, lastSessionNumber: 8, series: [] });
    expect(none).toMatchObject({ state: 'decision-needed', baseline: null, latest: null, reliableImprovement: null });
    const noInstrument = midCourseStatus({ ...base, instrument: null, lastSessionNumber: 8, series: [] });
    expect(noInstrument).toMatchObject({ state: 'decision-needed', instrumentId: null, reliableImprovement: null });
  });

  it('is decided once a review is recorded, whatever the measures say', () => {
    expect(
      midCourseStatus({ ...base, reviewRecorded: true, lastSessionNumber: 8, series: weekly([18, 18]) }).state,
    ).toBe('decided');
    expect(
      midCourseStatus({ ...base, reviewRecorded: true, lastSessionNumber: 10, series: weekly([18, 10]) }).state,
    ).toBe('decided');
  });

  it('uses the mid-point of other planned lengths', () => {
    const twelve = { ...base, plannedSessions: 12 };
    expect(midCourseStatus({ ...twelve, lastSessionNumber: 5, series: weekly([18, 18]) })).toMatchObject({
      reviewAt: 6,
      state: 'not-yet',
    });
    expect(midCourseStatus({ ...twelve, lastSessionNumber: 6, series: weekly([18, 18]) }).state).toBe(
      'decision-needed',
    );
    const twenty = { ...base, plannedSessions: 20 };
    expect(midCourseStatus({ ...twenty, lastSessionNumber: 9, series: weekly([18, 18]) }).state).toBe('not-yet');
    expect(midCourseStatus({ ...twenty, lastSessionNumber: 10, series: weekly([18, 18]) }).state).toBe(
      'decision-needed',
    );
  });

  it('orders the series by date: the earliest total is the baseline', () => {
    const s = midCourseStatus({
      ...base,
      lastSessionNumber: 8,
      series: [
        { date: '2026-04-20', total: 11 },
        { date: '2026-03-02', total: 19 },
      ],
    });
    expect(s).toMatchObject({ baseline: 19, latest: 11, state: 'responding' });
  });

  it('on the EPDS, which has no sourced reliable-change threshold, only a response shows progress', () => {
    const improving = midCourseStatus({ ...base, instrument: epds, lastSessionNumber: 8, series: weekly([16, 8]) });
    expect(improving.reliableImprovement?.met).toBeNull();
    expect(improving.state).toBe('responding');
    const flat = midCourseStatus({ ...base, instrument: epds, lastSessionNumber: 8, series: weekly([16, 12]) });
    expect(flat.state).toBe('decision-needed');
  });

  it('refuses totals outside the instrument range and a malformed session number', () => {
    expect(() => midCourseStatus({ ...base, lastSessionNumber: 8, series: weekly([30]) })).toThrow(
      expect.objectContaining({ field: 'total' }),
    );
    expect(() => midCourseStatus({ ...base, lastSessionNumber: -1, series: [] })).toThrow(
      expect.objectContaining({ field: 'lastSessionNumber' }),
    );
  });

  it('works with an instrument from the registry by id', () => {
    expect(
      midCourseStatus({ ...base, instrument: getInstrument('phq-9'), lastSessionNumber: 8, series: weekly([20, 9]) })
        .state,
    ).toBe('responding');
  });
});

describe('midCourseDecisionCatalogue', () => {
  it('lists every mid-course decision once, each with a DOMAIN source', () => {
    expect(midCourseDecisionCatalogue.map((d) => d.id).sort()).toEqual(Object.values(MidCourseDecision).sort());
    for (const d of midCourseDecisionCatalogue) expect(d.source).toMatch(/DOMAIN §/);
  });
});
