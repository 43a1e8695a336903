/**
 * The one way a service reads or changes clinical records (shared/DESIGN.md "Data", "Security model"; ADR 0014).
 *
 *   pipeline.write(ctx, async (w) => {
 *     const { course, patientId } = await w.course(courseId);   // reached for writing, within the policy's scope
 *     await w.saveVersioned('courses', course, version, changes, { type: 'Course', data: toCourse(course) });
 *     w.audit(AuditAction.update, 'Course', course.id, patientId);
 *     return …;
 *   });
 *
 * `write` runs the work in one transaction as the caller and appends its audit events in that same transaction, so
 * a change and its audit entry commit together or not at all. `read` runs without a transaction and appends its audit
 * events by group commit before the answer leaves. Either way a record is reached only as the operation's declared
 * policy allows (`reachOf`): a read-scoped operation cannot reach anything for writing, and an operation scoped to
 * nothing cannot reach a patient's records. Out of reach answers 404, as does a record that does not exist.
 */
import { NotFound, StaleVersion } from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import type { AuditAction, AuditEntry } from '../audit/audit-log.js';
import { type Reach, reachableCoursePatient, reachableSessionOwner } from '../db/repositories/access-repository.js';
import { type CourseRecordRow, findCourseRecord } from '../db/repositories/course-records-repository.js';
import { findCourse, findSession } from '../db/repositories/courses-repository.js';
import { findPatientInOrganisation, findReachablePatient } from '../db/repositories/patients-repository.js';
import { insertRevision } from '../db/repositories/revisions-repository.js';
import type { Q } from '../db/repositories/tx.js';
import { updateIfVersion, type VersionedTable } from '../db/repositories/versioned.js';
import type { CourseTable, Database, PatientTable, SessionTable } from '../db/schema.js';
import type { Updateable } from 'kysely';
import { clinicalEvent } from './audit-events.js';
import { type ServiceDeps, todayOf } from './deps.js';
import { reachOf, ScopeViolation } from './reach.js';

/** The unit of work a pipeline hands a service: the connection, the caller, the time, and what to audit. */
export class Work {
  readonly events: AuditEntry[] = [];
  /** The instant of this request, ISO-8601: every row it writes carries the same one. */
  readonly at: string;
  /** Today's date in UTC, "YYYY-MM-DD". */
  readonly today: string;

  constructor(
    readonly q: Q,
    readonly ctx: RequestContext,
    private readonly mode: Reach,
    clock: () => Date,
  ) {
    this.at = clock().toISOString();
    this.today = todayOf(clock);
  }

  /** The organisation every query of this work is scoped to. */
  get organisationId(): string {
    return this.ctx.actor.organisationId;
  }

  /** Notes an audit event about a clinical record; the pipeline appends it with the work. */
  audit(action: AuditAction, entityType: string, entityId: string | null, patientId: string | null): void {
    this.events.push(clinicalEvent(this.ctx, action, entityType, entityId, patientId));
  }

  /** The patient, reached as the operation's scope allows. */
  async patient(patientId: string): Promise<PatientTable> {
    const row = await findReachablePatient(this.q, this.ctx.actor, patientId, this.reach());
    if (!row) throw new NotFound('Patient');
    return row;
  }

  /** The patient a patient's account belongs to, for `self`-scoped operations; never another. */
  async ownPatient(): Promise<PatientTable> {
    if (this.ctx.scope !== 'self') throw new ScopeViolation(this.ctx.operation, this.ctx.scope, this.mode);
    const id = this.ctx.actor.patientId;
    const row = id ? await findPatientInOrganisation(this.q, this.organisationId, id) : undefined;
    if (!row) throw new NotFound('Patient');
    return row;
  }

  /** A patient of the caller's organisation, for organisation-scoped operations (the care team, by an admin). */
  async patientInOrganisation(patientId: string): Promise<PatientTable> {
    if (this.ctx.scope !== 'organisation') throw new ScopeViolation(this.ctx.operation, this.ctx.scope, this.mode);
    const row = await findPatientInOrganisation(this.q, this.organisationId, patientId);
    if (!row) throw new NotFound('Patient');
    return row;
  }

  /** The course and its patient, reached as the operation's scope allows. */
  async course(courseId: string): Promise<{ course: CourseTable; patientId: string }> {
    const patientId = await reachableCoursePatient(this.q, this.ctx.actor, courseId, this.reach());
    const course = patientId && (await findCourse(this.q, this.organisationId, courseId));
    if (!patientId || !course) throw new NotFound('Course');
    return { course, patientId };
  }

  /** The session, its course and its patient, reached as the operation's scope allows. */
  async session(sessionId: string): Promise<{ session: SessionTable; course: CourseTable; patientId: string }> {
    const owner = await reachableSessionOwner(this.q, this.ctx.actor, sessionId, this.reach());
    const [session, course] = owner
      ? await Promise.all([
          findSession(this.q, this.organisationId, sessionId),
          findCourse(this.q, this.organisationId, owner.courseId),
        ])
      : [undefined, undefined];
    if (!owner || !session || !course) throw new NotFound('Session');
    return { session, course, patientId: owner.patientId };
  }

  /** A course record, its course and its patient, reached as the operation's scope allows. */
  async record(recordId: string): Promise<{ row: CourseRecordRow; course: CourseTable; patientId: string }> {
    const row = await findCourseRecord(this.q, this.organisationId, recordId);
    if (!row) throw new NotFound('Record');
    const { course, patientId } = await this.course(row.courseId).catch((err: unknown) => {
      throw err instanceof NotFound ? new NotFound('Record') : err;
    });
    return { row, course, patientId };
  }

  /** Fails with 409 and the current record when the caller read an older version (checked before any rule runs). */
  assertVersion(row: { readonly version: number }, version: number, current: unknown): void {
    if (row.version !== version) throw new StaleVersion(row.version, current);
  }

  /**
   * Applies `changes` to a versioned row only if it is still at `version`, and keeps the version it replaces;
   * a stale version answers 409 with the current record. Only in a write.
   */
  async saveVersioned<T extends VersionedTable>(
    table: T,
    before: { readonly id: string; readonly version: number },
    version: number,
    changes: Omit<Updateable<Database[T]>, 'version' | 'updatedAt'>,
    kept: { readonly type: string; readonly data: unknown },
  ): Promise<void> {
    this.assertWriting();
    const key = { organisationId: this.organisationId, id: before.id, version };
    const ok = await updateIfVersion(this.q, table, key, changes, this.at);
    if (!ok) throw new StaleVersion(before.version, kept.data);
    await this.keep(kept.type, before.id, before.version, kept.data);
  }

  /** Keeps the version a record had before it changed (record_revisions). Only in a write. */
  keep(recordType: string, recordId: string, version: number, data: unknown): Promise<unknown> {
    this.assertWriting();
    return insertRevision(this.q, {
      organisationId: this.organisationId,
      recordType,
      recordId,
      version,
      data,
      at: this.at,
      by: this.ctx.actor.userId,
    });
  }

  private reach(): Reach {
    return reachOf(this.ctx, this.mode);
  }

  private assertWriting(): void {
    if (this.mode !== 'write') throw new ScopeViolation(this.ctx.operation, this.ctx.scope, 'write');
  }
}

export class Pipeline {
  constructor(private readonly deps: ServiceDeps) {}

  /** In one transaction, as the caller: the work, then its audit events, committed together. */
  write<T>(ctx: RequestContext, fn: (w: Work) => Promise<T>): Promise<T> {
    return this.deps.db.write(async (trx) => {
      const w = new Work(trx, ctx, 'write', this.deps.clock);
      const result = await fn(w);
      await this.deps.audit.inTransaction(trx, w.events);
      return result;
    });
  }

  /** Reads as the caller; the answer waits until its audit events are durable (group commit). */
  async read<T>(ctx: RequestContext, fn: (w: Work) => Promise<T>): Promise<T> {
    const w = new Work(this.deps.db.db, ctx, 'read', this.deps.clock);
    const result = await fn(w);
    await Promise.all(w.events.map((e) => this.deps.audit.record(e)));
    return result;
  }
}
