/**
 * A small world for access tests: two organisations, every role, and patients on and off each caseload.
 * Built through the real services; the tests then act over HTTP. A test that uses records up (deletes one, spends a
 * single-use link, moves a course on) makes fresh ones of the same caseload with `fresh` and `freshPatient`, or acts
 * through the services as the caseload's own clinician with `ctx`.
 */
import { Role } from '@ipt/core';
import type { TestServer } from './harness.js';

export const PASSWORD = 'correct horse battery staple';

/** The three caseloads of the world, as seen by the clinician of `own`. */
export type Caseload = 'own' | 'otherCaseload' | 'otherOrganisation';

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
  readonly organisations: { readonly a: string; readonly b: string };
  /** The PHQ-9 of the registry: its version and, per item, its id and number of options (valid answers, packs). */
  readonly phq9: {
    readonly version: string;
    readonly items: readonly { readonly id: string; readonly options: number }[];
  };
  /** A request context acting as the caseload's own clinician, or as the administrator of organisation A. */
  ctx(actor: Caseload | 'admin'): FixtureContext;
  /** A complete set of records like the caseload's own, on a new patient with the same care team. */
  fresh(caseload: Caseload): Promise<Records>;
  /** A new patient with no course yet, on the caseload, with its care team. */
  freshPatient(caseload: Caseload): Promise<string>;
}

/** What the services take as the actor of a fixture step. */
export type FixtureContext = ReturnType<typeof fixtureContext>;

function fixtureContext(u: { id: string; role: Role }, organisationId: string) {
  return {
    actor: { userId: u.id, organisationId, role: u.role, displayName: 'x', sessionIdHash: 'fixture' },
    ip: null,
    operation: 'fixture',
    // As the API would: an admin's operations reach the organisation, a clinician's the care team's records.
    scope: u.role === Role.admin ? ('organisation' as const) : ('patient:write' as const),
  };
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
  const owners = {
    own: { user: users.clinician, organisationId: orgA.id },
    otherCaseload: { user: users.otherClinician, organisationId: orgA.id },
    otherOrganisation: { user: users.foreignClinician, organisationId: orgB.id },
  } satisfies Record<Caseload, unknown>;
  const contextOf = (actor: Caseload | 'admin') =>
    actor === 'admin'
      ? fixtureContext(users.admin, orgA.id)
      : fixtureContext(owners[actor].user, owners[actor].organisationId);
  const phq9 = (await services.measures.instruments(contextOf('own'))).find((i) => i.id === 'phq-9');
  if (!phq9) throw new Error('PHQ-9 is missing from the registry');
  let patients = 0;
  /** A patient of the caseload; the trainee and the facilitator join the care team of the clinician's own. */
  const patientOf = async (caseload: Caseload, name = `${caseload} patient ${++patients}`) => {
    const patient = await services.patients.create(contextOf(caseload), { displayName: name, yearOfBirth: 1980 });
    if (caseload === 'own') {
      for (const member of [users.trainee, users.facilitator]) {
        await services.patients.addCareTeamMember(contextOf('admin'), patient.id, member.id);
      }
    }
    return patient.id;
  };
  const records = async (caseload: Caseload, name?: string): Promise<Records> => {
    const ctx = contextOf(caseload);
    const patient = { id: await patientOf(caseload, name) };
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
  const own = await records('own', 'Own Patient');
  await services.people.link(contextOf('admin'), users.supervisor.id, users.clinician.id);
  const otherCaseload = await records('otherCaseload', 'Other Caseload Patient');
  const otherOrganisation = await records('otherOrganisation', 'Foreign Patient');
  // The patient's account belongs to the caseload's own patient (issue 12): its `self` is that record.
  await server.workbench.db.write((trx) =>
    trx.updateTable('users').set({ patientId: own.patientId }).where('id', '=', users.patient.id).execute(),
  );
  return {
    users,
    own,
    otherCaseload,
    otherOrganisation,
    organisations: { a: orgA.id, b: orgB.id },
    phq9: { version: phq9.version, items: phq9.items.map((i) => ({ id: i.id, options: i.options.length })) },
    ctx: contextOf,
    fresh: (caseload) => records(caseload),
    freshPatient: (caseload) => patientOf(caseload),
  };
}
