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
      { instrumentId: 'phq-9', sessionNumber: 1, status: 'due', overdueSince: null },
      { instrumentId: 'gad-7', sessionNumber: 1, status: 'due', overdueSince: null },
      { instrumentId: 'wsas', sessionNumber: 1, status: 'due', overdueSince: null },
    ]);
  });

  it('makes a measure missed at a session that called for it, and due again next, one overdue line', () => {
    const given = [
      { instrumentId: 'phq-9', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'gad-7', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'wsas', sessionNumber: 1, date: '2026-01-05' },
    ];
    expect(measuresDue(rules, weekly(2), given, 3)).toEqual([
      { instrumentId: 'phq-9', sessionNumber: 3, status: 'overdue', overdueSince: 2 },
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
      { instrumentId: 'phq-9', sessionNumber: 3, status: 'due', overdueSince: null },
    ]);
  });

  it('does not hold a missed session against a measure', () => {
    const sessions: ScheduleSession[] = [...weekly(1), { number: 2, date: '2026-01-12', attendance: 'no-show' }];
    const given = rules.map((r) => ({ instrumentId: r.instrumentId, sessionNumber: 1, date: '2026-01-05' }));
    expect(measuresDue(rules, sessions, given, 3)).toEqual([
      { instrumentId: 'phq-9', sessionNumber: 3, status: 'due', overdueSince: null },
    ]);
  });

  it('keeps one line per instrument however many occurrences were missed: overdue since the first of them', () => {
    // A perinatal course of eight sessions where nothing was linked to a session and nothing answered between them.
    const perinatal = defaultSchedule(true);
    const due = measuresDue(perinatal, weekly(8), [], 9);
    expect(due).toEqual([
      { instrumentId: 'epds', sessionNumber: 9, status: 'overdue', overdueSince: 1 },
      { instrumentId: 'gad-7', sessionNumber: 9, status: 'overdue', overdueSince: 1 },
      { instrumentId: 'wsas', sessionNumber: 9, status: 'overdue', overdueSince: 1 },
    ]);
    // Twelve sessions on, still one line each; the WSAS, not called for at session 13, names its latest miss.
    expect(measuresDue(perinatal, weekly(12), [], 13).map((d) => [d.instrumentId, d.sessionNumber])).toEqual([
      ['epds', 13],
      ['gad-7', 13],
      ['wsas', 13],
    ]);
    expect(measuresDue(perinatal, weekly(10), [], 11).find((d) => d.instrumentId === 'wsas')).toEqual({
      instrumentId: 'wsas',
      sessionNumber: 9,
      status: 'overdue',
      overdueSince: 1,
    });
  });

  it('counts from the last time it was given: overdue since the first session missed after that', () => {
    const perinatal = defaultSchedule(true);
    const given = [
      { instrumentId: 'wsas', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'wsas', sessionNumber: 5, date: '2026-02-02' },
      { instrumentId: 'epds', sessionNumber: 6, date: '2026-02-09' },
    ];
    const due = measuresDue(perinatal, weekly(10), given, 11);
    expect(due.find((d) => d.instrumentId === 'wsas')).toMatchObject({ status: 'overdue', overdueSince: 9 });
    expect(due.find((d) => d.instrumentId === 'epds')).toMatchObject({ status: 'overdue', overdueSince: 7 });
  });

  it('settles a missed occurrence when the instrument is given again later, between sessions or at a later one', () => {
    const given = [
      { instrumentId: 'phq-9', sessionNumber: 1, date: '2026-01-05' },
      { instrumentId: 'gad-7', sessionNumber: 1, date: '2026-01-05' },
      // Missed at session 5 (2026-02-02), answered on a link two days later.
      { instrumentId: 'gad-7', sessionNumber: null, date: '2026-02-04' },
      { instrumentId: 'wsas', sessionNumber: 1, date: '2026-01-05' },
      // Missed at session 5, given at session 6.
      { instrumentId: 'wsas', sessionNumber: 6, date: '2026-02-09' },
    ];
    const due = measuresDue(rules, weekly(6), given, 7);
    expect(due.map((d) => d.instrumentId)).toEqual(['phq-9']);
  });
});
