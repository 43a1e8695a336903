/**
 * A course of IPT: its frame (format, school preset, planned sessions, weekly schedule), its sessions and the flags
 * that follow from them. Pure: "today" is an argument. See shared/ipt/DOMAIN.md §0 and §1.
 */
import { RuleViolation } from '../errors.js';
import { expectedPhase, Phase, type PhaseLengths, PlannedSessions } from './phase.js';

/** Only individual IPT for now; group formats arrive with group IPT (DOMAIN §1.6–1.7). */
export const CourseFormat = { individual: 'individual' } as const;
export type CourseFormat = (typeof CourseFormat)[keyof typeof CourseFormat];

export const CourseStatus = { active: 'active', completed: 'completed', endedEarly: 'ended-early' } as const;
export type CourseStatus = (typeof CourseStatus)[keyof typeof CourseStatus];

export const Attendance = { attended: 'attended', cancelled: 'cancelled', noShow: 'no-show' } as const;
export type Attendance = (typeof Attendance)[keyof typeof Attendance];

/** ISO weekday, 1 = Monday … 7 = Sunday. IPT was specified as weekly sessions (DOMAIN §0). */
export interface WeeklySchedule {
  readonly weekday: number;
  /** Local time of day, "HH:MM". */
  readonly time: string;
}

/** 45–50 minute sessions in the original specification (DOMAIN §0); IPT-A uses 35–50 (§1.1). */
export const SessionLength = { defaultMinutes: 50, min: 5, max: 240 } as const;

export interface SessionFacts {
  readonly number: number;
  /** Calendar date, "YYYY-MM-DD". */
  readonly date: string;
  readonly attendance: Attendance;
}

export interface CourseFacts {
  readonly plannedSessions: number;
  readonly phaseLengths: PhaseLengths;
  readonly startDate: string;
  readonly schedule: WeeklySchedule;
  readonly phase: Phase;
  readonly status: CourseStatus;
}

export function assertPlannedSessions(n: number): void {
  if (!Number.isInteger(n) || n < PlannedSessions.min || n > PlannedSessions.max) {
    throw new RuleViolation(
      `Planned sessions must be a whole number from ${PlannedSessions.min} to ${PlannedSessions.max}.`,
      'plannedSessions',
    );
  }
}

export function assertPhaseLengths(planned: number, lengths: PhaseLengths): void {
  if (lengths.initialSessions + lengths.terminationSessions >= planned) {
    throw new RuleViolation('The initial and termination phases must leave room for a middle phase.', 'phaseLengths');
  }
}

/**
 * Attendance that says what happened (attended, or a no-show) is a fact about a day that has come: a session
 * dated after today can only be recorded as cancelled (called off ahead). The session still to come is the course's
 * next scheduled one (`nextSessionDate`), not a record. A session cannot predate its course either.
 */
export function assertSessionDate(
  course: Pick<CourseFacts, 'startDate'>,
  session: Pick<SessionFacts, 'date' | 'attendance'>,
  today: string,
): void {
  if (session.date < course.startDate) {
    throw new RuleViolation(`A session cannot be dated before the course starts (${course.startDate}).`, 'date');
  }
  if (session.date > today && session.attendance !== Attendance.cancelled) {
    const what = session.attendance === Attendance.attended ? 'attended' : 'a no-show';
    throw new RuleViolation(
      `This date (${session.date}) is after today (${today}), so the session cannot be recorded as ${what} yet. Record it on or after the day it happens, or record it as cancelled.`,
      'date',
    );
  }
}

/**
 * A course cannot have two sessions with the same number; a session cannot predate the course, nor be recorded as
 * attended (or missed) before its day (`assertSessionDate`).
 */
export function assertNewSession(
  course: CourseFacts,
  existing: readonly SessionFacts[],
  session: SessionFacts,
  today: string,
): void {
  assertSessionDate(course, session, today);
  if (existing.some((s) => s.number === session.number)) {
    throw new RuleViolation(`This course already has a session number ${session.number}.`, 'number');
  }
}

export function nextSessionNumber(sessions: readonly SessionFacts[]): number {
  return sessions.reduce((max, s) => Math.max(max, s.number), 0) + 1;
}

export function attendedCount(sessions: readonly SessionFacts[]): number {
  return sessions.filter((s) => s.attendance === Attendance.attended).length;
}

/** Adds days to a "YYYY-MM-DD" date without a clock or a time zone. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The next scheduled session date for an active course: the first date on the weekly schedule that falls after the
 * last recorded session, not before the course start and not before today.
 */
export function nextSessionDate(course: CourseFacts, sessions: readonly SessionFacts[], today: string): string | null {
  if (course.status !== CourseStatus.active || course.phase === Phase.ended) return null;
  const last = sessions.reduce<string | null>((max, s) => (max === null || s.date > max ? s.date : max), null);
  let from = course.startDate;
  if (last !== null && addDays(last, 1) > from) from = addDays(last, 1);
  if (today > from) from = today;
  const shift = (course.schedule.weekday - isoWeekday(from) + 7) % 7;
  return addDays(from, shift);
}

export const CourseFlag = {
  /** More sessions recorded than planned: flagged, not blocked (issue "first room"; DOMAIN §1.1 time limit). */
  overrun: 'overrun',
  /** The initial phase has run past its configured length (DOMAIN §1.2: warn past 3 sessions, 4 for IPTUK). */
  initialPhaseLong: 'initial-phase-long',
  /** The next session is due in a later phase than the course is in; the clinician may want to move phase. */
  phaseBehind: 'phase-behind',
} as const;
export type CourseFlag = (typeof CourseFlag)[keyof typeof CourseFlag];

export interface CourseProgress {
  readonly attended: number;
  readonly lastNumber: number;
  readonly nextNumber: number;
  readonly expectedPhaseOfNext: Phase;
  readonly nextDate: string | null;
  readonly flags: readonly CourseFlag[];
}

const phaseOrder: Record<Phase, number> = { initial: 0, middle: 1, termination: 2, maintenance: 3, ended: 4 };

/** Everything the caseload and the patient page show about where a course stands. */
export function courseProgress(course: CourseFacts, sessions: readonly SessionFacts[], today: string): CourseProgress {
  const nextNumber = nextSessionNumber(sessions);
  const lastNumber = nextNumber - 1;
  const expectedPhaseOfNext = expectedPhase(nextNumber, course.plannedSessions, course.phaseLengths);
  const acute = course.phase === Phase.initial || course.phase === Phase.middle || course.phase === Phase.termination;
  const flags: CourseFlag[] = [];
  if (acute && lastNumber > course.plannedSessions) flags.push(CourseFlag.overrun);
  if (course.phase === Phase.initial && lastNumber > course.phaseLengths.initialSessions) {
    flags.push(CourseFlag.initialPhaseLong);
  }
  if (acute && course.status === CourseStatus.active && phaseOrder[expectedPhaseOfNext] > phaseOrder[course.phase]) {
    flags.push(CourseFlag.phaseBehind);
  }
  return {
    attended: attendedCount(sessions),
    lastNumber,
    nextNumber,
    expectedPhaseOfNext,
    nextDate: nextSessionDate(course, sessions, today),
    flags,
  };
}
