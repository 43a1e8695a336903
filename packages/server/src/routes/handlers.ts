/**
 * One thin handler per operation: it receives parsed input, calls one service, and returns the result.
 * Its input and answer are typed from the route table (handler-types.ts); the policies decide who may call it.
 */
import { buildOpenApiDocument } from '@ipt/contract';
import { ping } from '../db/dialect.js';
import { type Handlers, SessionChange } from './handler-types.js';

let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handlers: Handlers = {
  getHealth: async (s) => {
    await ping(s.deps.db.db);
    return { status: 'ok', database: s.deps.db.dialect, migrations: s.deps.migrations };
  },
  getOpenApi: async () => {
    openApi ??= buildOpenApiDocument({ version: '0.1.0' });
    return openApi;
  },
  login: async (s, i) => {
    const { token, result } = await s.auth.login(i.body.email, i.body.password, i.ip);
    return new SessionChange(result, token);
  },
  logout: async (s, i) => {
    await s.auth.logout(i.ctx.actor, i.ip);
    return new SessionChange(undefined, null);
  },
  getMe: (s, i) => s.auth.me(i.ctx.actor),
  changePassword: (s, i) => s.auth.changePassword(i.ctx.actor, i.ip, i.body.currentPassword, i.body.newPassword),
  getMfa: (s, i) => s.auth.mfaStatus(i.ctx.actor),
  startMfaEnrolment: (s, i) => s.auth.startMfaEnrolment(i.ctx.actor, i.ip),
  confirmMfaEnrolment: async (s, i) => {
    const { token, recoveryCodes, me } = await s.auth.confirmMfaEnrolment(i.ctx.actor, i.ip, i.body.code);
    return new SessionChange({ recoveryCodes, me }, token);
  },
  verifyMfa: async (s, i) => {
    const { token, me } = await s.auth.verifyMfa(i.ctx.actor, i.ip, i.body);
    return new SessionChange(me, token);
  },
  disableMfa: (s, i) => s.auth.disableMfa(i.ctx.actor, i.ip, i.body.password, i.body),
  setOrganisationMfa: (s, i) => s.people.setMfaRequired(i.ctx, i.body.mfaRequired),
  listUsers: (s, i) => s.people.list(i.ctx),
  createUser: (s, i) => s.people.create(i.ctx, i.body),
  createSupervisionLink: (s, i) => s.people.link(i.ctx, i.body.supervisorId, i.body.superviseeId),
  createPatientInvitation: (s, i) => s.patients.invite(i.ctx, i.params.patientId, i.body),
  acceptPatientInvitation: async (s, i) => {
    const { token, me } = await s.auth.acceptInvitation(i.params.token, i.body.password, i.ip);
    return new SessionChange(me, token);
  },
  getPatientHome: (s, i) => s.patients.home(i.ctx),
  listPatients: (s, i) => s.patients.caseload(i.ctx),
  createPatient: (s, i) => s.patients.create(i.ctx, i.body),
  getPatient: (s, i) => s.patients.detail(i.ctx, i.params.patientId),
  updatePatient: (s, i) => s.patients.update(i.ctx, i.params.patientId, i.ifMatch, i.body),
  addCareTeamMember: (s, i) => s.patients.addCareTeamMember(i.ctx, i.params.patientId, i.body.userId),
  removeCareTeamMember: (s, i) => s.patients.removeCareTeamMember(i.ctx, i.params.patientId, i.params.userId),
  createCourse: (s, i) => s.courses.start(i.ctx, i.params.patientId, i.body),
  getCourse: (s, i) => s.courses.detail(i.ctx, i.params.courseId),
  updateCourse: (s, i) => s.courses.update(i.ctx, i.params.courseId, i.ifMatch, i.body),
  createPhaseTransition: (s, i) =>
    s.courses.movePhase(
      i.ctx,
      i.params.courseId,
      i.ifMatch,
      i.body.to,
      i.body.reason,
      i.body.overrideGate ?? false,
      i.body.riskOverrideReason,
    ),
  listSessions: (s, i) => s.courses.listSessions(i.ctx, i.params.courseId),
  createSession: (s, i) => s.courses.recordSession(i.ctx, i.params.courseId, i.body),
  getSession: (s, i) => s.courses.session(i.ctx, i.params.sessionId),
  updateSession: (s, i) => s.courses.updateSession(i.ctx, i.params.sessionId, i.ifMatch, i.body),
  listSessionRevisions: (s, i) => s.courses.sessionRevisions(i.ctx, i.params.sessionId),
  unlockKiosk: (s, i) => s.auth.unlock(i.ctx.actor, i.ip, i.body.password),
  listInstruments: (s, i) => s.measures.instruments(i.ctx),
  getInstrumentQuestionnaire: (s, i) => s.measures.questionnaire(i.params.instrumentId),
  putInstrumentTextPack: (s, i) => s.measures.importTextPack(i.ctx, i.params.instrumentId, i.body),
  createAdministration: (s, i) => s.measures.administer(i.ctx, i.params.courseId, i.body),
  listAdministrations: (s, i) => s.measures.list(i.ctx, i.params.courseId),
  getAdministrationFhir: (s, i) => s.measures.fhirBundle(i.ctx, i.params.administrationId),
  getMeasures: (s, i) => s.measures.view(i.ctx, i.params.courseId),
  createAnnotation: (s, i) => s.measures.annotate(i.ctx, i.params.courseId, i.body),
  getMeasureSchedule: (s, i) => s.measures.schedule(i.ctx, i.params.courseId),
  updateMeasureSchedule: (s, i) => s.measures.updateSchedule(i.ctx, i.params.courseId, i.ifMatch, i.body.rules),
  createMeasureLink: (s, i) => s.links.create(i.ctx, i.params.courseId, i.body),
  startKiosk: (s, i) => s.links.create(i.ctx, i.params.courseId, i.body, 'kiosk'),
  openMeasureLink: (s, i) => s.links.open(i.params.token, i.ip),
  submitMeasureLink: (s, i) => s.links.submit(i.params.token, i.ip, i.body.answers),
  getRisk: (s, i) => s.risk.overview(i.ctx, i.params.patientId),
  createSafetyReview: (s, i) => s.risk.review(i.ctx, i.params.patientId, i.body),
  getInitialPhase: (s, i) => s.initial.view(i.ctx, i.params.courseId),
  createEpisode: (s, i) => s.initial.add(i.ctx, i.params.courseId, 'episode', i.body),
  createLifeEvent: (s, i) => s.initial.add(i.ctx, i.params.courseId, 'life-event', i.body),
  createInventoryEntry: (s, i) => s.initial.add(i.ctx, i.params.courseId, 'inventory-entry', i.body),
  updateEpisode: (s, i) => s.initial.update(i.ctx, i.params.recordId, 'episode', i.ifMatch, i.body),
  updateLifeEvent: (s, i) => s.initial.update(i.ctx, i.params.recordId, 'life-event', i.ifMatch, i.body),
  updateInventoryEntry: (s, i) => s.initial.update(i.ctx, i.params.recordId, 'inventory-entry', i.ifMatch, i.body),
  deleteInitialRecord: (s, i) => s.initial.remove(i.ctx, i.params.recordId, i.ifMatch),
  createCircleSnapshot: (s, i) => s.initial.add(i.ctx, i.params.courseId, 'circle-snapshot', i.body),
  putProblemArea: (s, i) => s.initial.put(i.ctx, i.params.courseId, 'problem-area', i.ifMatch, i.body),
  putFormulation: (s, i) => s.initial.put(i.ctx, i.params.courseId, 'formulation', i.ifMatch, i.body),
  createFormulationTransition: (s, i) => s.initial.formulationTransition(i.ctx, i.params.courseId, i.ifMatch, i.body),
  putTreatmentContract: (s, i) => s.initial.put(i.ctx, i.params.courseId, 'treatment-contract', i.ifMatch, i.body),
  putInitialFacts: (s, i) => s.initial.put(i.ctx, i.params.courseId, 'initial-facts', i.ifMatch, i.body),
  getMiddlePhase: (s, i) => s.middle.view(i.ctx, i.params.courseId),
  putSessionWork: (s, i) => s.middle.putSessionWork(i.ctx, i.params.sessionId, i.ifMatch, i.body),
  listCourseRecordRevisions: (s, i) => s.middle.revisions(i.ctx, i.params.recordId),
  createCommunicationAnalysis: (s, i) => s.middle.add(i.ctx, i.params.courseId, 'communication-analysis', i.body),
  updateCommunicationAnalysis: (s, i) =>
    s.middle.update(i.ctx, i.params.recordId, 'communication-analysis', i.ifMatch, i.body),
  createRolePlay: (s, i) => s.middle.add(i.ctx, i.params.courseId, 'role-play', i.body),
  updateRolePlay: (s, i) => s.middle.update(i.ctx, i.params.recordId, 'role-play', i.ifMatch, i.body),
  createDecisionAnalysis: (s, i) => s.middle.add(i.ctx, i.params.courseId, 'decision-analysis', i.body),
  updateDecisionAnalysis: (s, i) => s.middle.update(i.ctx, i.params.recordId, 'decision-analysis', i.ifMatch, i.body),
  createRupture: (s, i) => s.middle.add(i.ctx, i.params.courseId, 'rupture', i.body),
  updateRupture: (s, i) => s.middle.update(i.ctx, i.params.recordId, 'rupture', i.ifMatch, i.body),
  putMidCourseReview: (s, i) => s.middle.putMidCourseReview(i.ctx, i.params.courseId, i.ifMatch, i.body),
  getEnding: (s, i) => s.ending.view(i.ctx, i.params.courseId),
  putTermination: (s, i) => s.ending.putTermination(i.ctx, i.params.courseId, i.ifMatch, i.body),
  putRelapsePlan: (s, i) => s.ending.putRelapsePlan(i.ctx, i.params.courseId, i.ifMatch, i.body),
  getTreatmentSummaryPdf: (s, i) => s.ending.treatmentSummaryPdf(i.ctx, i.params.courseId),
  getPatientPlanPdf: (s, i) => s.ending.patientPlanPdf(i.ctx, i.params.courseId),
};
