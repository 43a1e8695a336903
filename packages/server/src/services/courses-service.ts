/** A course of IPT: starting it, changing its plan, moving its phase, recording its sessions. */
import type {
  CourseDetail,
  CreateCourseRequest,
  CreateSessionRequest,
  Session,
  SessionRevision,
  UpdateCourseRequest,
  UpdateSessionRequest,
} from '@ipt/contract';
import {
  assertGate,
  assertNewSession,
  assertPhaseLengths,
  assertPhaseTransition,
  assertPlannedSessions,
  assertSessionDate,
  Conflict,
  Phase,
  type PhaseLengths,
  presetPhaseLengths,
  RiskGatedStep,
  RuleViolation,
  statusAfterPhase,
  nextSessionNumber,
  SessionLength,
} from '@ipt/core';
import type { z } from 'zod';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { isUniqueViolation } from '../db/dialect.js';
import * as courses from '../db/repositories/courses-repository.js';
import { listSessionRevisions } from '../db/repositories/revisions-repository.js';
import type { CourseTable } from '../db/schema.js';
import { findSingletonOf } from '../db/repositories/course-records-repository.js';
import { uuidv7 } from '../ids.js';
import { sessionWorkSlot } from './course-work-facts.js';
import { loadInitialPhase } from './initial-phase-facts.js';
import { courseDetail } from './course-view.js';
import type { ServiceDeps } from './deps.js';
import { Pipeline, type Work } from './pipeline.js';
import { assertRiskGate } from './risk-service.js';

type CreateCourse = z.output<typeof CreateCourseRequest>;

export class CoursesService {
  private readonly pipeline: Pipeline;
  constructor(deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  async start(ctx: RequestContext, patientId: string, input: CreateCourse): Promise<CourseDetail> {
    const lengths: PhaseLengths = input.phaseLengths ?? presetPhaseLengths(input.schoolPreset);
    assertPlannedSessions(input.plannedSessions);
    assertPhaseLengths(input.plannedSessions, lengths);
    return this.pipeline.write(ctx, async (w) => {
      const patient = await w.patient(patientId);
      const open = await courses.listCoursesOfPatients(w.q, w.organisationId, [patient.id]);
      if (open.some((c) => c.status === 'active')) {
        throw new Conflict('This patient already has an active course: end it before starting another.');
      }
      const row: CourseTable = {
        id: uuidv7(),
        organisationId: w.organisationId,
        patientId: patient.id,
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
        createdAt: w.at,
        updatedAt: w.at,
      };
      await courses.insertCourse(w.q, row);
      w.audit(AuditAction.create, 'Course', row.id, patient.id);
      return courseDetail(row, [], [], w.today);
    });
  }

  detail(ctx: RequestContext, courseId: string): Promise<CourseDetail> {
    return this.pipeline.read(ctx, async (w) => {
      const { course, patientId } = await w.course(courseId);
      w.audit(AuditAction.read, 'Course', courseId, patientId);
      return this.load(w, course);
    });
  }

  update(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: z.output<typeof UpdateCourseRequest>,
  ): Promise<CourseDetail> {
    return this.pipeline.write(ctx, async (w) => {
      const { course, patientId } = await w.course(courseId);
      const planned = input.plannedSessions ?? course.plannedSessions;
      const lengths = input.phaseLengths ?? {
        initialSessions: course.initialSessions,
        terminationSessions: course.terminationSessions,
      };
      assertPlannedSessions(planned);
      assertPhaseLengths(planned, lengths);
      const changes = {
        plannedSessions: planned,
        initialSessions: lengths.initialSessions,
        terminationSessions: lengths.terminationSessions,
        ...(input.schedule && { scheduleWeekday: input.schedule.weekday, scheduleTime: input.schedule.time }),
      };
      await w.saveVersioned('courses', course, version, changes, { type: 'Course', data: courses.toCourse(course) });
      w.audit(AuditAction.update, 'Course', courseId, patientId);
      return this.reload(w, courseId);
    });
  }

  /** An explicit, recorded phase change: who, when, why (issue "first room"; DOMAIN §0–§1). */
  movePhase(
    ctx: RequestContext,
    courseId: string,
    version: number,
    to: Phase,
    reason: string,
    overrideGate = false,
    riskOverrideReason?: string,
  ) {
    return this.pipeline.write(ctx, async (w) => {
      const { course, patientId } = await w.course(courseId);
      const from = course.phase as Phase;
      const kept = { type: 'Course', data: courses.toCourse(course) };
      w.assertVersion(course, version, kept.data);
      assertPhaseTransition(from, to);
      const leavesInitial = from === Phase.initial && to === Phase.middle;
      // An open risk flag holds the course in the initial phase until a safety review, or a written risk override
      // that keeps the flag open (DOMAIN §10.2); the gate's own override does not pass it.
      if (leavesInitial) {
        await assertRiskGate(
          w,
          { patientId, courseId, sessionId: null },
          RiskGatedStep.leaveInitialPhase,
          riskOverrideReason,
        );
      }
      // Leaving the initial phase for the middle phase needs its gate met, or a written override (DOMAIN §1.2).
      const gate = leavesInitial
        ? assertGate((await loadInitialPhase(w.q, course)).gateFacts, overrideGate ? { reason } : null)
        : null;
      await w.saveVersioned('courses', course, version, { phase: to, status: statusAfterPhase(from, to) }, kept);
      await courses.insertPhaseTransition(w.q, {
        id: uuidv7(),
        organisationId: w.organisationId,
        courseId,
        fromPhase: from,
        toPhase: to,
        reason,
        at: w.at,
        byUserId: ctx.actor.userId,
      });
      const entity = gate?.overridden ? 'PhaseTransitionGateOverride' : 'PhaseTransition';
      w.audit(AuditAction.update, entity, courseId, patientId);
      return this.reload(w, courseId);
    });
  }

  listSessions(ctx: RequestContext, courseId: string): Promise<Session[]> {
    return this.pipeline.read(ctx, async (w) => {
      const { patientId } = await w.course(courseId);
      const rows = await courses.listSessionsOfCourses(w.q, w.organisationId, [courseId]);
      w.audit(AuditAction.search, 'Session', courseId, patientId);
      return rows.map(courses.toSession);
    });
  }

  async recordSession(ctx: RequestContext, courseId: string, input: CreateSessionRequest): Promise<Session> {
    try {
      return await this.pipeline.write(ctx, async (w) => {
        const { course, patientId } = await w.course(courseId);
        if (course.phase === Phase.ended) {
          throw new RuleViolation('This course has ended: start a new course instead.');
        }
        const existing = (await courses.listSessionsOfCourses(w.q, w.organisationId, [courseId])).map(
          courses.toSession,
        );
        const facts = {
          number: input.number ?? nextSessionNumber(existing),
          date: input.date,
          attendance: input.attendance,
        };
        assertNewSession(courses.toCourse(course), existing, facts, w.today);
        const session = {
          id: uuidv7(),
          organisationId: w.organisationId,
          courseId,
          ...facts,
          lengthMinutes:
            input.lengthMinutes === undefined
              ? facts.attendance === 'attended'
                ? SessionLength.defaultMinutes
                : null
              : input.lengthMinutes,
          note: input.note ?? '',
          phase: course.phase,
          version: 1,
          createdBy: ctx.actor.userId,
          createdAt: w.at,
          updatedAt: w.at,
        };
        await courses.insertSession(w.q, session);
        w.audit(AuditAction.create, 'Session', session.id, patientId);
        return courses.toSession(session);
      });
    } catch (err) {
      // Two clinicians recording the same number at once: the database's unique constraint decides.
      if (isUniqueViolation(err))
        throw new RuleViolation('This course already has a session with that number.', 'number');
      throw err;
    }
  }

  session(ctx: RequestContext, sessionId: string): Promise<Session> {
    return this.pipeline.read(ctx, async (w) => {
      const { session, patientId } = await w.session(sessionId);
      w.audit(AuditAction.read, 'Session', sessionId, patientId);
      return courses.toSession(session);
    });
  }

  updateSession(
    ctx: RequestContext,
    sessionId: string,
    version: number,
    input: z.output<typeof UpdateSessionRequest>,
  ): Promise<Session> {
    return this.pipeline.write(ctx, async (w) => {
      const { session: before, course, patientId } = await w.session(sessionId);
      const { reason, ...changes } = input;
      // Once the session's work is finished, the session changes only with a reason, kept with the earlier version
      // (issue "The middle and final phases": editing a finished session asks for a reason).
      const slot = sessionWorkSlot(sessionId);
      const work = await findSingletonOf(w.q, w.organisationId, course.id, slot, 'session-work');
      if (work?.record.data.status === 'finished' && !reason) {
        throw new RuleViolation('This session’s record is finished: say why it changes.', 'reason');
      }
      // A changed date or attendance is checked as a new session is: not before the course, and not attended (or
      // missed) before its day. A note added to a session kept from before is not refused for its date.
      if (input.date !== undefined || input.attendance !== undefined) {
        const after = {
          date: input.date ?? before.date,
          attendance: input.attendance ?? courses.toSession(before).attendance,
        };
        assertSessionDate(courses.toCourse(course), after, w.today);
      }
      const kept = { ...courses.toSession(before), ...(reason && { changeReason: reason }) };
      await w.saveVersioned('sessions', before, version, changes, { type: 'Session', data: kept });
      w.audit(AuditAction.update, 'Session', sessionId, patientId);
      const after = await courses.findSession(w.q, w.organisationId, sessionId);
      if (!after) throw new Error(`Session ${sessionId} vanished inside its own transaction.`);
      return courses.toSession(after);
    });
  }

  sessionRevisions(ctx: RequestContext, sessionId: string): Promise<z.output<typeof SessionRevision>[]> {
    return this.pipeline.read(ctx, async (w) => {
      const { patientId } = await w.session(sessionId);
      const rows = await listSessionRevisions(w.q, w.organisationId, sessionId);
      w.audit(AuditAction.read, 'SessionRevision', sessionId, patientId);
      return rows;
    });
  }

  /** The course as it is now, inside the work that changed it. */
  private async reload(w: Work, courseId: string): Promise<CourseDetail> {
    const course = await courses.findCourse(w.q, w.organisationId, courseId);
    if (!course) throw new Error(`Course ${courseId} vanished inside its own transaction.`);
    return this.load(w, course);
  }

  private async load(w: Work, course: CourseTable): Promise<CourseDetail> {
    const [sessionRows, transitions] = await Promise.all([
      courses.listSessionsOfCourses(w.q, w.organisationId, [course.id]),
      courses.listPhaseTransitions(w.q, w.organisationId, [course.id]),
    ]);
    return courseDetail(course, sessionRows, transitions, w.today);
  }
}
