/**
 * Which questionnaire when, and what is due or overdue. Pure: sessions and administrations are arguments.
 *
 * Default schedule (shared/ipt/DOMAIN.md §1.3 [Inference], repeated in the issue "Measurement-based care"): PHQ-9
 * every session (short, and repeating it is itself psychoeducation, DOMAIN §1.2); GAD-7 and WSAS at intake and every
 * 4 sessions (the IPT Institute asks for PHQ-9 and GAD-7 at least every 4 sessions, DOMAIN §1.3 [S9]); EPDS in place
 * of PHQ-9 for a perinatal course (DOMAIN §7.2). Never gate item 9 behind the PHQ-2 (ERRATA must-fix 8), so the
 * default never schedules the PHQ-2.
 */
import { type Attendance } from './course.js';

export interface ScheduleRule {
  readonly instrumentId: string;
  /** Given at session 1. */
  readonly atIntake: boolean;
  /** Every n-th session counted from intake (1 = every session); null = intake only. */
  readonly everySessions: number | null;
}

export function defaultSchedule(perinatal: boolean): ScheduleRule[] {
  return [
    { instrumentId: perinatal ? 'epds' : 'phq-9', atIntake: true, everySessions: 1 },
    { instrumentId: 'gad-7', atIntake: true, everySessions: 4 },
    { instrumentId: 'wsas', atIntake: true, everySessions: 4 },
  ];
}

/** Whether the rule asks for its instrument at session `n` (session 1 is intake). */
export function scheduledAt(rule: ScheduleRule, n: number): boolean {
  if (n === 1) return rule.atIntake;
  if (rule.everySessions === null) return false;
  return (n - 1) % rule.everySessions === 0;
}

export interface ScheduleSession {
  readonly number: number;
  readonly date: string;
  readonly attendance: Attendance;
}

export interface ScheduleAdministration {
  readonly instrumentId: string;
  readonly sessionNumber: number | null;
  /** Calendar date, "YYYY-MM-DD". */
  readonly date: string;
}

export interface MeasureDue {
  readonly instrumentId: string;
  readonly sessionNumber: number;
  readonly status: 'due' | 'overdue';
}

/**
 * For each instrument: overdue when the last attended session that called for it has no administration (linked to
 * that session, or dated after the session before it and up to that session's date); due when the next session
 * calls for it and none has been given since the last session.
 */
export function measuresDue(
  rules: readonly ScheduleRule[],
  sessions: readonly ScheduleSession[],
  administrations: readonly ScheduleAdministration[],
  nextNumber: number,
): MeasureDue[] {
  const ordered = [...sessions].sort((a, b) => a.number - b.number);
  const given = (instrumentId: string, number: number, after: string | null, upTo: string | null) =>
    administrations.some(
      (a) =>
        a.instrumentId === instrumentId &&
        (a.sessionNumber === number ||
          (a.sessionNumber === null && (after === null || a.date > after) && (upTo === null || a.date <= upTo))),
    );
  const out: MeasureDue[] = [];
  for (const rule of rules) {
    const attended = ordered.filter((s) => s.attendance === 'attended' && scheduledAt(rule, s.number));
    const lastCalled = attended.at(-1);
    if (lastCalled) {
      const before = ordered.filter((s) => s.number < lastCalled.number).at(-1);
      if (!given(rule.instrumentId, lastCalled.number, before?.date ?? null, lastCalled.date)) {
        out.push({ instrumentId: rule.instrumentId, sessionNumber: lastCalled.number, status: 'overdue' });
      }
    }
    if (scheduledAt(rule, nextNumber)) {
      const last = ordered.at(-1);
      if (!given(rule.instrumentId, nextNumber, last?.date ?? null, null)) {
        out.push({ instrumentId: rule.instrumentId, sessionNumber: nextNumber, status: 'due' });
      }
    }
  }
  return out;
}
