/** Patients, the caseload and care teams. */
import type {
  CareTeamMember,
  CaseloadItem,
  CreatePatientRequest,
  Patient,
  PatientDetail,
  PatientHome,
  PatientInvitation,
} from '@ipt/contract';
import { type Attendance, courseProgress, isCareTeamRole, measuresDue, NotFound, Role, RuleViolation } from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import * as courses from '../db/repositories/courses-repository.js';
import * as measures from '../db/repositories/measures-repository.js';
import * as patients from '../db/repositories/patients-repository.js';
import * as invitations from '../db/repositories/invitations-repository.js';
import { findUserByEmail, findUserInOrganisation } from '../db/repositories/users-repository.js';
import type { PatientTable } from '../db/schema.js';
import { secretToken, tokenHash, uuidv7 } from '../ids.js';
import { courseDetail } from './course-view.js';
import { givenForSchedule, scheduleOf } from './measures-service.js';
import { toRiskFlag } from './risk-service.js';
import type { ServiceDeps } from './deps.js';
import { Pipeline, type Work } from './pipeline.js';

type PatientChanges = Partial<CreatePatientRequest>;

/** How long an invitation to an account stays open. */
const INVITATION_DAYS = 7;

export class PatientsService {
  private readonly pipeline: Pipeline;
  constructor(private readonly deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  /** Clinical users see their caseload; an admin sees the organisation's directory, without clinical detail. */
  caseload(ctx: RequestContext): Promise<CaseloadItem[]> {
    return this.pipeline.read(ctx, (w) => this.caseloadOf(w));
  }

  private async caseloadOf(w: Work): Promise<CaseloadItem[]> {
    const { q } = w;
    const { actor } = w.ctx;
    w.audit(AuditAction.search, 'Patient', null, null);
    if (actor.role === Role.admin) {
      const rows = await patients.listOrganisationPatients(q, actor.organisationId);
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
    const today = w.today;
    // Who saw a risk flag is part of the audit trail (issue "Measurement-based care"); one batch for them all.
    for (const patientId of flagsOf.keys()) w.audit(AuditAction.read, 'RiskFlag', null, patientId);
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

  create(ctx: RequestContext, input: CreatePatientRequest): Promise<Patient> {
    this.assertYearOfBirth(input.yearOfBirth);
    return this.pipeline.write(ctx, async (w) => {
      const row: PatientTable = {
        id: uuidv7(),
        organisationId: w.organisationId,
        displayName: input.displayName,
        yearOfBirth: input.yearOfBirth,
        pronouns: input.pronouns ?? null,
        contactJson: input.contact ? JSON.stringify(input.contact) : null,
        version: 1,
        createdAt: w.at,
        updatedAt: w.at,
        deletedAt: null,
      };
      await patients.insertPatient(w.q, row);
      if (isCareTeamRole(ctx.actor.role)) {
        await patients.addCareTeamMember(w.q, {
          organisationId: row.organisationId,
          patientId: row.id,
          userId: ctx.actor.userId,
          addedAt: w.at,
        });
      }
      w.audit(AuditAction.create, 'Patient', row.id, row.id);
      return patients.toPatient(row);
    });
  }

  detail(ctx: RequestContext, patientId: string): Promise<PatientDetail> {
    return this.pipeline.read(ctx, async (w) => {
      const row = await w.patient(patientId);
      const courseRows = await courses.listCoursesOfPatients(w.q, w.organisationId, [row.id]);
      const ids = courseRows.map((c) => c.id);
      const [sessionRows, transitions, careTeam, flags] = await Promise.all([
        courses.listSessionsOfCourses(w.q, w.organisationId, ids),
        courses.listPhaseTransitions(w.q, w.organisationId, ids),
        patients.listCareTeam(w.q, w.organisationId, row.id),
        measures.listRiskFlags(w.q, w.organisationId, [row.id], true),
      ]);
      w.audit(AuditAction.read, 'Patient', row.id, row.id);
      if (flags.length > 0) w.audit(AuditAction.read, 'RiskFlag', null, row.id);
      return {
        patient: patients.toPatient(row),
        courses: courseRows.map((c) => courseDetail(c, sessionRows, transitions, w.today)),
        careTeam,
        openRiskFlags: flags.map(toRiskFlag),
      };
    });
  }

  /** The patient's own home page: where their current course stands, as a patient reads it (issue 12, part 2). */
  home(ctx: RequestContext): Promise<PatientHome> {
    return this.pipeline.read(ctx, async (w) => {
      const row = await w.ownPatient();
      const courseRows = await courses.listCoursesOfPatients(w.q, w.organisationId, [row.id]);
      const current = courseRows.find((c) => c.status === 'active') ?? courseRows[0];
      w.audit(AuditAction.read, 'PatientHome', row.id, row.id);
      if (!current) return { displayName: row.displayName, course: null };
      const course = courses.toCourse(current);
      const sessions = (await courses.listSessionFacts(w.q, w.organisationId, [current.id])).map((s) => ({
        ...s,
        attendance: s.attendance as Attendance,
      }));
      const progress = courseProgress(course, sessions, w.today);
      return {
        displayName: row.displayName,
        course: {
          phase: course.phase,
          plannedSessions: course.plannedSessions,
          held: progress.lastNumber,
          nextNumber: progress.nextNumber,
          nextDate: course.status === 'active' ? progress.nextDate : null,
          left: Math.max(0, course.plannedSessions - progress.lastNumber),
        },
      };
    });
  }

  /**
   * Invites the patient to an account of their own (issue 12, part 1): a single-use link, shown once, valid for 7
   * days, that lets them choose a password. Only the link's hash is kept. An address that another account has is
   * refused here; a patient who has an account already is refused when the link is used (one account per patient).
   */
  invite(ctx: RequestContext, patientId: string, input: { email: string }): Promise<PatientInvitation> {
    const token = secretToken();
    return this.pipeline.write(ctx, async (w) => {
      const patient = await w.patient(patientId);
      if (await findUserByEmail(w.q, input.email)) {
        throw new RuleViolation('This email address belongs to another account: ask the patient for another.', 'email');
      }
      const expiresAt = new Date(Date.parse(w.at) + INVITATION_DAYS * 86_400_000).toISOString();
      await invitations.insertInvitation(w.q, {
        idHash: tokenHash(token),
        organisationId: w.organisationId,
        patientId: patient.id,
        email: input.email,
        createdBy: ctx.actor.userId,
        createdAt: w.at,
        expiresAt,
        usedAt: null,
        userId: null,
      });
      w.audit(AuditAction.create, 'PatientInvitation', null, patient.id);
      return { token, path: `/invite/${token}`, email: input.email, expiresAt };
    });
  }

  update(ctx: RequestContext, patientId: string, version: number, input: PatientChanges): Promise<Patient> {
    if (input.yearOfBirth !== undefined) this.assertYearOfBirth(input.yearOfBirth);
    return this.pipeline.write(ctx, async (w) => {
      const before = await w.patient(patientId);
      const changes = {
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.yearOfBirth !== undefined && { yearOfBirth: input.yearOfBirth }),
        ...(input.pronouns !== undefined && { pronouns: input.pronouns }),
        ...(input.contact !== undefined && { contactJson: input.contact ? JSON.stringify(input.contact) : null }),
      };
      await w.saveVersioned('patients', before, version, changes, {
        type: 'Patient',
        data: patients.toPatient(before),
      });
      w.audit(AuditAction.update, 'Patient', patientId, patientId);
      const after = await patients.findPatientInOrganisation(w.q, w.organisationId, patientId);
      if (!after) throw new Error(`Patient ${patientId} vanished inside its own transaction.`);
      return patients.toPatient(after);
    });
  }

  addCareTeamMember(ctx: RequestContext, patientId: string, userId: string): Promise<CareTeamMember[]> {
    return this.pipeline.write(ctx, async (w) => {
      const patient = await w.patientInOrganisation(patientId);
      const user = await findUserInOrganisation(w.q, w.organisationId, userId);
      if (!user) throw new RuleViolation('No such user in this organisation.', 'userId');
      if (!isCareTeamRole(user.role as Role)) {
        throw new RuleViolation('Only clinicians, trainees, facilitators and supervisors join a care team.', 'userId');
      }
      await patients.addCareTeamMember(w.q, {
        organisationId: w.organisationId,
        patientId: patient.id,
        userId,
        addedAt: w.at,
      });
      w.audit(AuditAction.update, 'CareTeam', userId, patient.id);
      return patients.listCareTeam(w.q, w.organisationId, patient.id);
    });
  }

  async removeCareTeamMember(ctx: RequestContext, patientId: string, userId: string): Promise<void> {
    await this.pipeline.write(ctx, async (w) => {
      const patient = await w.patientInOrganisation(patientId);
      const res = await patients.removeCareTeamMember(w.q, w.organisationId, patient.id, userId);
      if (Number(res.numDeletedRows) === 0) throw new NotFound('Care team member');
      w.audit(AuditAction.delete, 'CareTeam', userId, patient.id);
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
