import type { CourseRecordTable } from '../schema.js';
import type { Q } from './tx.js';

export function insertCourseRecord(q: Q, row: CourseRecordTable) {
  return q.insertInto('courseRecords').values(row).execute();
}

export function listCourseRecords(q: Q, organisationId: string, courseId: string) {
  return q
    .selectFrom('courseRecords')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', '=', courseId)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .execute();
}

export function findCourseRecord(q: Q, organisationId: string, id: string) {
  return q
    .selectFrom('courseRecords')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export function findSingleton(q: Q, organisationId: string, courseId: string, kind: string) {
  return q
    .selectFrom('courseRecords')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', '=', courseId)
    .where('slot', '=', kind)
    .executeTakeFirst();
}
