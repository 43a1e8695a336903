import type { Course, PhaseTransition, Session } from '@ipt/contract';
import type { Attendance, CourseFormat, CourseStatus, Phase, SchoolPreset } from '@ipt/core';
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

export function findCourse(q: Q, organisationId: string, id: string) {
  return q
    .selectFrom('courses')
    .selectAll()
    .where('id', '=', id)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
}

export function listCoursesOfPatients(q: Q, organisationId: string, patientIds: readonly string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('courses')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('patientId', 'in', patientIds)
    .orderBy('startDate', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();
}

export function insertPhaseTransition(q: Q, row: PhaseTransitionTable) {
  return q.insertInto('phaseTransitions').values(row).execute();
}

export async function listPhaseTransitions(
  q: Q,
  organisationId: string,
  courseIds: readonly string[],
): Promise<PhaseTransition[]> {
  if (courseIds.length === 0) return [];
  const rows = await q
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
    .where('phaseTransitions.organisationId', '=', organisationId)
    .where('phaseTransitions.courseId', 'in', courseIds)
    .orderBy('phaseTransitions.at')
    .execute();
  return rows.map(({ fromPhase, toPhase, ...r }) => ({ ...r, from: fromPhase as Phase, to: toPhase as Phase }));
}

export function insertSession(q: Q, row: SessionTable) {
  return q.insertInto('sessions').values(row).execute();
}

export function findSession(q: Q, organisationId: string, id: string) {
  return q
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
}

export function listSessionsOfCourses(q: Q, organisationId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('sessions')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', 'in', courseIds)
    .orderBy('number')
    .execute();
}

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
