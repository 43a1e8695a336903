/**
 * The treatment contract: number, length and frequency of sessions, an explicit end date, the agreed focus and
 * goals, each party's role, attendance and missed sessions, medication, safety, and the measurement schedule.
 * DOMAIN §4.4 ([S1][S5][S15]; the fields are its [Inference]); the time frame is set explicitly at the outset
 * (DOMAIN §0 [S1][S39]).
 */
import { addDays, assertPlannedSessions, SessionLength, type WeeklySchedule } from '../course/course.js';
import type { ScheduleRule } from '../course/measure-schedule.js';
import { RuleViolation } from '../errors.js';
import { type ChecklistItem, checklistFor } from './area-checklists.js';
import { isIsoDate } from './approx-date.js';
import type { ProblemArea } from './problem-areas.js';

/** Weekly, as IPT was specified (DOMAIN §0 [S1], §4.4). Maintenance contracts are separate (DOMAIN §1.1, §6.3). */
export const ContractFrequency = { weekly: 'weekly' } as const;
export type ContractFrequency = (typeof ContractFrequency)[keyof typeof ContractFrequency];

export interface ContractRoles {
  readonly patient: string;
  readonly therapist: string;
}

export interface TreatmentContract {
  readonly plannedSessions: number;
  readonly sessionMinutes: number;
  readonly frequency: ContractFrequency;
  /** First session date, "YYYY-MM-DD". */
  readonly startDate: string;
  readonly schedule: WeeklySchedule;
  /** Date of the last planned session, computed by `contractEndDate`. */
  readonly endDate: string;
  readonly focus: {
    readonly primary: ProblemArea;
    readonly secondary: ProblemArea | null;
    /** The focus in a sentence both can remember. */
    readonly statement: string;
  };
  /** Ids of the problem-area goals agreed, from the DOMAIN §3 checklists (`checklistFor(area).goals`). */
  readonly areaGoals: readonly string[];
  /** Goals in the patient's own words. */
  readonly personalGoals: readonly string[];
  readonly roles: ContractRoles;
  readonly attendance: string;
  readonly missedSessions: string;
  readonly medicationPlan: string;
  /** Joint or partner sessions, if planned (perinatal, adolescent; DOMAIN §4.4). */
  readonly jointSessions: string;
  /** Emergency and safety arrangements (DOMAIN §4.4, §10). */
  readonly safety: string;
  /** The course's measurement schedule, by reference: the contract shows it, the course owns it (DOMAIN §1.3). */
  readonly measurementSchedule: readonly ScheduleRule[];
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The date of the last planned session: the first scheduled weekday on or after the start, then one week per
 * session. A plan, not a promise: missed and moved sessions are the course's to record.
 */
export function contractEndDate(startDate: string, schedule: WeeklySchedule, plannedSessions: number): string {
  if (!isIsoDate(startDate)) throw new RuleViolation('The start date is a calendar date (YYYY-MM-DD).', 'startDate');
  assertSchedule(schedule);
  assertPlannedSessions(plannedSessions);
  const first = addDays(startDate, (schedule.weekday - isoWeekday(startDate) + 7) % 7);
  return addDays(first, 7 * (plannedSessions - 1));
}

function assertSchedule(schedule: WeeklySchedule): void {
  if (!Number.isInteger(schedule.weekday) || schedule.weekday < 1 || schedule.weekday > 7) {
    throw new RuleViolation('The weekday is 1 (Monday) to 7 (Sunday).', 'schedule.weekday');
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.time)) {
    throw new RuleViolation('The session time is HH:MM.', 'schedule.time');
  }
}

/**
 * Suggested wording for each party's role, editable. The patient's part is the sick role's duty to work towards
 * recovery: attend, take part, try new ways of handling things between sessions (DOMAIN §4.2 [S2][S13] and its
 * [Inference]); the therapist's keeps the agreed focus and the time limit in view (DOMAIN §1.3 [S15], §8.3).
 */
export function defaultContractRoles(): ContractRoles {
  return {
    patient:
      'Come to the sessions, take an active part in them, and try out new ways of handling things between sessions.',
    therapist:
      'Keep the sessions on the focus we agreed, keep track with you of the sessions left, and review progress with you.',
  };
}

export interface ContractDraftInput {
  readonly plannedSessions: number;
  readonly startDate: string;
  readonly schedule: WeeklySchedule;
  readonly primary: ProblemArea;
  readonly secondary?: ProblemArea | null;
  readonly focusStatement: string;
  readonly measurementSchedule: readonly ScheduleRule[];
  readonly sessionMinutes?: number;
}

/**
 * A contract to fill in: 50-minute weekly sessions (DOMAIN §0, §4.4 [S1]), the end date computed, every goal of
 * the chosen areas offered (the clinician removes those not agreed), the suggested roles; the arrangements for
 * missed sessions and safety left for the clinician to write, because they depend on the service.
 */
export function draftTreatmentContract(input: ContractDraftInput): TreatmentContract {
  const secondary = input.secondary ?? null;
  return {
    plannedSessions: input.plannedSessions,
    sessionMinutes: input.sessionMinutes ?? SessionLength.defaultMinutes,
    frequency: ContractFrequency.weekly,
    startDate: input.startDate,
    schedule: input.schedule,
    endDate: contractEndDate(input.startDate, input.schedule, input.plannedSessions),
    focus: { primary: input.primary, secondary, statement: input.focusStatement.trim() },
    areaGoals: offeredGoals(input.primary, secondary).map((g) => g.id),
    personalGoals: [],
    roles: defaultContractRoles(),
    attendance: '',
    missedSessions: '',
    medicationPlan: '',
    jointSessions: '',
    safety: '',
    measurementSchedule: input.measurementSchedule,
  };
}

/** The goals the contract offers for its focus: the primary area's, then the secondary's (DOMAIN §3.3–§3.6). */
export function offeredGoals(primary: ProblemArea, secondary: ProblemArea | null = null): ChecklistItem[] {
  const goals = [...checklistFor(primary).goals];
  if (secondary) for (const g of checklistFor(secondary).goals) if (!goals.some((x) => x.id === g.id)) goals.push(g);
  return goals;
}

const required = (value: string, field: string, message: string) => {
  if (value.trim() === '') throw new RuleViolation(message, field);
};

/** A contract ready to agree: a real time frame, a focus, goals, each party's role, missed sessions and safety. */
export function assertTreatmentContract(c: TreatmentContract): void {
  assertPlannedSessions(c.plannedSessions);
  if (
    !Number.isInteger(c.sessionMinutes) ||
    c.sessionMinutes < SessionLength.min ||
    c.sessionMinutes > SessionLength.max
  ) {
    throw new RuleViolation(
      `Session length is ${SessionLength.min} to ${SessionLength.max} minutes.`,
      'sessionMinutes',
    );
  }
  if (c.frequency !== ContractFrequency.weekly) throw new RuleViolation('Sessions are weekly.', 'frequency');
  const end = contractEndDate(c.startDate, c.schedule, c.plannedSessions);
  if (c.endDate !== end) {
    throw new RuleViolation(
      `The end date for ${c.plannedSessions} weekly sessions from ${c.startDate} is ${end}.`,
      'endDate',
    );
  }
  if (c.focus.secondary === c.focus.primary) {
    throw new RuleViolation('The secondary area must differ from the primary one.', 'focus.secondary');
  }
  required(c.focus.statement, 'focus.statement', 'State the agreed focus in a sentence.');
  const offered = offeredGoals(c.focus.primary, c.focus.secondary).map((g) => g.id);
  for (const id of c.areaGoals) {
    if (!offered.includes(id)) throw new RuleViolation(`"${id}" is not a goal of the agreed focus.`, 'areaGoals');
  }
  if (c.areaGoals.length === 0 && c.personalGoals.every((g) => g.trim() === '')) {
    throw new RuleViolation('Agree at least one goal.', 'areaGoals');
  }
  if (c.personalGoals.some((g) => g.trim() === ''))
    throw new RuleViolation('A personal goal is not blank.', 'personalGoals');
  required(c.roles.patient, 'roles.patient', "Write the patient's part.");
  required(c.roles.therapist, 'roles.therapist', "Write the therapist's part.");
  required(c.missedSessions, 'missedSessions', 'Write what happens when a session is missed.');
  required(c.safety, 'safety', 'Write the safety and emergency arrangements.');
}
