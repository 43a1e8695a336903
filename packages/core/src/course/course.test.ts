import { describe, expect, it } from 'vitest';
import {
  addDays,
  assertNewSession,
  assertSessionDate,
  assertPhaseLengths,
  assertPlannedSessions,
  type CourseFacts,
  courseProgress,
  nextSessionDate,
  type SessionFacts,
} from './course.js';
import { presetPhaseLengths } from './phase.js';

const course: CourseFacts = {
  plannedSessions: 16,
  phaseLengths: presetPhaseLengths('iptuk'),
  startDate: '2026-09-07', // a Monday
  schedule: { weekday: 1, time: '10:00' },
  phase: 'initial',
  status: 'active',
};
const weekly = (n: number): SessionFacts[] =>
  Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    date: addDays(course.startDate, 7 * i),
    attendance: 'attended',
  }));

describe(assertNewSession.name, () => {
  const today = '2026-10-01';
  it('refuses a session dated before the course starts', () => {
    expect(() =>
      assertNewSession(course, [], { number: 1, date: '2026-09-06', attendance: 'attended' }, today),
    ).toThrow(/before the course starts/);
  });

  it('refuses a second session with the same number', () => {
    expect(() =>
      assertNewSession(course, weekly(2), { number: 2, date: '2026-09-30', attendance: 'attended' }, today),
    ).toThrow(/already has a session number 2/);
  });

  it('refuses a session recorded as attended before its day, naming the date field', () => {
    expect(() =>
      assertNewSession(course, weekly(3), { number: 4, date: '2026-10-05', attendance: 'attended' }, today),
    ).toThrow(
      expect.objectContaining({
        field: 'date',
        message:
          'This date (2026-10-05) is after today (2026-10-01), so the session cannot be recorded as attended yet. Record it on or after the day it happens, or record it as cancelled.',
      }),
    );
  });
});

describe(assertSessionDate.name, () => {
  const today = '2026-10-01';
  it('takes attended and no-show sessions up to today, and a cancellation ahead of its day', () => {
    expect(() => assertSessionDate(course, { date: today, attendance: 'attended' }, today)).not.toThrow();
    expect(() => assertSessionDate(course, { date: '2026-09-28', attendance: 'no-show' }, today)).not.toThrow();
    expect(() => assertSessionDate(course, { date: '2026-10-12', attendance: 'cancelled' }, today)).not.toThrow();
  });

  it('refuses a no-show in the future as it refuses an attended one', () => {
    const missed = () => assertSessionDate(course, { date: '2026-10-02', attendance: 'no-show' }, today);
    expect(missed).toThrow(expect.objectContaining({ field: 'date' }));
    expect(missed).toThrow(/cannot be recorded as a no-show yet/);
  });
});

describe(assertPlannedSessions.name, () => {
  it('accepts 6 to 52 whole sessions and names the field otherwise', () => {
    expect(() => assertPlannedSessions(12)).not.toThrow();
    expect(() => assertPlannedSessions(5)).toThrow(expect.objectContaining({ field: 'plannedSessions' }));
    expect(() => assertPlannedSessions(12.5)).toThrow();
  });

  it('needs room for a middle phase', () => {
    expect(() => assertPhaseLengths(8, { initialSessions: 4, terminationSessions: 4 })).toThrow(/middle phase/);
  });
});

describe(courseProgress.name, () => {
  it('counts attended sessions, proposes the next number and the next weekly date', () => {
    const sessions = weekly(3);
    sessions.push({ number: 4, date: '2026-09-28', attendance: 'no-show' });
    const p = courseProgress(course, sessions, '2026-09-29');
    expect(p).toMatchObject({ attended: 3, lastNumber: 4, nextNumber: 5, nextDate: '2026-10-05' });
  });

  it('flags an initial phase that runs long and a phase behind the schedule, and an overrun', () => {
    expect(courseProgress(course, weekly(4), '2026-10-01').flags).toEqual(['phase-behind']);
    expect(courseProgress(course, weekly(5), '2026-10-08').flags).toEqual(['initial-phase-long', 'phase-behind']);
    const late = { ...course, phase: 'termination' as const };
    expect(courseProgress(late, weekly(17), '2027-01-01').flags).toEqual(['overrun']);
  });

  it('has no next date once the course has ended', () => {
    expect(nextSessionDate({ ...course, phase: 'ended', status: 'completed' }, weekly(16), '2027-01-01')).toBeNull();
  });

  it('never proposes a date in the past', () => {
    expect(nextSessionDate(course, weekly(1), '2026-11-23')).toBe('2026-11-23');
    expect(nextSessionDate(course, weekly(1), '2026-11-24')).toBe('2026-11-30');
  });
});
