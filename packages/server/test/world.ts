/**
 * A small world for access tests: two organisations, every role, and patients on and off each caseload.
 * Built through the real services; the tests then act over HTTP.
 */
import { Role } from '@ipt/core';
import type { TestServer } from './harness.js';

export const PASSWORD = 'correct horse battery staple';

export interface World {
  readonly users: Record<
    | 'admin'
    | 'supervisor'
    | 'clinician'
    | 'trainee'
    | 'facilitator'
    | 'patient'
    | 'otherClinician'
    | 'foreignClinician',
    { id: string; email: string; role: Role }
  >;
  /** On the clinician's (and trainee's, facilitator's) caseload; the supervisor supervises the clinician. */
  readonly own: Records;
  /** Same organisation, another clinician's caseload. */
  readonly otherCaseload: Records;
  /** Another organisation. */
  readonly otherOrganisation: Records;
}

export interface Records {
  readonly patientId: string;
  readonly courseId: string;
  readonly sessionId: string;
  readonly administrationId: string;
  /** A single-use questionnaire link for this patient. */
  readonly linkToken: string;
  /** An entry of the interpersonal inventory of the course. */
  readonly inventoryEntryId: string;
  readonly episodeId: string;
  readonly lifeEventId: string;
  /** Middle-phase records at the session: a communication analysis, a role play, a decision analysis, a rupture. */
  readonly analysisId: string;
  readonly rolePlayId: string;
  readonly decisionId: string;
  readonly ruptureId: string;
}

export async function buildWorld(server: TestServer): Promise<World> {
  const { services } = server.workbench;
  const orgA = await services.people.createOrganisation('Clinic A');
  const orgB = await services.people.createOrganisation('Clinic B');
  const add = async (key: string, role: Role, organisationId: string) => {
    const email = `${key.toLowerCase()}@clinic.example`;
    const u = await services.people.insert({ organisationId, email, displayName: key, role, password: PASSWORD });
    return { id: u.id, email, role };
  };
  const users = {
    admin: await add('admin', Role.admin, orgA.id),
    supervisor: await add('supervisor', Role.supervisor, orgA.id),
    clinician: await add('clinician', Role.clinician, orgA.id),
    trainee: await add('trainee', Role.trainee, orgA.id),
    facilitator: await add('facilitator', Role.facilitator, orgA.id),
    patient: await add('patient', Role.patient, orgA.id),
    otherClinician: await add('otherClinician', Role.clinician, orgA.id),
    foreignClinician: await add('foreignClinician', Role.clinician, orgB.id),
  };
  const ctxOf = (u: { id: string; role: Role }, organisationId: string) => ({
    actor: { userId: u.id, organisationId, role: u.role, displayName: 'x', sessionIdHash: 'fixture' },
    ip: null,
    operation: 'fixture',
    scope: 'patient:write' as const,
  });
  const records = async (owner: { id: string; role: Role }, organisationId: string, name: string): Promise<Records> => {
    const ctx = ctxOf(owner, organisationId);
    const patient = await services.patients.create(ctx, { displayName: name, yearOfBirth: 1980 });
    const course = await services.courses.start(ctx, patient.id, {
      format: 'individual',
      schoolPreset: 'iptuk',
      perinatal: false,
      plannedSessions: 16,
      schedule: { weekday: 1, time: '10:00' },
      startDate: '2026-01-05',
    });
    const session = await services.courses.recordSession(ctx, course.course.id, {
      date: '2026-01-05',
      attendance: 'attended',
      note: 'First session.',
    });
    const phq9 = (await services.measures.instruments(ctx)).find((i) => i.id === 'phq-9');
    if (!phq9) throw new Error('PHQ-9 is missing from the registry');
    const administration = await services.measures.administer(ctx, course.course.id, {
      instrumentId: 'phq-9',
      instrumentVersion: phq9.version,
      answers: phq9.items.map(() => 0),
      sessionId: session.id,
    });
    const link = await services.links.create(ctx, course.course.id, { instrumentId: 'phq-9', expiresInHours: 96 });
    const person = await services.initial.add(ctx, course.course.id, 'inventory-entry', {
      personName: 'Sam',
      relationship: 'sibling',
    });
    const episode = await services.initial.add(ctx, course.course.id, 'episode', {
      kind: 'current',
      type: 'depressive',
      start: { year: 2025, month: 9 },
    });
    const event = await services.initial.add(ctx, course.course.id, 'life-event', {
      date: { year: 2025, month: 8 },
      category: 'work',
      description: 'Lost a job',
    });
    const courseId = course.course.id;
    const at = { sessionId: session.id };
    const analysis = await services.middle.add(ctx, courseId, 'communication-analysis', {
      ...at,
      incident: 'An argument',
      alternatives: [{ id: 'a1', text: 'Say it another way' }],
    });
    const rolePlay = await services.middle.add(ctx, courseId, 'role-play', { ...at, scenario: 'Rehearse it' });
    const decision = await services.middle.add(ctx, courseId, 'decision-analysis', {
      ...at,
      decision: 'Whether to move',
    });
    const rupture = await services.middle.add(ctx, courseId, 'rupture', {
      ...at,
      type: 'withdrawal',
      observed: 'Went quiet',
    });
    return {
      patientId: patient.id,
      courseId: course.course.id,
      sessionId: session.id,
      administrationId: administration.id,
      linkToken: link.token,
      inventoryEntryId: person.id,
      episodeId: episode.id,
      lifeEventId: event.id,
      analysisId: analysis.id,
      rolePlayId: rolePlay.id,
      decisionId: decision.id,
      ruptureId: rupture.id,
    };
  };
  const own = await records(users.clinician, orgA.id, 'Own Patient');
  for (const member of [users.trainee, users.facilitator]) {
    await services.patients.addCareTeamMember(ctxOf(users.admin, orgA.id), own.patientId, member.id);
  }
  await services.people.link(ctxOf(users.admin, orgA.id), users.supervisor.id, users.clinician.id);
  const otherCaseload = await records(users.otherClinician, orgA.id, 'Other Caseload Patient');
  const otherOrganisation = await records(users.foreignClinician, orgB.id, 'Foreign Patient');
  return { users, own, otherCaseload, otherOrganisation };
}
