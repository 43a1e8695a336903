import type { Course, PhaseTransition, Session } from '@ipt/contract';
import type { Attendance, CourseFormat, CourseStatus, Phase, SchoolPreset } from '@ipt/core';
import { prepared } from '../prepared.js';
import type { CourseTable, PhaseTransitionTable, SessionTable } from '../schema.js';
import type { Q } from './tx.js';

export function toCourse(row: CourseTable): Course {
  return {
    id: row.id,
    patientId: row.patientId,
    format: row.format as CourseFormat,
    schoolPreset: row.schoolPreset as SchoolPreset,
    perinatal: row.perinatal === 1,
    plannedSessions: row.plannedSessions,
    phaseLengths: { initialSessions: row.initialSessions, terminationSessions: row.terminationSessions },
    schedule: { weekday: row.scheduleWeekday, time: row.scheduleTime },
    startDate: row.startDate,
    phase: row.phase as Phase,
    status: row.status as CourseStatus,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toSession(row: SessionTable): Session {
  return {
    id: row.id,
    courseId: row.courseId,
    number: row.number,
    date: row.date,
    attendance: row.attendance as Attendance,
    lengthMinutes: row.lengthMinutes,
    note: row.note,
    phase: row.phase as Phase,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function insertCourse(q: Q, row: CourseTable) {
  return q.insertInto('courses').values(row).execute();
}

export async function findCourse(q: Q, organisationId: string, id: string) {
  const [row] = await course(q, { organisationId, id });
  return row;
}

const course = prepared((q, v: { organisationId: string; id: string }) =>
  q.selectFrom('courses').selectAll().where('id', '=', v.id).where('organisationId', '=', v.organisationId),
);

export async function listCoursesOfPatients(q: Q, organisationId: string, patientIds: readonly string[]) {
  if (patientIds.length === 0) return [];
  return coursesOfPatients(q, { organisationId, patientIds });
}

const coursesOfPatients = prepared((q, v: { organisationId: string; patientIds: readonly string[] }) =>
  q
    .selectFrom('courses')
    .selectAll()
    .where('organisationId', '=', v.organisationId)
    .where('patientId', 'in', v.patientIds)
    .orderBy('startDate', 'desc')
    .orderBy('createdAt', 'desc'),
);

export function insertPhaseTransition(q: Q, row: PhaseTransitionTable) {
  return q.insertInto('phaseTransitions').values(row).execute();
}

export async function listPhaseTransitions(
  q: Q,
  organisationId: string,
  courseIds: readonly string[],
): Promise<PhaseTransition[]> {
  if (courseIds.length === 0) return [];
  const rows = await phaseTransitions(q, { organisationId, courseIds });
  return rows.map(({ fromPhase, toPhase, ...r }) => ({ ...r, from: fromPhase as Phase, to: toPhase as Phase }));
}

const phaseTransitions = prepared((q, v: { organisationId: string; courseIds: readonly string[] }) =>
  q
    .selectFrom('phaseTransitions')
    .innerJoin('users', 'users.id', 'phaseTransitions.byUserId')
    .select([
      'phaseTransitions.id',
      'phaseTransitions.courseId',
      'phaseTransitions.fromPhase',
      'phaseTransitions.toPhase',
      'phaseTransitions.reason',
      'phaseTransitions.at',
      'phaseTransitions.byUserId',
      'users.displayName as byName',
    ])
    .where('phaseTransitions.organisationId', '=', v.organisationId)
    .where('phaseTransitions.courseId', 'in', v.courseIds)
    .orderBy('phaseTransitions.at'),
);

export async function insertSession(q: Q, row: SessionTable) {
  await sessionInsert(q, { rows: [row] });
}

const sessionInsert = prepared((q, v: { rows: readonly SessionTable[] }) => q.insertInto('sessions').values(v.rows));

export async function findSession(q: Q, organisationId: string, id: string) {
  const [row] = await session(q, { organisationId, id });
  return row;
}

const session = prepared((q, v: { organisationId: string; id: string }) =>
  q.selectFrom('sessions').selectAll().where('id', '=', v.id).where('organisationId', '=', v.organisationId),
);

export async function listSessionsOfCourses(q: Q, organisationId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return [];
  return sessionsOfCourses(q, { organisationId, courseIds });
}

const sessionsOfCourses = prepared((q, v: { organisationId: string; courseIds: readonly string[] }) =>
  q
    .selectFrom('sessions')
    .selectAll()
    .where('organisationId', '=', v.organisationId)
    .where('courseId', 'in', v.courseIds)
    .orderBy('number'),
);

/** What progress and schedules need of each session, without notes. */
export function listSessionFacts(q: Q, organisationId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('sessions')
    .select(['id', 'courseId', 'number', 'date', 'attendance'])
    .where('organisationId', '=', organisationId)
    .where('courseId', 'in', courseIds)
    .orderBy('number')
    .execute();
}
