/**
 * Writing a course's records (`course_records`): every one a versioned JSON document. One place for the rules all
 * of them follow (shared/DESIGN.md "Data"): a new record starts at version 1; an update names the version it read
 * and keeps the version it replaces in `record_revisions`; both are audited in their own transaction.
 */
import { reachOf } from './reach.js';
import type { CourseRecordKind, CourseRecordOf } from '@ipt/contract';
import { NotFound, StaleVersion } from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { writableCourse } from '../db/repositories/access-repository.js';
import {
  type AnyRecordData,
  type CourseRecordRow,
  isKind,
  type RowOf,
} from '../db/repositories/course-records-repository.js';
import * as records from '../db/repositories/course-records-repository.js';
import { findPatientInOrganisation } from '../db/repositories/patients-repository.js';
import { insertRevision } from '../db/repositories/revisions-repository.js';
import type { Q } from '../db/repositories/tx.js';
import type { CourseTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import { type ServiceDeps, todayOf } from './deps.js';

/** The row as one kind: a slot or an id names records of one kind only, so anything else is a broken invariant. */
export function asKind<K extends CourseRecordKind>(row: CourseRecordRow, kind: K): RowOf<K> {
  if (!isKind(kind)(row)) throw new Error(`Record ${row.id} is a ${row.record.kind}, not a ${kind}.`);
  return row;
}

export class CourseRecordStore {
  constructor(private readonly deps: ServiceDeps) {}

  /** The course the actor may write to, its patient, and the dates a record is checked against. */
  async writable(q: Q, ctx: RequestContext, courseId: string) {
    reachOf(ctx, 'write');
    const target = await writableCourse(q, ctx.actor, courseId);
    if (!target) throw new NotFound('Course');
    const patient = await findPatientInOrganisation(q, ctx.actor.organisationId, target.patientId);
    const dates = { today: todayOf(this.deps.clock), yearOfBirth: patient?.yearOfBirth ?? null };
    return { course: target.course, patientId: target.patientId, dates };
  }

  async insert<K extends CourseRecordKind>(
    q: Q,
    ctx: RequestContext,
    course: CourseTable,
    patientId: string,
    kind: K,
    id: string,
    slot: string,
    data: AnyRecordData,
  ): Promise<CourseRecordOf<K>> {
    const at = this.deps.clock().toISOString();
    const meta = { id, organisationId: course.organisationId, patientId, courseId: course.id, slot };
    const row = await records.insertCourseRecord(
      q,
      { ...meta, createdBy: ctx.actor.userId, createdAt: at, updatedAt: at },
      kind,
      data,
    );
    await this.deps.audit.inTransaction(q, [clinicalEvent(ctx, AuditAction.create, kind, id, patientId)]);
    return asKind(row, kind).record;
  }

  /** Fails early, before any rule runs, when the If-Match does not name what the slot holds ("0" for nothing). */
  assertSlotVersion(existing: CourseRecordRow | undefined, version: number): void {
    if (existing && existing.version !== version) throw new StaleVersion(existing.version, existing.record);
    if (!existing && version !== 0) throw new StaleVersion(0);
  }

  /**
   * Writes the record that fills `slot` (one per course, or one per session): If-Match "0" creates it when the slot
   * is empty; otherwise the stored record must still be at `version`.
   */
  putSlot<K extends CourseRecordKind>(
    q: Q,
    ctx: RequestContext,
    target: { readonly course: CourseTable; readonly patientId: string },
    kind: K,
    slot: string,
    existing: RowOf<K> | undefined,
    version: number,
    data: AnyRecordData,
  ): Promise<CourseRecordOf<K>> {
    if (existing) return this.save(q, ctx, existing, version, data, target.patientId);
    this.assertSlotVersion(existing, version);
    return this.insert(q, ctx, target.course, target.patientId, kind, uuidv7(), slot, data);
  }

  /**
   * Replaces the record's data if it is still at `version`; the replaced version is kept. The data is checked
   * against the record's kind where it is written (course-records-repository).
   */
  async save<K extends CourseRecordKind>(
    q: Q,
    ctx: RequestContext,
    row: RowOf<K>,
    version: number,
    data: AnyRecordData,
    patientId: string,
  ): Promise<CourseRecordOf<K>> {
    const at = this.deps.clock().toISOString();
    const ok = await records.updateCourseRecordData(q, row, version, data, at);
    if (!ok) throw new StaleVersion(row.version, row.record);
    await this.keep(q, ctx, row, at);
    const kind = row.record.kind;
    await this.deps.audit.inTransaction(q, [clinicalEvent(ctx, AuditAction.update, kind, row.id, patientId)]);
    const saved = await records.findCourseRecord(q, row.organisationId, row.id);
    if (!saved) throw new NotFound('Record');
    return asKind(saved, kind).record;
  }

  /** Keeps the version a record had before it changed. */
  keep(q: Q, ctx: RequestContext, row: CourseRecordRow, at: string) {
    return insertRevision(q, {
      organisationId: row.organisationId,
      recordType: row.record.kind,
      recordId: row.id,
      version: row.version,
      data: row.record.data,
      at,
      by: ctx.actor.userId,
    });
  }
}
