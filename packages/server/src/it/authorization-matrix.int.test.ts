/**
 * The authorization matrix: every route the running server registered, tried as every role against records on
 * the caller's own caseload, on another caseload in the same organisation, and in another organisation.
 *
 * The expectations below are this test's own statement of who may do what; the server's declared policies must
 * agree with them. A route the server serves without a policy here fails the test.
 */
import { type OperationId, pathFor, routes } from '@ipt/contract';
import { registeredRoutes } from '@ipt/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, type SignedIn, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD, type Records, type World } from '../../test/world.js';
import { Role } from '@ipt/core';
import { generateSync } from 'otplib';

type RoleKey = 'anonymous' | 'admin' | 'supervisor' | 'clinician' | 'trainee' | 'facilitator' | 'patient';
type TargetKey = 'own' | 'otherCaseload' | 'otherOrganisation';
type Expectation = 'public' | { readonly [T in TargetKey]: readonly RoleKey[] };

const signedIn: RoleKey[] = ['admin', 'supervisor', 'clinician', 'trainee', 'facilitator', 'patient'];
const staff: RoleKey[] = ['admin', 'supervisor', 'clinician', 'trainee', 'facilitator'];
const everywhere = (roles: RoleKey[]): Expectation => ({ own: roles, otherCaseload: roles, otherOrganisation: roles });
/** Care team, or supervising a member of it. */
const clinicalRead: Expectation = {
  own: ['clinician', 'trainee', 'facilitator', 'supervisor'],
  otherCaseload: [],
  otherOrganisation: [],
};
/** Care team only: a supervisor reads their supervisees' records but does not write them. */
const clinicalWrite: Expectation = {
  own: ['clinician', 'trainee', 'facilitator'],
  otherCaseload: [],
  otherOrganisation: [],
};
/** Organisation administration: any patient of the admin's own organisation. */
const orgAdmin: Expectation = { own: ['admin'], otherCaseload: ['admin'], otherOrganisation: [] };

const expected: Record<OperationId, Expectation> = {
  getHealth: 'public',
  getOpenApi: 'public',
  login: 'public',
  logout: everywhere(signedIn),
  getMe: everywhere(signedIn),
  changePassword: everywhere(signedIn),
  // Two-step sign-in is for staff (ADR 0019); each allowed cell acts as a fresh user of the role (see prepare).
  getMfa: everywhere(staff),
  startMfaEnrolment: everywhere(staff),
  confirmMfaEnrolment: everywhere(staff),
  verifyMfa: everywhere(staff),
  disableMfa: everywhere(staff),
  setOrganisationMfa: everywhere(['admin']),
  listUsers: everywhere(['admin']),
  createUser: everywhere(['admin']),
  createSupervisionLink: everywhere(['admin']),
  listPatients: everywhere(staff),
  createPatient: everywhere(staff),
  getPatient: clinicalRead,
  getCourse: clinicalRead,
  listSessions: clinicalRead,
  getSession: clinicalRead,
  listSessionRevisions: clinicalRead,
  updatePatient: clinicalWrite,
  createCourse: clinicalWrite,
  updateCourse: clinicalWrite,
  createPhaseTransition: clinicalWrite,
  createSession: clinicalWrite,
  updateSession: clinicalWrite,
  addCareTeamMember: orgAdmin,
  removeCareTeamMember: orgAdmin,
  unlockKiosk: everywhere(signedIn),
  listInstruments: everywhere(staff),
  getInstrumentQuestionnaire: everywhere(staff),
  putInstrumentTextPack: everywhere(['admin']),
  createAdministration: clinicalWrite,
  listAdministrations: clinicalRead,
  getAdministrationFhir: clinicalRead,
  getMeasures: clinicalRead,
  createAnnotation: clinicalWrite,
  getMeasureSchedule: clinicalRead,
  updateMeasureSchedule: clinicalWrite,
  createMeasureLink: clinicalWrite,
  startKiosk: clinicalWrite,
  createPatientInvitation: clinicalWrite,
  acceptPatientInvitation: 'public',
  getPatientHome: everywhere(['patient']),
  openMeasureLink: 'public',
  submitMeasureLink: 'public',
  getRisk: clinicalRead,
  createSafetyReview: clinicalWrite,
  getInitialPhase: clinicalRead,
  createEpisode: clinicalWrite,
  createLifeEvent: clinicalWrite,
  createInventoryEntry: clinicalWrite,
  updateEpisode: clinicalWrite,
  updateLifeEvent: clinicalWrite,
  updateInventoryEntry: clinicalWrite,
  deleteInitialRecord: clinicalWrite,
  createCircleSnapshot: clinicalWrite,
  putProblemArea: clinicalWrite,
  putFormulation: clinicalWrite,
  createFormulationTransition: clinicalWrite,
  putTreatmentContract: clinicalWrite,
  putInitialFacts: clinicalWrite,
  getMiddlePhase: clinicalRead,
  putSessionWork: clinicalWrite,
  listCourseRecordRevisions: clinicalRead,
  createCommunicationAnalysis: clinicalWrite,
  updateCommunicationAnalysis: clinicalWrite,
  createRolePlay: clinicalWrite,
  updateRolePlay: clinicalWrite,
  createDecisionAnalysis: clinicalWrite,
  updateDecisionAnalysis: clinicalWrite,
  createRupture: clinicalWrite,
  updateRupture: clinicalWrite,
  putMidCourseReview: clinicalWrite,
  getEnding: clinicalRead,
  putTermination: clinicalWrite,
  putRelapsePlan: clinicalWrite,
  getTreatmentSummaryPdf: clinicalRead,
  getPatientPlanPdf: clinicalRead,
};

const targets = await dbTargets();

describe.each(targets)('the authorization matrix on $name', (target) => {
  let server: TestServer;
  let world: World;
  const clients = {} as Record<RoleKey, SignedIn>;
  /** Each caseload's own clinician: reads the current version of what a cell changes. */
  const owners = {} as Record<TargetKey, SignedIn>;
  let unique = 0;

  beforeAll(async () => {
    server = await startTestServer(target);
    world = await buildWorld(server);
    clients.anonymous = server.anonymous();
    for (const role of signedIn) {
      clients[role] = await server.as(world.users[role as keyof World['users']].email, PASSWORD);
    }
    // The clinician's matrix client itself: changing the password ends the clinician's other sessions.
    owners.own = clients.clinician;
    owners.otherCaseload = await server.as(world.users.otherClinician.email, PASSWORD);
    owners.otherOrganisation = await server.as(world.users.foreignClinician.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  const phq9Answers = (item9 = 0) => world.phq9.items.map((_, i) => (i === 8 ? item9 : 0));
  const problemAreaChoice = {
    preset: 'weissman4',
    primary: { area: 'transition' },
    rationale: 'She lost her job in August.',
  } as const;

  const bodyFor = (op: OperationId, r: Records): unknown => {
    unique++;
    switch (op) {
      case 'login':
        return { email: world.users.clinician.email, password: PASSWORD };
      case 'changePassword':
        // To the same passphrase, so that every later cell still signs in with it.
        return { currentPassword: PASSWORD, newPassword: PASSWORD };
      case 'createUser':
        return {
          email: `new${unique}@clinic.example`,
          displayName: 'New',
          role: 'clinician',
          password: 'a perfectly long passphrase',
        };
      case 'createSupervisionLink':
        return { supervisorId: world.users.supervisor.id, superviseeId: world.users.trainee.id };
      case 'createPatient':
        return { displayName: `Matrix ${unique}`, yearOfBirth: 1990 };
      case 'updatePatient':
        return { pronouns: 'she/her' };
      case 'addCareTeamMember':
        return { userId: world.users.otherClinician.id };
      case 'createCourse':
        return { schoolPreset: 'iptuk', schedule: { weekday: 1, time: '10:00' }, startDate: '2026-01-05' };
      case 'updateCourse':
        return { plannedSessions: 16 };
      case 'createPhaseTransition':
        return { to: 'middle', reason: 'Gate not met yet; agreed to start the work.', overrideGate: true };
      case 'createSession':
        return { date: '2026-02-02', attendance: 'attended' };
      case 'updateSession':
        return { note: `matrix ${unique}` };
      case 'unlockKiosk':
        return { password: PASSWORD };
      case 'confirmMfaEnrolment':
      case 'verifyMfa':
        return { code: '123456' };
      case 'disableMfa':
        return { password: PASSWORD, code: '123456' };
      case 'setOrganisationMfa':
        // Off, as it was: with it on, every later sign-in of the organisation would owe a second step.
        return { mfaRequired: false };
      case 'putInstrumentTextPack':
        return {
          instrumentId: 'phq-9',
          instrumentVersion: world.phq9.version,
          licence: 'Public domain wording, loaded again for the matrix.',
          items: world.phq9.items.map((item) => ({
            id: item.id,
            text: `Item ${item.id}`,
            options: Array.from({ length: item.options }, (_, i) => `Option ${i + 1}`),
          })),
        };
      case 'createAdministration':
        return { instrumentId: 'phq-9', instrumentVersion: world.phq9.version, answers: phq9Answers() };
      case 'createAnnotation':
        return { date: '2026-01-10', label: 'matrix' };
      case 'updateMeasureSchedule':
        return { rules: [] };
      case 'createMeasureLink':
      case 'startKiosk':
        return { instrumentId: 'phq-9' };
      case 'createPatientInvitation':
        return { email: `matrix.invite.${unique}@patients.example` };
      case 'acceptPatientInvitation':
        return { password: 'a patient password for the matrix' };
      case 'submitMeasureLink':
        return { answers: phq9Answers() };
      case 'createEpisode':
        return { kind: 'past', type: 'depressive', start: { year: 2015 }, end: { year: 2016 } };
      case 'createLifeEvent':
        return { date: { year: 2025 }, category: 'work', description: 'matrix' };
      case 'createInventoryEntry':
        return { personName: `Person ${unique}`, relationship: 'friend' };
      case 'updateEpisode':
      case 'updateLifeEvent':
        return {};
      case 'updateInventoryEntry':
        return { positives: 'matrix' };
      case 'createCircleSnapshot':
        return { phase: 'intake', rings: 3, placements: [] };
      case 'putProblemArea':
        return problemAreaChoice;
      case 'putFormulation':
        return { text: 'matrix' };
      case 'createFormulationTransition':
        return { to: 'presented' };
      case 'putTreatmentContract':
        return { sessionMinutes: 50, areaGoals: [], personalGoals: ['x'], missedSessions: 'x', safety: 'x' };
      case 'putInitialFacts':
        return { sickRoleExplained: true };
      case 'putSessionWork':
        return { moodEventLink: `matrix ${unique}` };
      case 'createCommunicationAnalysis':
        return { sessionId: r.sessionId, incident: 'matrix' };
      case 'updateCommunicationAnalysis':
        return { agreedAttempt: 'matrix' };
      case 'createRolePlay':
        return { sessionId: r.sessionId, scenario: 'matrix' };
      case 'updateRolePlay':
        return { confidenceAfter: 5 };
      case 'createDecisionAnalysis':
        return { sessionId: r.sessionId, decision: 'matrix' };
      case 'updateDecisionAnalysis':
        return { decision: 'matrix' };
      case 'createRupture':
        return { sessionId: r.sessionId, type: 'withdrawal', observed: 'matrix' };
      case 'updateRupture':
        return { resolved: true };
      case 'putMidCourseReview':
        return { decision: 'continue-as-planned', rationale: 'matrix' };
      case 'putTermination':
        return { whyBetterPatientWords: 'matrix' };
      case 'putRelapsePlan':
        return { shareWith: 'matrix' };
      case 'createSafetyReview':
        return {
          flagIds: [world.users.admin.id],
          riskLevel: 'low',
          asked: 'Asked about thoughts of death directly.',
          assessment: { ideation: 'Fleeting', plan: 'None', intent: 'None', protectiveFactors: 'Her family' },
          safetyPlan: {
            warningSigns: 'Not sleeping',
            internalCoping: 'A walk',
            socialContactsAndSettings: 'The park',
            peopleToAskForHelp: 'Her brother',
            professionalsAndAgencies: 'Crisis line',
            makingTheEnvironmentSafe: 'Nothing stockpiled',
          },
          reviewBy: '2099-01-01',
        };
      default:
        return undefined;
    }
  };

  const recordIdFor = (r: Records, op: OperationId) => {
    switch (op) {
      case 'updateEpisode':
        return r.episodeId;
      case 'updateLifeEvent':
        return r.lifeEventId;
      case 'updateCommunicationAnalysis':
      case 'listCourseRecordRevisions':
        return r.analysisId;
      case 'updateRolePlay':
        return r.rolePlayId;
      case 'updateDecisionAnalysis':
        return r.decisionId;
      case 'updateRupture':
        return r.ruptureId;
      default:
        return r.inventoryEntryId;
    }
  };

  const paramsFor = (r: Records, op: OperationId, userId: string) => ({
    patientId: r.patientId,
    courseId: r.courseId,
    sessionId: r.sessionId,
    administrationId: r.administrationId,
    token: r.linkToken,
    recordId: recordIdFor(r, op),
    instrumentId: 'phq-9',
    userId,
  });

  /** The version of `id` in a list of records (the record must be there). */
  const versionIn = (list: readonly { readonly id: string; readonly version: number }[], id: string) => {
    const found = list.find((x) => x.id === id);
    if (!found) throw new Error(`record ${id} is not in the view`);
    return found.version;
  };

  /** The current version of what `op` changes on `r` ("0": nothing there yet), as the caseload's clinician reads it. */
  const versionFor = async (op: OperationId, r: Records, t: TargetKey): Promise<number> => {
    const { api } = owners[t];
    const course = { params: { courseId: r.courseId } };
    switch (op) {
      case 'updatePatient':
        return (await api.getPatient({ params: { patientId: r.patientId } })).patient.version;
      case 'updateCourse':
      case 'createPhaseTransition':
        return (await api.getCourse(course)).course.version;
      case 'updateSession':
        return (await api.getSession({ params: { sessionId: r.sessionId } })).version;
      case 'updateMeasureSchedule':
        return (await api.getMeasureSchedule(course)).version;
      case 'updateEpisode':
        return versionIn((await api.getInitialPhase(course)).episodes, r.episodeId);
      case 'updateLifeEvent':
        return versionIn((await api.getInitialPhase(course)).events, r.lifeEventId);
      case 'updateInventoryEntry':
      case 'deleteInitialRecord':
        return versionIn((await api.getInitialPhase(course)).inventory, r.inventoryEntryId);
      case 'putProblemArea':
        return (await api.getInitialPhase(course)).problemArea?.version ?? 0;
      case 'putFormulation':
      case 'createFormulationTransition':
        return (await api.getInitialPhase(course)).formulation?.version ?? 0;
      case 'putTreatmentContract':
        return (await api.getInitialPhase(course)).contract?.version ?? 0;
      case 'putInitialFacts':
        return (await api.getInitialPhase(course)).facts?.version ?? 0;
      case 'putSessionWork':
        return (
          (await api.getMiddlePhase(course)).sessionWork.find((w) => w.data.sessionId === r.sessionId)?.version ?? 0
        );
      case 'updateCommunicationAnalysis':
        return versionIn((await api.getMiddlePhase(course)).analyses, r.analysisId);
      case 'updateRolePlay':
        return versionIn((await api.getMiddlePhase(course)).rolePlays, r.rolePlayId);
      case 'updateDecisionAnalysis':
        return versionIn((await api.getMiddlePhase(course)).decisions, r.decisionId);
      case 'updateRupture':
        return versionIn((await api.getMiddlePhase(course)).ruptures, r.ruptureId);
      case 'putMidCourseReview':
        return (await api.getMiddlePhase(course)).midCourse.review?.version ?? 0;
      case 'putTermination':
        return (await api.getEnding(course)).termination?.version ?? 0;
      case 'putRelapsePlan':
        return (await api.getEnding(course)).relapsePlan?.version ?? 0;
      default:
        throw new Error(`${op} needs If-Match, and this matrix does not know which record it changes`);
    }
  };

  /** A clinician of organisation A on no care team: someone to add to one. */
  const spareClinician = async () =>
    server.workbench.services.people.insert({
      organisationId: world.organisations.a,
      email: `spare${++unique}@clinic.example`,
      displayName: `Spare ${unique}`,
      role: Role.clinician,
      password: PASSWORD,
    });

  /**
   * A fresh user of `role` in organisation A, signed in; with `enrol`, with an authenticator app set up through the
   * API (its recovery codes answered): the second step's cells use up what they act on.
   */
  const mfaUser = async (role: RoleKey, enrol: boolean) => {
    const email = `mfa${++unique}@clinic.example`;
    await server.workbench.services.people.insert({
      organisationId: world.organisations.a,
      email,
      displayName: `MFA ${unique}`,
      role: role as Role,
      password: PASSWORD,
    });
    const client = await server.as(email, PASSWORD);
    const { secret } = await client.api.startMfaEnrolment({});
    if (!enrol) return { client, email, secret, recoveryCodes: [] };
    const { recoveryCodes } = await client.api.confirmMfaEnrolment({ body: { code: generateSync({ secret }) } });
    return { client, email, secret, recoveryCodes };
  };

  /**
   * What an allowed cell acts on, so that the call is valid and must succeed. Calls that use up what they act on
   * (a deletion, a single-use link, a step of a state that moves once, a course a patient may have only one of) get
   * fresh records of the same caseload, made through the services as its own clinician.
   */
  const prepare = async (
    op: OperationId,
    t: TargetKey,
    role: RoleKey,
  ): Promise<{ records: Records; userId?: string; body?: unknown; client?: SignedIn }> => {
    const { services } = server.workbench;
    const ctx = world.ctx(t);
    const r = world[t];
    switch (op) {
      case 'confirmMfaEnrolment': {
        const { client, secret } = await mfaUser(role, false);
        return { records: r, client, body: { code: generateSync({ secret }) } };
      }
      case 'verifyMfa': {
        // The password opens a half-session; a recovery code (the enrolment just used this step's code) finishes it.
        const { email, recoveryCodes } = await mfaUser(role, true);
        const client = server.anonymous();
        await client.api.login({ body: { email, password: PASSWORD } });
        return { records: r, client, body: { recoveryCode: recoveryCodes[0] } };
      }
      case 'disableMfa': {
        const { client, recoveryCodes } = await mfaUser(role, true);
        return { records: r, client, body: { password: PASSWORD, recoveryCode: recoveryCodes[0] } };
      }
      case 'createCourse':
        return { records: { ...r, patientId: await world.freshPatient(t) } };
      case 'createPhaseTransition':
        return { records: await world.fresh(t) };
      case 'createFormulationTransition': {
        const fresh = await world.fresh(t);
        await services.initial.put(ctx, fresh.courseId, 'formulation', 0, { text: 'A formulation to present.' });
        return { records: fresh };
      }
      case 'putTreatmentContract': {
        const fresh = await world.fresh(t);
        await services.initial.put(ctx, fresh.courseId, 'problem-area', 0, problemAreaChoice);
        return { records: fresh };
      }
      case 'deleteInitialRecord': {
        const entry = await services.initial.add(ctx, r.courseId, 'inventory-entry', {
          personName: `Removed ${++unique}`,
          relationship: 'friend',
        });
        return { records: { ...r, inventoryEntryId: entry.id } };
      }
      case 'addCareTeamMember':
        return { records: r, body: { userId: (await spareClinician()).id } };
      case 'removeCareTeamMember': {
        const member = await spareClinician();
        await services.patients.addCareTeamMember(world.ctx('admin'), r.patientId, member.id);
        return { records: r, userId: member.id };
      }
      case 'submitMeasureLink': {
        const link = await services.links.create(ctx, r.courseId, { instrumentId: 'phq-9', expiresInHours: 1 });
        return { records: { ...r, linkToken: link.token } };
      }
      case 'acceptPatientInvitation': {
        // Single use, one account per patient: each cell accepts an invitation of a new patient of the caseload.
        const patientId = await world.freshPatient(t);
        const invitation = await services.patients.invite(ctx, patientId, {
          email: `matrix.accept.${++unique}@patients.example`,
        });
        return { records: { ...r, linkToken: invitation.token } };
      }
      case 'createSafetyReview': {
        // Item 9 answered raises a risk flag; the review answers the patient's open flags.
        await services.measures.administer(ctx, r.courseId, {
          instrumentId: 'phq-9',
          instrumentVersion: world.phq9.version,
          answers: phq9Answers(1),
        });
        const open = (await owners[t].api.getPatient({ params: { patientId: r.patientId } })).openRiskFlags;
        const body = bodyFor(op, r);
        return { records: r, body: { ...(body as object), flagIds: open.map((f) => f.id) } };
      }
      default:
        return { records: r };
    }
  };

  it('has a declared policy for every route the running server serves', () => {
    const served = registeredRoutes(server.app).filter((r) => r.url.startsWith('/api/'));
    const declared = Object.entries(routes).map(([op, r]) => ({
      op,
      method: r.method,
      url: r.path.replace(/\{(\w+)\}/g, ':$1'),
    }));
    for (const route of served) {
      const match = declared.find((d) => d.method === route.method && d.url === route.url);
      expect(match, `${route.method} ${route.url} is served without a declared policy`).toBeDefined();
      expect(expected[match?.op as OperationId], `${match?.op} has no expectation in this matrix`).toBeDefined();
    }
    expect(served.length).toBe(declared.length);
  });

  it('lets exactly the expected roles succeed on the expected records, and answers 401, 403 or 404 otherwise', async () => {
    const failures: string[] = [];
    // Deletions last, so the records stay for the other routes; logout last of all.
    const ops = (Object.keys(routes) as OperationId[]).sort(
      (a, b) =>
        Number(a === 'logout') - Number(b === 'logout') ||
        Number(routes[a].method === 'DELETE') - Number(routes[b].method === 'DELETE'),
    );
    let tried = 0;
    let allowedCells = 0;
    let succeeded = 0;
    for (const op of ops) {
      const route = routes[op];
      const expectation = expected[op];
      const hasRecord = route.path.includes('{');
      const targetKeys: TargetKey[] = hasRecord ? ['own', 'otherCaseload', 'otherOrganisation'] : ['own'];
      for (const role of ['anonymous', ...signedIn] as RoleKey[]) {
        for (const t of targetKeys) {
          const allowed = expectation === 'public' || (role !== 'anonymous' && expectation[t].includes(role));
          if (allowed) allowedCells++;
          const call: { records: Records; userId?: string; body?: unknown; client?: SignedIn } = allowed
            ? await prepare(op, t, role)
            : { records: world[t] };
          const body = 'body' in call ? call.body : bodyFor(op, call.records);
          const url = pathFor(route.path, paramsFor(call.records, op, call.userId ?? world.users.otherClinician.id));
          // Every call names the current version, so that a refusal is the policy's and an allowed call succeeds.
          const ifMatch = 'ifMatch' in route ? await versionFor(op, call.records, t) : undefined;
          // Signing in replaces a client's cookie, and a kiosk hand-over locks the session that starts it: both are
          // tried from a throwaway client.
          const client =
            call.client ??
            (op === 'login' || op === 'acceptPatientInvitation' || (op === 'startKiosk' && role === 'anonymous')
              ? server.anonymous()
              : op === 'startKiosk'
                ? await server.as(world.users[role as keyof World['users']].email, PASSWORD)
                : clients[role]);
          const res = await client.raw(route.method, url, {
            ...(body !== undefined && { body: JSON.stringify(body) }),
            headers: {
              ...(body !== undefined && { 'content-type': 'application/json' }),
              ...(ifMatch !== undefined && { 'if-match': `"${ifMatch}"` }),
            },
          });
          tried++;
          const wanted = allowed ? route.status : role === 'anonymous' ? 401 : hasRecord ? 404 : 403;
          if (res.status !== wanted) {
            const detail = res.status >= 400 ? `: ${(await res.text()).slice(0, 300)}` : '';
            failures.push(`${op} as ${role} on ${t}: got ${res.status}, wanted ${wanted}${detail}`);
          } else if (allowed) succeeded++;
        }
      }
    }
    expect(failures).toEqual([]);
    // Counted, so that a matrix that shrinks shows: 1330 cells, 302 of them allowed, when this was written.
    expect(tried).toBeGreaterThan(1000);
    expect(allowedCells).toBeGreaterThan(250);
    expect(succeeded).toBe(allowedCells);
  });

  it('shows each role exactly the patients within its reach on the caseload', async () => {
    const fresh = await startTestServer(target);
    try {
      const w = await buildWorld(fresh);
      const seen = async (role: keyof World['users']) => {
        const c = await fresh.as(w.users[role].email, PASSWORD);
        return (await c.api.listPatients({})).map((p) => p.patient.id).sort();
      };
      expect(await seen('clinician')).toEqual([w.own.patientId]);
      expect(await seen('supervisor')).toEqual([w.own.patientId]);
      expect(await seen('otherClinician')).toEqual([w.otherCaseload.patientId]);
      expect(await seen('foreignClinician')).toEqual([w.otherOrganisation.patientId]);
      expect(await seen('admin')).toEqual([w.own.patientId, w.otherCaseload.patientId].sort());
    } finally {
      await fresh.drop();
    }
  });
});
