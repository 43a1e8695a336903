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

/**
 * What is actionable now for one instrument: one line each, however many occurrences were missed.
 *
 * - `due`: the next session calls for it and it has not been given since the last session; `sessionNumber` is the
 *   next session's number.
 * - `overdue`: attended sessions that called for it went without it, and it has not been given since the first of
 *   them; `overdueSince` is that first missed session, and `sessionNumber` is the next session's number when that
 *   one calls for it too, else the latest missed session.
 */
export interface MeasureDue {
  readonly instrumentId: string;
  readonly sessionNumber: number;
  readonly status: 'due' | 'overdue';
  /** The first of the sessions missed in a row since it was last given; null when nothing is overdue. */
  readonly overdueSince: number | null;
}

/**
 * For each instrument, the one thing to do about it now (see MeasureDue). An occurrence counts as given when an
 * administration is linked to that session or, unlinked, dated after the session before it and up to that session's
 * date; any administration after an occurrence (a later session's, or dated after it) also settles it, so a missed
 * questionnaire stops being overdue once the instrument has been given again. A session the patient did not attend
 * is never held against a measure.
 */
export function measuresDue(
  rules: readonly ScheduleRule[],
  sessions: readonly ScheduleSession[],
  administrations: readonly ScheduleAdministration[],
  nextNumber: number,
): MeasureDue[] {
  const ordered = [...sessions].sort((a, b) => a.number - b.number);
  const own = (instrumentId: string) => administrations.filter((a) => a.instrumentId === instrumentId);
  const givenFor = (
    given: readonly ScheduleAdministration[],
    number: number,
    after: string | null,
    upTo: string | null,
  ) =>
    given.some(
      (a) =>
        a.sessionNumber === number ||
        (a.sessionNumber === null && (after === null || a.date > after) && (upTo === null || a.date <= upTo)),
    );
  const givenLater = (given: readonly ScheduleAdministration[], session: ScheduleSession) =>
    given.some((a) => (a.sessionNumber === null ? a.date > session.date : a.sessionNumber > session.number));
  const out: MeasureDue[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    // Two rules for one instrument still make one line: the first rule names it.
    if (seen.has(rule.instrumentId)) continue;
    seen.add(rule.instrumentId);
    const calling = rules.filter((r) => r.instrumentId === rule.instrumentId);
    const calledAt = (n: number) => calling.some((r) => scheduledAt(r, n));
    const given = own(rule.instrumentId);
    const missed = ordered.filter((s, i) => {
      if (s.attendance !== 'attended' || !calledAt(s.number)) return false;
      const before = ordered[i - 1];
      return !givenFor(given, s.number, before?.date ?? null, s.date) && !givenLater(given, s);
    });
    const last = ordered.at(-1);
    const dueNext = calledAt(nextNumber) && !givenFor(given, nextNumber, last?.date ?? null, null);
    const since = missed[0]?.number ?? null;
    const latestMissed = missed.at(-1)?.number;
    if (since !== null && latestMissed !== undefined) {
      out.push({
        instrumentId: rule.instrumentId,
        sessionNumber: dueNext ? nextNumber : latestMissed,
        status: 'overdue',
        overdueSince: since,
      });
    } else if (dueNext) {
      out.push({ instrumentId: rule.instrumentId, sessionNumber: nextNumber, status: 'due', overdueSince: null });
    }
  }
  return out;
}
