/** Patients, the caseload and care teams. */
import { reachOf } from './reach.js';
import type { CareTeamMember, CaseloadItem, CreatePatientRequest, Patient, PatientDetail } from '@ipt/contract';
import {
  type Attendance,
  courseProgress,
  isCareTeamRole,
  measuresDue,
  NotFound,
  Role,
  RuleViolation,
  StaleVersion,
} from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import * as courses from '../db/repositories/courses-repository.js';
import * as measures from '../db/repositories/measures-repository.js';
import * as patients from '../db/repositories/patients-repository.js';
import { updateIfVersion } from '../db/repositories/versioned.js';
import { insertRevision } from '../db/repositories/revisions-repository.js';
import { findUserInOrganisation } from '../db/repositories/users-repository.js';
import type { PatientTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import { courseDetail } from './course-view.js';
import { givenForSchedule, scheduleOf } from './measures-service.js';
import { toRiskFlag } from './risk-service.js';
import { type ServiceDeps, todayOf } from './deps.js';

type PatientChanges = Partial<CreatePatientRequest>;

export class PatientsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Clinical users see their caseload; an admin sees the organisation's directory, without clinical detail. */
  async caseload(ctx: RequestContext): Promise<CaseloadItem[]> {
    const q = this.deps.db.db;
    const { actor } = ctx;
    if (actor.role === Role.admin) {
      const rows = await patients.listOrganisationPatients(q, actor.organisationId);
      await this.deps.audit.record(clinicalEvent(ctx, AuditAction.search, 'Patient', null, null));
      return rows.map((p) => ({
        patient: { id: p.id, displayName: p.displayName, pronouns: p.pronouns },
        course: null,
        openRiskFlags: 0,
      }));
    }
    const rows = await patients.listReachablePatients(q, actor);
    const patientIds = rows.map((p) => p.id);
    const courseRows = await courses.listCoursesOfPatients(q, actor.organisationId, patientIds);
    const current = new Map<string, (typeof courseRows)[number]>();
    for (const c of courseRows) {
      const seen = current.get(c.patientId);
      if (!seen || (seen.status !== 'active' && c.status === 'active')) current.set(c.patientId, c);
    }
    const courseIds = [...current.values()].map((c) => c.id);
    // Only the columns the caseload needs, grouped once: 150 patients read thousands of rows.
    const [sessionRows, adminRows, schedules, flagCounts] = await Promise.all([
      courses.listSessionFacts(q, actor.organisationId, courseIds),
      measures.listAdministrationFacts(q, actor.organisationId, courseIds),
      measures.listSchedules(q, actor.organisationId, courseIds),
      measures.countOpenRiskFlags(q, actor.organisationId, patientIds),
    ]);
    const sessionsOf = groupBy(sessionRows, (s) => s.courseId);
    const givenOf = groupBy(adminRows, (a) => a.courseId);
    const flagsOf = new Map(flagCounts.map((f) => [f.patientId, Number(f.n)]));
    const today = todayOf(this.deps.clock);
    // Who saw a risk flag is part of the audit trail (issue "Measurement-based care"); one batch for them all.
    await Promise.all([
      this.deps.audit.record(clinicalEvent(ctx, AuditAction.search, 'Patient', null, null)),
      ...[...flagsOf.keys()].map((patientId) =>
        this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'RiskFlag', null, patientId)),
      ),
    ]);
    return rows.map((p) => {
      const patient = { id: p.id, displayName: p.displayName, pronouns: p.pronouns };
      const openRiskFlags = flagsOf.get(p.id) ?? 0;
      const c = current.get(p.id);
      if (!c) return { patient, course: null, openRiskFlags };
      const course = courses.toCourse(c);
      const sessions = (sessionsOf.get(c.id) ?? []).map((s) => ({ ...s, attendance: s.attendance as Attendance }));
      const progress = courseProgress(course, sessions, today);
      const given = givenForSchedule(sessions, givenOf.get(c.id) ?? []);
      const rules = scheduleOf(
        c,
        schedules.find((s) => s.courseId === c.id),
      );
      return {
        patient,
        course: {
          id: course.id,
          phase: course.phase,
          status: course.status,
          plannedSessions: course.plannedSessions,
          progress,
          measuresDue: course.status === 'active' ? measuresDue(rules, sessions, given, progress.nextNumber) : [],
        },
        openRiskFlags,
      };
    });
  }

  async create(ctx: RequestContext, input: CreatePatientRequest): Promise<Patient> {
    this.assertYearOfBirth(input.yearOfBirth);
    const at = this.deps.clock().toISOString();
    const row: PatientTable = {
      id: uuidv7(),
      organisationId: ctx.actor.organisationId,
      displayName: input.displayName,
      yearOfBirth: input.yearOfBirth,
      pronouns: input.pronouns ?? null,
      contactJson: input.contact ? JSON.stringify(input.contact) : null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    await this.deps.db.db.transaction().execute(async (trx) => {
      await patients.insertPatient(trx, row);
      if (isCareTeamRole(ctx.actor.role)) {
        await patients.addCareTeamMember(trx, {
          organisationId: row.organisationId,
          patientId: row.id,
          userId: ctx.actor.userId,
          addedAt: at,
        });
      }
      await this.deps.audit.inTransaction(trx, [clinicalEvent(ctx, AuditAction.create, 'Patient', row.id, row.id)]);
    });
    return patients.toPatient(row);
  }

  async detail(ctx: RequestContext, patientId: string): Promise<PatientDetail> {
    const q = this.deps.db.db;
    const row = await patients.findReachablePatient(q, ctx.actor, patientId, reachOf(ctx, 'read'));
    if (!row) throw new NotFound('Patient');
    const courseRows = await courses.listCoursesOfPatients(q, ctx.actor.organisationId, [row.id]);
    const ids = courseRows.map((c) => c.id);
    const [sessionRows, transitions, careTeam, flags] = await Promise.all([
      courses.listSessionsOfCourses(q, ctx.actor.organisationId, ids),
      courses.listPhaseTransitions(q, ctx.actor.organisationId, ids),
      patients.listCareTeam(q, ctx.actor.organisationId, row.id),
      measures.listRiskFlags(q, ctx.actor.organisationId, [row.id], true),
    ]);
    const today = todayOf(this.deps.clock);
    await Promise.all([
      this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'Patient', row.id, row.id)),
      ...(flags.length > 0
        ? [this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'RiskFlag', null, row.id))]
        : []),
    ]);
    return {
      patient: patients.toPatient(row),
      courses: courseRows.map((c) => courseDetail(c, sessionRows, transitions, today)),
      careTeam,
      openRiskFlags: flags.map(toRiskFlag),
    };
  }

  async update(ctx: RequestContext, patientId: string, version: number, input: PatientChanges): Promise<Patient> {
    if (input.yearOfBirth !== undefined) this.assertYearOfBirth(input.yearOfBirth);
    const at = this.deps.clock().toISOString();
    return this.deps.db.db.transaction().execute(async (trx) => {
      const before = await patients.findReachablePatient(trx, ctx.actor, patientId, reachOf(ctx, 'write'));
      if (!before) throw new NotFound('Patient');
      const changes = {
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.yearOfBirth !== undefined && { yearOfBirth: input.yearOfBirth }),
        ...(input.pronouns !== undefined && { pronouns: input.pronouns }),
        ...(input.contact !== undefined && { contactJson: input.contact ? JSON.stringify(input.contact) : null }),
      };
      const updated = await updateIfVersion(
        trx,
        'patients',
        { organisationId: ctx.actor.organisationId, id: patientId, version },
        changes,
        at,
      );
      if (!updated) throw new StaleVersion(before.version, patients.toPatient(before));
      await insertRevision(trx, {
        organisationId: before.organisationId,
        recordType: 'Patient',
        recordId: before.id,
        version: before.version,
        data: patients.toPatient(before),
        at,
        by: ctx.actor.userId,
      });
      await this.deps.audit.inTransaction(trx, [
        clinicalEvent(ctx, AuditAction.update, 'Patient', patientId, patientId),
      ]);
      const after = await patients.findPatientInOrganisation(trx, ctx.actor.organisationId, patientId);
      if (!after) throw new NotFound('Patient');
      return patients.toPatient(after);
    });
  }

  async addCareTeamMember(ctx: RequestContext, patientId: string, userId: string): Promise<CareTeamMember[]> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const patient = await patients.findPatientInOrganisation(trx, ctx.actor.organisationId, patientId);
      if (!patient) throw new NotFound('Patient');
      const user = await findUserInOrganisation(trx, ctx.actor.organisationId, userId);
      if (!user) throw new RuleViolation('No such user in this organisation.', 'userId');
      if (!isCareTeamRole(user.role as Role)) {
        throw new RuleViolation('Only clinicians, trainees, facilitators and supervisors join a care team.', 'userId');
      }
      await patients.addCareTeamMember(trx, {
        organisationId: ctx.actor.organisationId,
        patientId,
        userId,
        addedAt: this.deps.clock().toISOString(),
      });
      await this.deps.audit.inTransaction(trx, [clinicalEvent(ctx, AuditAction.update, 'CareTeam', userId, patientId)]);
      return patients.listCareTeam(trx, ctx.actor.organisationId, patientId);
    });
  }

  async removeCareTeamMember(ctx: RequestContext, patientId: string, userId: string): Promise<void> {
    await this.deps.db.db.transaction().execute(async (trx) => {
      const patient = await patients.findPatientInOrganisation(trx, ctx.actor.organisationId, patientId);
      if (!patient) throw new NotFound('Patient');
      const res = await patients.removeCareTeamMember(trx, ctx.actor.organisationId, patientId, userId);
      if (Number(res.numDeletedRows) === 0) throw new NotFound('Care team member');
      await this.deps.audit.inTransaction(trx, [clinicalEvent(ctx, AuditAction.delete, 'CareTeam', userId, patientId)]);
    });
  }

  private assertYearOfBirth(year: number) {
    if (year > this.deps.clock().getUTCFullYear()) {
      throw new RuleViolation('The year of birth cannot be in the future.', 'yearOfBirth');
    }
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
