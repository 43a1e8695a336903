import { describe, expect, it } from 'vitest';
import { assembleRiskHistory, type RiskHistoryInput } from './risk-history.js';

const flag = (id: string, raisedAt: string, reviewId: string | null): RiskHistoryInput['flags'][number] => ({
  id,
  instrumentId: 'phq-9',
  instrumentName: 'PHQ-9',
  item: 9,
  answer: 'Several days',
  label: 'Thoughts of self-harm endorsed',
  raisedAt,
  reviewId,
});
const review = (id: string, at: string, reviewBy: string): RiskHistoryInput['reviews'][number] => ({
  id,
  at,
  riskLevel: 'moderate',
  reviewBy,
  byName: 'Dr Rivera',
});

describe(assembleRiskHistory.name, () => {
  const input: RiskHistoryInput = {
    flags: [flag('f2', '2026-03-02T10:00:00Z', null), flag('f1', '2026-01-05T10:00:00Z', 'r1')],
    reviews: [review('r2', '2026-02-09T10:00:00Z', '2026-02-23'), review('r1', '2026-01-05T11:00:00Z', '2026-01-19')],
    today: '2026-03-09',
  };

  it('lists flags and reviews oldest first, each flag open or reviewed with when', () => {
    const h = assembleRiskHistory(input);
    expect(h.flags.map((f) => [f.id, f.status, f.reviewedAt])).toEqual([
      ['f1', 'reviewed', '2026-01-05T11:00:00Z'],
      ['f2', 'open', null],
    ]);
    expect(h.reviews.map((r) => [r.id, r.flagsAnswered, r.supersededAt])).toEqual([
      ['r1', 1, '2026-02-09T10:00:00Z'],
      ['r2', 0, null],
    ]);
  });

  it('calls a review overdue once its review-by date has passed with no later review', () => {
    const h = assembleRiskHistory(input);
    // r1's date passed too, but r2 superseded it.
    expect(h.reviews.map((r) => r.overdue)).toEqual([false, true]);
    expect(h.overdue).toEqual([{ reviewId: 'r2', reviewBy: '2026-02-23', daysOverdue: 14 }]);
    expect(assembleRiskHistory({ ...input, today: '2026-02-23' }).overdue).toEqual([]);
  });

  it('is empty for a course with no flags and no reviews', () => {
    expect(assembleRiskHistory({ flags: [], reviews: [], today: '2026-03-09' })).toEqual({
      flags: [],
      reviews: [],
      overdue: [],
    });
  });
});
