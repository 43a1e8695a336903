import { describe, expect, it } from 'vitest';
import { defaultSchedule } from '../course/measure-schedule.js';
import {
  assertTreatmentContract,
  contractEndDate,
  draftTreatmentContract,
  type TreatmentContract,
} from './contract.js';

const monday10 = { weekday: 1, time: '10:00' };

describe(contractEndDate.name, () => {
  it('is the date of the last weekly session, counting from the first scheduled day', () => {
    expect(contractEndDate('2026-03-02', monday10, 16)).toBe('2026-06-15');
    expect(contractEndDate('2026-03-04', monday10, 12)).toBe('2026-05-25');
  });

  it('refuses a malformed start, schedule or session count', () => {
    expect(() => contractEndDate('2026-02-30', monday10, 16)).toThrow(expect.objectContaining({ field: 'startDate' }));
    expect(() => contractEndDate('2026-03-02', { weekday: 8, time: '10:00' }, 16)).toThrow(
      expect.objectContaining({ field: 'schedule.weekday' }),
    );
    expect(() => contractEndDate('2026-03-02', { weekday: 1, time: '25:00' }, 16)).toThrow(
      expect.objectContaining({ field: 'schedule.time' }),
    );
    expect(() => contractEndDate('2026-03-02', monday10, 3)).toThrow(
      expect.objectContaining({ field: 'plannedSessions' }),
    );
  });
});

describe(draftTreatmentContract.name, () => {
  it('offers 50-minute weekly sessions, the end date, the goals of the chosen areas and suggested roles', () => {
    const draft = draftTreatmentContract({
      plannedSessions: 16,
      startDate: '2026-03-02',
      schedule: monday10,
      primary: 'dispute',
      secondary: 'transition',
      focusStatement: ' The disagreement with Laura about childcare. ',
      measurementSchedule: defaultSchedule(false),
    });
    expect(draft).toMatchObject({
      sessionMinutes: 50,
      frequency: 'weekly',
      endDate: '2026-06-15',
      focus: { primary: 'dispute', secondary: 'transition', statement: 'The disagreement with Laura about childcare.' },
      personalGoals: [],
    });
    expect(draft.areaGoals).toEqual([
      'dispute.identify',
      'dispute.plan',
      'dispute.modify',
      'dispute.recognise-link',
      'dispute.renegotiate',
      'transition.mourn-old',
      'transition.accept-new',
      'transition.mastery',
      'transition.hope',
    ]);
    expect(draft.roles.patient).not.toBe('');
  });
});

describe(assertTreatmentContract.name, () => {
  const ready: TreatmentContract = {
    ...draftTreatmentContract({
      plannedSessions: 16,
      startDate: '2026-03-02',
      schedule: monday10,
      primary: 'dispute',
      focusStatement: 'The disagreement with Laura.',
      measurementSchedule: defaultSchedule(false),
    }),
    areaGoals: ['dispute.identify'],
    personalGoals: ['Say no to Laura when I need to'],
    missedSessions: 'Call the day before; a missed session still counts towards the 16.',
    safety: 'If things get worse: call the clinic, or the crisis line out of hours.',
  };

  it('accepts a contract with a time frame, a focus, goals, roles, missed sessions and safety', () => {
    expect(() => assertTreatmentContract(ready)).not.toThrow();
  });

  it.each([
    [{ safety: ' ' }, 'safety'],
    [{ missedSessions: '' }, 'missedSessions'],
    [{ endDate: '2026-06-22' }, 'endDate'],
    [{ areaGoals: ['grief.mourn'] }, 'areaGoals'],
    [{ areaGoals: [], personalGoals: [] }, 'areaGoals'],
    [{ personalGoals: ['  '] }, 'personalGoals'],
    [{ sessionMinutes: 0 }, 'sessionMinutes'],
    [{ roles: { patient: '', therapist: 'x' } }, 'roles.patient'],
    [{ focus: { primary: 'dispute' as const, secondary: 'dispute' as const, statement: 'x' } }, 'focus.secondary'],
  ] satisfies [Partial<TreatmentContract>, string][])('refuses %o, naming %s', (change, field) => {
    expect(() => assertTreatmentContract({ ...ready, ...change })).toThrow(expect.objectContaining({ field }));
  });
});
