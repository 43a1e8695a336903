import { describe, expect, it } from 'vitest';
import { defaultSchedule, measuresDue, scheduledAt, type ScheduleSession } from './measure-schedule.js';

const weekly = (n: number): ScheduleSession[] =>
  Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    date: `2026-01-${String(5 + 7 * i).padStart(2, '0')}`,
    attendance: 'attended',
  }));

describe(defaultSchedule.name, () => {
  it('gives PHQ-9 every session and GAD-7 and WSAS at intake and every 4 sessions; EPDS for a perinatal course', () => {
    const rules = defaultSchedule(false);
    const at = (n: number) => rules.filter((r) => scheduledAt(r, n)).map((r) => r.instrumentId);
    expect(at(1)).toEqual(['phq-9', 'gad-7', 'wsas']);
    expect(at(2)).toEqual(['phq-9']);
    expect(at(5)).toEqual(['phq-9', 'gad-7', 'wsas']);
    expect(defaultSchedule(true)[0]?.instrumentId).toBe('epds');
    expect(rules.map((r) => r.instrumentId)).not.toContain('phq-2');
  });
});

describe(measuresDue.name, () => {
  const rules = defaultSchedule(false);

  it('asks for everything before the first session', () => {
    expect(measuresDue(rules, [], [], 1)).toEqual([
      { instrumentId: 'phq-9', sessionNumber: 1, status: 'due' },
      { instrumentId: 'gad-7', sessionNumber: 1, status: 'due' },
      { instrumentId: 'wsas', sessionNumber: 1, status: 'due' },
    ]);
  });

  it('marks a measure missed at the last session that called for it as overdue', () => {
    const given = [
      { instrumentId: 'phq-9', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'gad-7', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'wsas', sessionNumber: 1, date: '2026-01-05' },
    ];
    expect(measuresDue(rules, weekly(2), given, 3)).toEqual([
      { instrumentId: 'phq-9', sessionNumber: 2, status: 'overdue' },
      { instrumentId: 'phq-9', sessionNumber: 3, status: 'due' },
    ]);
  });

  it('counts a link answered between sessions for the session it preceded', () => {
    const given = [
      { instrumentId: 'phq-9', sessionNumber: null, date: '2026-01-11' },
      { instrumentId: 'gad-7', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'wsas', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'phq-9', sessionNumber: 1, date: '2026-01-05' },
    ];
    expect(measuresDue(rules, weekly(2), given, 3)).toEqual([
      { instrumentId: 'phq-9', sessionNumber: 3, status: 'due' },
    ]);
  });

  it('does not hold a missed session against a measure', () => {
    const sessions: ScheduleSession[] = [...weekly(1), { number: 2, date: '2026-01-12', attendance: 'no-show' }];
    const given = rules.map((r) => ({ instrumentId: r.instrumentId, sessionNumber: 1, date: '2026-01-05' }));
    expect(measuresDue(rules, sessions, given, 3)).toEqual([
      { instrumentId: 'phq-9', sessionNumber: 3, status: 'due' },
    ]);
  });
});
