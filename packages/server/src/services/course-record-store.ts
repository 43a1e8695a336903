/**
 * Writing a course's records (`course_records`): every one a versioned JSON document. One place for the rules all
 * of them follow (shared/DESIGN.md "Data"): a new record starts at version 1; an update names the version it read
 * and keeps the version it replaces in `record_revisions`; both are audited in their own transaction.
 */
import type { CourseRecord } from '@ipt/contract';
import { NotFound, StaleVersion } from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { writableCourse } from '../db/repositories/access-repository.js';
import * as records from '../db/repositories/course-records-repository.js';
import { findPatientInOrganisation } from '../db/repositories/patients-repository.js';
import { insertRevision } from '../db/repositories/revisions-repository.js';
import type { Q } from '../db/repositories/tx.js';
import { updateIfVersion } from '../db/repositories/versioned.js';
import type { CourseRecordTable, CourseTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import { type ServiceDeps, todayOf } from './deps.js';

export const toRecord = (row: CourseRecordTable): CourseRecord => ({
  id: row.id,
  kind: row.kind,
  version: row.version,
  data: JSON.parse(row.dataJson) as Record<string, unknown>,
});

export class CourseRecordStore {
  constructor(private readonly deps: ServiceDeps) {}

  /** The course the actor may write to, its patient, and the dates a record is checked against. */
  async writable(q: Q, ctx: RequestContext, courseId: string) {
    const target = await writableCourse(q, ctx.actor, courseId);
    if (!target) throw new NotFound('Course');
    const patient = await findPatientInOrganisation(q, ctx.actor.organisationId, target.patientId);
    const dates = { today: todayOf(this.deps.clock), yearOfBirth: patient?.yearOfBirth ?? null };
    return { course: target.course, patientId: target.patientId, dates };
  }

  async insert(
    q: Q,
    ctx: RequestContext,
    course: CourseTable,
    patientId: string,
    kind: string,
    id: string,
    slot: string,
    data: Record<string, unknown>,
  ): Promise<CourseRecord> {
    const at = this.deps.clock().toISOString();
    const row: CourseRecordTable = {
      id,
      organisationId: course.organisationId,
      patientId,
      courseId: course.id,
      kind,
      slot,
      dataJson: JSON.stringify(data),
      version: 1,
      createdBy: ctx.actor.userId,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    await records.insertCourseRecord(q, row);
    await this.deps.audit.inTransaction(q, [clinicalEvent(ctx, AuditAction.create, kind, id, patientId)]);
    return toRecord(row);
  }

  /** Fails early, before any rule runs, when the If-Match does not name what the slot holds ("0" for nothing). */
  assertSlotVersion(existing: CourseRecordTable | undefined, version: number): void {
    if (existing && existing.version !== version) throw new StaleVersion(existing.version, toRecord(existing));
    if (!existing && version !== 0) throw new StaleVersion(0);
  }

  /**
   * Writes the record that fills `slot` (one per course, or one per session): If-Match "0" creates it when the slot
   * is empty; otherwise the stored record must still be at `version`.
   */
  putSlot(
    q: Q,
    ctx: RequestContext,
    target: { readonly course: CourseTable; readonly patientId: string },
    kind: string,
    slot: string,
    existing: CourseRecordTable | undefined,
    version: number,
    data: Record<string, unknown>,
  ): Promise<CourseRecord> {
    if (existing) return this.save(q, ctx, existing, version, data, target.patientId);
    this.assertSlotVersion(existing, version);
    return this.insert(q, ctx, target.course, target.patientId, kind, uuidv7(), slot, data);
  }

  /** Replaces the record's data if it is still at `version`; the replaced version is kept. */
  async save(
    q: Q,
    ctx: RequestContext,
    row: CourseRecordTable,
    version: number,
    data: Record<string, unknown>,
    patientId: string,
  ): Promise<CourseRecord> {
    const at = this.deps.clock().toISOString();
    const ok = await updateIfVersion(
      q,
      'courseRecords',
      { organisationId: row.organisationId, id: row.id, version },
      { dataJson: JSON.stringify(data) },
      at,
    );
    if (!ok) throw new StaleVersion(row.version, toRecord(row));
    await this.keep(q, ctx, row, at);
    await this.deps.audit.inTransaction(q, [clinicalEvent(ctx, AuditAction.update, row.kind, row.id, patientId)]);
    return { id: row.id, kind: row.kind, version: version + 1, data };
  }

  /** Keeps the version a record had before it changed. */
  keep(q: Q, ctx: RequestContext, row: CourseRecordTable, at: string) {
    return insertRevision(q, {
      organisationId: row.organisationId,
      recordType: row.kind,
      recordId: row.id,
      version: row.version,
      data: JSON.parse(row.dataJson),
      at,
      by: ctx.actor.userId,
    });
  }
}
