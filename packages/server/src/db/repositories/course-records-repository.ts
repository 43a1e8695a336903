/**
 * A course's records (`course_records`): each a versioned JSON document of one kind. This is the edge where a
 * record's JSON is read and written: every row leaves here parsed by its kind's schema from the contract, and every
 * record is checked by the same schema before it is kept, so nothing loosely typed reaches a service or a client.
 */
import {
  CourseRecord,
  type CourseRecordData,
  type CourseRecordOf,
  type CourseRecordKind,
  courseRecordData,
  RecordRevision,
} from '@ipt/contract';
import type { CourseRecordTable } from '../schema.js';
import { listRevisions } from './revisions-repository.js';
import type { Q } from './tx.js';
import { updateIfVersion } from './versioned.js';

/**
 * A course record with its data parsed, and where it belongs. Its kind and data are read together through
 * `isKind`, which narrows a row to one kind (`RowOf`).
 */
export type CourseRecordRow = Omit<CourseRecordTable, 'dataJson' | 'kind'> & {
  readonly record: CourseRecordOf<CourseRecordKind>;
};
/** The data of any kind of record. */
export type AnyRecordData = CourseRecordData[CourseRecordKind];
/** A row of one kind. */
export type RowOf<K extends CourseRecordKind> = Omit<CourseRecordRow, 'record'> & {
  readonly record: CourseRecordOf<K>;
};

function parseRow(row: CourseRecordTable): CourseRecordRow {
  const { dataJson, kind, ...meta } = row;
  const data: unknown = JSON.parse(dataJson);
  return { ...meta, record: CourseRecord.parse({ id: row.id, kind, version: row.version, data }) };
}

/** The record's data as kept, checked against its kind's schema: a record that could not be read is never written. */
function serialise(kind: CourseRecordKind, data: AnyRecordData): string {
  return JSON.stringify(courseRecordData[kind].parse(data));
}

export function isKind<K extends CourseRecordKind>(kind: K) {
  return (row: CourseRecordRow): row is RowOf<K> => row.record.kind === kind;
}

export async function insertCourseRecord(
  q: Q,
  meta: Omit<CourseRecordTable, 'dataJson' | 'kind' | 'version' | 'deletedAt'>,
  kind: CourseRecordKind,
  data: AnyRecordData,
): Promise<CourseRecordRow> {
  const row: CourseRecordTable = { ...meta, kind, dataJson: serialise(kind, data), version: 1, deletedAt: null };
  await q.insertInto('courseRecords').values(row).execute();
  return parseRow(row);
}

/** Replaces the data of a record still at `version` (bumping it); false when someone changed it first. */
export function updateCourseRecordData(
  q: Q,
  row: CourseRecordRow,
  version: number,
  data: AnyRecordData,
  at: string,
): Promise<boolean> {
  const key = { organisationId: row.organisationId, id: row.id, version };
  return updateIfVersion(q, 'courseRecords', key, { dataJson: serialise(row.record.kind, data) }, at);
}

/** Marks a record still at `version` deleted (soft, audited by the caller). */
export function deleteCourseRecord(q: Q, row: CourseRecordRow, version: number, at: string): Promise<boolean> {
  const key = { organisationId: row.organisationId, id: row.id, version };
  return updateIfVersion(q, 'courseRecords', key, { deletedAt: at }, at);
}

export async function listCourseRecords(q: Q, organisationId: string, courseId: string): Promise<CourseRecordRow[]> {
  const rows = await q
    .selectFrom('courseRecords')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', '=', courseId)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .execute();
  return rows.map(parseRow);
}

export async function findCourseRecord(q: Q, organisationId: string, id: string): Promise<CourseRecordRow | undefined> {
  const row = await q
    .selectFrom('courseRecords')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return row && parseRow(row);
}

/** The record that fills a one-per-course (or one-per-session) slot, if any. */
export async function findSingleton(
  q: Q,
  organisationId: string,
  courseId: string,
  slot: string,
): Promise<CourseRecordRow | undefined> {
  const row = await q
    .selectFrom('courseRecords')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('courseId', '=', courseId)
    .where('slot', '=', slot)
    .executeTakeFirst();
  return row && parseRow(row);
}

/** The slot's record when it is of `kind`; a slot holds one kind only. */
export async function findSingletonOf<K extends CourseRecordKind>(
  q: Q,
  organisationId: string,
  courseId: string,
  slot: string,
  kind: K,
): Promise<RowOf<K> | undefined> {
  const row = await findSingleton(q, organisationId, courseId, slot);
  return row && isKind(kind)(row) ? row : undefined;
}

/** Every earlier version of a course record, newest first, parsed by its kind's schema. */
export async function listCourseRecordRevisions(
  q: Q,
  organisationId: string,
  row: CourseRecordRow,
): Promise<RecordRevision[]> {
  // A course record's revisions are kept under its kind.
  const rows = await listRevisions(q, organisationId, row.record.kind, row.id);
  return rows.map((r) => {
    const data: unknown = JSON.parse(r.dataJson);
    return RecordRevision.parse({ ...r, id: row.id, kind: row.record.kind, data });
  });
}
