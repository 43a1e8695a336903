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
  let unique = 0;

  beforeAll(async () => {
    server = await startTestServer(target);
    world = await buildWorld(server);
    clients.anonymous = server.anonymous();
    for (const role of signedIn) {
      clients[role] = await server.as(world.users[role as keyof World['users']].email, PASSWORD);
    }
  });
  afterAll(() => server?.drop());

  const bodyFor = (op: OperationId): unknown => {
    unique++;
    switch (op) {
      case 'login':
        return { email: world.users.clinician.email, password: PASSWORD };
      case 'changePassword':
        return { currentPassword: 'not my password', newPassword: 'a perfectly long passphrase' };
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
        return { to: 'middle', reason: 'matrix' };
      case 'createSession':
        return { date: '2026-02-02', attendance: 'attended' };
      case 'updateSession':
        return { note: 'matrix' };
      case 'unlockKiosk':
        return { password: 'not the password' };
      case 'putInstrumentTextPack':
        return {
          instrumentId: 'phq-9',
          instrumentVersion: '0',
          licence: 'x',
          items: [{ id: 'x', text: 'x', options: ['a', 'b'] }],
        };
      case 'createAdministration':
        return { instrumentId: 'phq-9', instrumentVersion: '0', answers: [0] };
      case 'createAnnotation':
        return { date: '2026-01-10', label: 'matrix' };
      case 'updateMeasureSchedule':
        return { rules: [] };
      case 'createMeasureLink':
      case 'startKiosk':
        return { instrumentId: 'phq-9' };
      case 'submitMeasureLink':
        return { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
      case 'createEpisode':
        return { kind: 'current', type: 'depressive', start: { year: 2025 } };
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
        return { preset: 'weissman4', primary: { area: 'transition' }, rationale: 'matrix' };
      case 'putFormulation':
        return { text: 'matrix' };
      case 'createFormulationTransition':
        return { to: 'presented' };
      case 'putTreatmentContract':
        return { sessionMinutes: 50, areaGoals: [], personalGoals: ['x'], missedSessions: 'x', safety: 'x' };
      case 'putInitialFacts':
        return { sickRoleExplained: true };
      case 'putSessionWork':
        return { curiosityNote: 'matrix' };
      case 'createCommunicationAnalysis':
        return { sessionId: world.own.sessionId, incident: 'matrix' };
      case 'updateCommunicationAnalysis':
        return { agreedAttempt: 'matrix' };
      case 'createRolePlay':
        return { sessionId: world.own.sessionId, scenario: 'matrix' };
      case 'updateRolePlay':
        return { confidenceAfter: 5 };
      case 'createDecisionAnalysis':
        return { sessionId: world.own.sessionId, decision: 'matrix' };
      case 'updateDecisionAnalysis':
        return { decision: 'matrix' };
      case 'createRupture':
        return { sessionId: world.own.sessionId, type: 'withdrawal', observed: 'matrix' };
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
          asked: 'x',
          assessment: {},
          safetyPlan: {},
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

  const paramsFor = (r: Records, op: OperationId) => ({
    patientId: r.patientId,
    courseId: r.courseId,
    sessionId: r.sessionId,
    administrationId: r.administrationId,
    token: r.linkToken,
    recordId: recordIdFor(r, op),
    instrumentId: 'phq-9',
    userId: world.users.otherClinician.id,
  });

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

  it('allows exactly the expected role on the expected records, and answers 404 or 403 otherwise', async () => {
    const failures: string[] = [];
    // Deletions last, so the records stay for the other routes; logout last of all.
    const ops = (Object.keys(routes) as OperationId[]).sort(
      (a, b) =>
        Number(a === 'logout') - Number(b === 'logout') ||
        Number(routes[a].method === 'DELETE') - Number(routes[b].method === 'DELETE'),
    );
    let tried = 0;
    for (const op of ops) {
      const route = routes[op];
      const expectation = expected[op];
      const hasRecord = route.path.includes('{');
      const targetKeys: TargetKey[] = hasRecord ? ['own', 'otherCaseload', 'otherOrganisation'] : ['own'];
      for (const role of ['anonymous', ...signedIn] as RoleKey[]) {
        for (const t of targetKeys) {
          const body = bodyFor(op);
          const url = pathFor(route.path, paramsFor(world[t], op));
          // Signing in replaces a client's cookie, and a kiosk hand-over locks the session that starts it: both are
          // tried from a throwaway client.
          const client =
            op === 'login' || (op === 'startKiosk' && role === 'anonymous')
              ? server.anonymous()
              : op === 'startKiosk'
                ? await server.as(world.users[role as keyof World['users']].email, PASSWORD)
                : clients[role];
          const res = await client.raw(route.method, url, {
            ...(body !== undefined && { body: JSON.stringify(body) }),
            headers: {
              ...(body !== undefined && { 'content-type': 'application/json' }),
              ...('ifMatch' in route && { 'if-match': '"1"' }),
            },
          });
          tried++;
          const allowed = expectation === 'public' || (role !== 'anonymous' && expectation[t].includes(role));
          const denied = [401, 403, 404].includes(res.status);
          const wanted = allowed ? 'allowed' : role === 'anonymous' ? 401 : hasRecord ? 404 : 403;
          const ok = allowed ? !denied && res.status < 500 : res.status === wanted;
          if (!ok) failures.push(`${op} as ${role} on ${t}: got ${res.status}, wanted ${wanted}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(300);
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
