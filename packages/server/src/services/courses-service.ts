/** A course of IPT: starting it, changing its plan, moving its phase, recording its sessions. */
import { reachOf } from './reach.js';
import type {
  CourseDetail,
  CreateCourseRequest,
  CreateSessionRequest,
  Session,
  UpdateCourseRequest,
  UpdateSessionRequest,
} from '@ipt/contract';
import {
  assertGate,
  assertNewSession,
  assertPhaseLengths,
  assertPhaseTransition,
  assertPlannedSessions,
  Conflict,
  NotFound,
  Phase,
  type PhaseLengths,
  presetPhaseLengths,
  RuleViolation,
  StaleVersion,
  statusAfterPhase,
  nextSessionNumber,
  SessionLength,
} from '@ipt/core';
import type { z } from 'zod';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { isUniqueViolation } from '../db/dialect.js';
import { reachableCoursePatient, reachableSessionOwner } from '../db/repositories/access-repository.js';
import * as courses from '../db/repositories/courses-repository.js';
import { findReachablePatient } from '../db/repositories/patients-repository.js';
import { insertRevision, listSessionRevisions } from '../db/repositories/revisions-repository.js';
import type { Q } from '../db/repositories/tx.js';
import { updateIfVersion } from '../db/repositories/versioned.js';
import type { CourseTable } from '../db/schema.js';
import { findSingletonOf } from '../db/repositories/course-records-repository.js';
import { uuidv7 } from '../ids.js';
import { sessionWorkSlot } from './course-work-facts.js';
import { clinicalEvent } from './audit-events.js';
import { loadInitialPhase } from './initial-phase-facts.js';
import { courseDetail } from './course-view.js';
import { type ServiceDeps, todayOf } from './deps.js';

type CreateCourse = z.output<typeof CreateCourseRequest>;

export class CoursesService {
  constructor(private readonly deps: ServiceDeps) {}

  async start(ctx: RequestContext, patientId: string, input: CreateCourse): Promise<CourseDetail> {
    const lengths: PhaseLengths = input.phaseLengths ?? presetPhaseLengths(input.schoolPreset);
    assertPlannedSessions(input.plannedSessions);
    assertPhaseLengths(input.plannedSessions, lengths);
    const at = this.deps.clock().toISOString();
    return this.deps.db.db.transaction().execute(async (trx) => {
      const patient = await findReachablePatient(trx, ctx.actor, patientId, reachOf(ctx, 'write'));
      if (!patient) throw new NotFound('Patient');
      const open = await courses.listCoursesOfPatients(trx, ctx.actor.organisationId, [patientId]);
      if (open.some((c) => c.status === 'active')) {
        throw new Conflict('This patient already has an active course: end it before starting another.');
      }
      const row: CourseTable = {
        id: uuidv7(),
        organisationId: ctx.actor.organisationId,
        patientId,
        format: input.format,
        schoolPreset: input.schoolPreset,
        perinatal: input.perinatal ? 1 : 0,
        plannedSessions: input.plannedSessions,
        initialSessions: lengths.initialSessions,
        terminationSessions: lengths.terminationSessions,
        scheduleWeekday: input.schedule.weekday,
        scheduleTime: input.schedule.time,
        startDate: input.startDate,
        phase: Phase.initial,
        status: 'active',
        version: 1,
        createdBy: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
      };
      await courses.insertCourse(trx, row);
      await this.deps.audit.inTransaction(trx, [clinicalEvent(ctx, AuditAction.create, 'Course', row.id, patientId)]);
      return courseDetail(row, [], [], todayOf(this.deps.clock));
    });
  }

  async detail(ctx: RequestContext, courseId: string): Promise<CourseDetail> {
    const patientId = await reachableCoursePatient(this.deps.db.db, ctx.actor, courseId, reachOf(ctx, 'read'));
    if (!patientId) throw new NotFound('Course');
    const detail = await this.load(this.deps.db.db, ctx, courseId);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'Course', courseId, patientId));
    return detail;
  }

  async update(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: z.output<typeof UpdateCourseRequest>,
  ): Promise<CourseDetail> {
    const at = this.deps.clock().toISOString();
    return this.deps.db.db.transaction().execute(async (trx) => {
      const { row, patientId } = await this.reachable(trx, ctx, courseId, reachOf(ctx, 'write'));
      const planned = input.plannedSessions ?? row.plannedSessions;
      const lengths = input.phaseLengths ?? {
        initialSessions: row.initialSessions,
        terminationSessions: row.terminationSessions,
      };
      assertPlannedSessions(planned);
      assertPhaseLengths(planned, lengths);
      const changed = await updateIfVersion(
        trx,
        'courses',
        { organisationId: ctx.actor.organisationId, id: courseId, version },
        {
          plannedSessions: planned,
          initialSessions: lengths.initialSessions,
          terminationSessions: lengths.terminationSessions,
          ...(input.schedule && { scheduleWeekday: input.schedule.weekday, scheduleTime: input.schedule.time }),
        },
        at,
      );
      if (!changed) throw new StaleVersion(row.version, courses.toCourse(row));
      await this.keepRevision(trx, ctx, 'Course', row.id, row.version, courses.toCourse(row), at);
      await this.deps.audit.inTransaction(trx, [clinicalEvent(ctx, AuditAction.update, 'Course', courseId, patientId)]);
      return this.load(trx, ctx, courseId);
    });
  }

  /** An explicit, recorded phase change: who, when, why (issue "first room"; DOMAIN §0–§1). */
  async movePhase(
    ctx: RequestContext,
    courseId: string,
    version: number,
    to: Phase,
    reason: string,
    overrideGate = false,
  ) {
    const at = this.deps.clock().toISOString();
    return this.deps.db.db.transaction().execute(async (trx) => {
      const { row, patientId } = await this.reachable(trx, ctx, courseId, reachOf(ctx, 'write'));
      const from = row.phase as Phase;
      if (row.version !== version) throw new StaleVersion(row.version, courses.toCourse(row));
      assertPhaseTransition(from, to);
      // Leaving the initial phase for the middle phase needs its gate met, or a written override (DOMAIN §1.2).
      const gate =
        from === Phase.initial && to === Phase.middle
          ? assertGate((await loadInitialPhase(trx, row)).gateFacts, overrideGate ? { reason } : null)
          : null;
      const changed = await updateIfVersion(
        trx,
        'courses',
        { organisationId: ctx.actor.organisationId, id: courseId, version },
        { phase: to, status: statusAfterPhase(from, to) },
        at,
      );
      if (!changed) throw new StaleVersion(row.version, courses.toCourse(row));
      await courses.insertPhaseTransition(trx, {
        id: uuidv7(),
        organisationId: ctx.actor.organisationId,
        courseId,
        fromPhase: from,
        toPhase: to,
        reason,
        at,
        byUserId: ctx.actor.userId,
      });
      await this.keepRevision(trx, ctx, 'Course', row.id, row.version, courses.toCourse(row), at);
      await this.deps.audit.inTransaction(trx, [
        clinicalEvent(
          ctx,
          AuditAction.update,
          gate?.overridden ? 'PhaseTransitionGateOverride' : 'PhaseTransition',
          courseId,
          patientId,
        ),
      ]);
      return this.load(trx, ctx, courseId);
    });
  }

  async listSessions(ctx: RequestContext, courseId: string): Promise<Session[]> {
    const patientId = await reachableCoursePatient(this.deps.db.db, ctx.actor, courseId, reachOf(ctx, 'read'));
    if (!patientId) throw new NotFound('Course');
    const rows = await courses.listSessionsOfCourses(this.deps.db.db, ctx.actor.organisationId, [courseId]);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.search, 'Session', courseId, patientId));
    return rows.map(courses.toSession);
  }

  async recordSession(ctx: RequestContext, courseId: string, input: CreateSessionRequest): Promise<Session> {
    const at = this.deps.clock().toISOString();
    try {
      return await this.deps.db.db.transaction().execute(async (trx) => {
        const { row, patientId } = await this.reachable(trx, ctx, courseId, reachOf(ctx, 'write'));
        if (row.phase === Phase.ended) throw new RuleViolation('This course has ended: start a new course instead.');
        const existing = (await courses.listSessionsOfCourses(trx, ctx.actor.organisationId, [courseId])).map(
          courses.toSession,
        );
        const facts = {
          number: input.number ?? nextSessionNumber(existing),
          date: input.date,
          attendance: input.attendance,
        };
        assertNewSession(courses.toCourse(row), existing, facts);
        const session = {
          id: uuidv7(),
          organisationId: ctx.actor.organisationId,
          courseId,
          ...facts,
          lengthMinutes:
            input.lengthMinutes === undefined
              ? facts.attendance === 'attended'
                ? SessionLength.defaultMinutes
                : null
              : input.lengthMinutes,
          note: input.note ?? '',
          phase: row.phase,
          version: 1,
          createdBy: ctx.actor.userId,
          createdAt: at,
          updatedAt: at,
        };
        await courses.insertSession(trx, session);
        await this.deps.audit.inTransaction(trx, [
          clinicalEvent(ctx, AuditAction.create, 'Session', session.id, patientId),
        ]);
        return courses.toSession(session);
      });
    } catch (err) {
      // Two clinicians recording the same number at once: the database's unique constraint decides.
      if (isUniqueViolation(err))
        throw new RuleViolation('This course already has a session with that number.', 'number');
      throw err;
    }
  }

  async session(ctx: RequestContext, sessionId: string): Promise<Session> {
    const owner = await reachableSessionOwner(this.deps.db.db, ctx.actor, sessionId, reachOf(ctx, 'read'));
    const row = owner && (await courses.findSession(this.deps.db.db, ctx.actor.organisationId, sessionId));
    if (!owner || !row) throw new NotFound('Session');
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'Session', sessionId, owner.patientId));
    return courses.toSession(row);
  }

  async updateSession(
    ctx: RequestContext,
    sessionId: string,
    version: number,
    input: z.output<typeof UpdateSessionRequest>,
  ): Promise<Session> {
    const at = this.deps.clock().toISOString();
    return this.deps.db.db.transaction().execute(async (trx) => {
      const owner = await reachableSessionOwner(trx, ctx.actor, sessionId, reachOf(ctx, 'write'));
      const before = owner && (await courses.findSession(trx, ctx.actor.organisationId, sessionId));
      if (!owner || !before) throw new NotFound('Session');
      const { reason, ...changes } = input;
      // Once the session's work is finished, the session changes only with a reason, kept with the earlier version
      // (issue "The middle and final phases": editing a finished session asks for a reason).
      const slot = sessionWorkSlot(sessionId);
      const work = await findSingletonOf(trx, ctx.actor.organisationId, owner.courseId, slot, 'session-work');
      const finished = work?.record.data.status === 'finished';
      if (finished && !reason) {
        throw new RuleViolation('This session’s record is finished: say why it changes.', 'reason');
      }
      if (input.date !== undefined) {
        const course = await courses.findCourse(trx, ctx.actor.organisationId, owner.courseId);
        if (course && input.date < course.startDate) {
          throw new RuleViolation(`A session cannot be dated before the course starts (${course.startDate}).`, 'date');
        }
      }
      const changed = await updateIfVersion(
        trx,
        'sessions',
        { organisationId: ctx.actor.organisationId, id: sessionId, version },
        changes,
        at,
      );
      if (!changed) throw new StaleVersion(before.version, courses.toSession(before));
      const kept = { ...courses.toSession(before), ...(reason && { changeReason: reason }) };
      await this.keepRevision(trx, ctx, 'Session', sessionId, before.version, kept, at);
      await this.deps.audit.inTransaction(trx, [
        clinicalEvent(ctx, AuditAction.update, 'Session', sessionId, owner.patientId),
      ]);
      const after = await courses.findSession(trx, ctx.actor.organisationId, sessionId);
      if (!after) throw new NotFound('Session');
      return courses.toSession(after);
    });
  }

  async sessionRevisions(ctx: RequestContext, sessionId: string) {
    const owner = await reachableSessionOwner(this.deps.db.db, ctx.actor, sessionId, reachOf(ctx, 'read'));
    if (!owner) throw new NotFound('Session');
    const rows = await listSessionRevisions(this.deps.db.db, ctx.actor.organisationId, sessionId);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'SessionRevision', sessionId, owner.patientId));
    return rows;
  }

  private async reachable(q: Q, ctx: RequestContext, courseId: string, reach: 'read' | 'write') {
    const patientId = await reachableCoursePatient(q, ctx.actor, courseId, reach);
    const row = patientId && (await courses.findCourse(q, ctx.actor.organisationId, courseId));
    if (!patientId || !row) throw new NotFound('Course');
    return { row, patientId };
  }

  private async load(q: Q, ctx: RequestContext, courseId: string): Promise<CourseDetail> {
    const row = await courses.findCourse(q, ctx.actor.organisationId, courseId);
    if (!row) throw new NotFound('Course');
    const [sessionRows, transitions] = await Promise.all([
      courses.listSessionsOfCourses(q, ctx.actor.organisationId, [courseId]),
      courses.listPhaseTransitions(q, ctx.actor.organisationId, [courseId]),
    ]);
    return courseDetail(row, sessionRows, transitions, todayOf(this.deps.clock));
  }

  private keepRevision(
    q: Q,
    ctx: RequestContext,
    type: string,
    id: string,
    version: number,
    data: unknown,
    at: string,
  ) {
    return insertRevision(q, {
      organisationId: ctx.actor.organisationId,
      recordType: type,
      recordId: id,
      version,
      data,
      at,
      by: ctx.actor.userId,
    });
  }
}
