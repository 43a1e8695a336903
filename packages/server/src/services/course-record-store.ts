/**
 * Writing a course's records (`course_records`): every one a versioned JSON document. One place for the rules all
 * of them follow (shared/DESIGN.md "Data"): a new record starts at version 1; an update names the version it read
 * and keeps the version it replaces in `record_revisions`; each is audited with the work that wrote it. Every
 * function runs inside a pipeline's write (pipeline.ts), which reached the course for the caller.
 */
import type { CourseRecordKind, CourseRecordOf } from '@ipt/contract';
import { NotFound, StaleVersion } from '@ipt/core';
import { AuditAction } from '../audit/audit-log.js';
import {
  type AnyRecordData,
  type CourseRecordRow,
  isKind,
  type RowOf,
} from '../db/repositories/course-records-repository.js';
import * as records from '../db/repositories/course-records-repository.js';
import { findPatientInOrganisation } from '../db/repositories/patients-repository.js';
import type { CourseTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import type { Work } from './pipeline.js';

/** A course reached for writing, and its patient. */
export interface CourseTarget {
  readonly course: CourseTable;
  readonly patientId: string;
}

/** The row as one kind: a slot or an id names records of one kind only, so anything else is a broken invariant. */
export function asKind<K extends CourseRecordKind>(row: CourseRecordRow, kind: K): RowOf<K> {
  if (!isKind(kind)(row)) throw new Error(`Record ${row.id} is a ${row.record.kind}, not a ${kind}.`);
  return row;
}

/** The dates a patient's records are checked against: not in the future, not before birth (DOMAIN §2.4). */
export async function recordDates(w: Work, patientId: string) {
  const patient = await findPatientInOrganisation(w.q, w.organisationId, patientId);
  return { today: w.today, yearOfBirth: patient?.yearOfBirth ?? null };
}

export async function insertRecord<K extends CourseRecordKind>(
  w: Work,
  target: CourseTarget,
  kind: K,
  id: string,
  slot: string,
  data: AnyRecordData,
): Promise<CourseRecordOf<K>> {
  const { course, patientId } = target;
  const row = await records.insertCourseRecord(
    w.q,
    {
      id,
      organisationId: course.organisationId,
      patientId,
      courseId: course.id,
      slot,
      createdBy: w.ctx.actor.userId,
      createdAt: w.at,
      updatedAt: w.at,
    },
    kind,
    data,
  );
  w.audit(AuditAction.create, kind, id, patientId);
  return asKind(row, kind).record;
}

/** Fails early, before any rule runs, when the If-Match does not name what the slot holds ("0" for nothing). */
export function assertSlotVersion(existing: CourseRecordRow | undefined, version: number): void {
  if (existing && existing.version !== version) throw new StaleVersion(existing.version, existing.record);
  if (!existing && version !== 0) throw new StaleVersion(0);
}

/**
 * Writes the record that fills `slot` (one per course, or one per session): If-Match "0" creates it when the slot
 * is empty; otherwise the stored record must still be at `version`.
 */
export function putSlot<K extends CourseRecordKind>(
  w: Work,
  target: CourseTarget,
  kind: K,
  slot: string,
  existing: RowOf<K> | undefined,
  version: number,
  data: AnyRecordData,
): Promise<CourseRecordOf<K>> {
  if (existing) return saveRecord(w, existing, version, data, target.patientId);
  assertSlotVersion(existing, version);
  return insertRecord(w, target, kind, uuidv7(), slot, data);
}

/**
 * Replaces the record's data if it is still at `version`; the replaced version is kept. The data is checked
 * against the record's kind where it is written (course-records-repository).
 */
export async function saveRecord<K extends CourseRecordKind>(
  w: Work,
  row: RowOf<K>,
  version: number,
  data: AnyRecordData,
  patientId: string,
): Promise<CourseRecordOf<K>> {
  const ok = await records.updateCourseRecordData(w.q, row, version, data, w.at);
  if (!ok) throw new StaleVersion(row.version, row.record);
  await keepRecord(w, row);
  const kind = row.record.kind;
  w.audit(AuditAction.update, kind, row.id, patientId);
  const saved = await records.findCourseRecord(w.q, row.organisationId, row.id);
  if (!saved) throw new NotFound('Record');
  return asKind(saved, kind).record;
}

/** Keeps the version a record had before it changed (under its kind). */
export function keepRecord(w: Work, row: CourseRecordRow) {
  return w.keep(row.record.kind, row.id, row.version, row.record.data);
}
