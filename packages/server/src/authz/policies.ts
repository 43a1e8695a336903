/**
 * The declared access policy of every API operation. The route layer refuses to register a route without one, and
 * the authorization-matrix test checks each against every role and every kind of record.
 *
 * - `roles`: who may call it at all. A role outside the list gets 403 on collection routes and 404 on routes that
 *   name a record (a record outside your reach is indistinguishable from one that does not exist).
 * - `scope`: what the operation may reach, enforced by the service pipeline (services/pipeline.ts): `none` (no record), `organisation` (within the caller's
 *   organisation), `patient:read` (care team, or supervisor of a care-team member), `patient:write` (care team),
 *   `self` (a patient's account: the patient record it belongs to, nothing else).
 */
import type { OperationId } from '@ipt/contract';
import { Role } from '@ipt/core';
import type { MfaStage } from '../auth/actor.js';

export type Scope = 'none' | 'organisation' | 'patient:read' | 'patient:write' | 'self';
export interface Policy {
  readonly roles: readonly Role[] | 'public';
  readonly scope: Scope;
  /** Callable on a device handed to the patient in kiosk mode (only unlocking and signing out are). */
  readonly kiosk?: true;
  /**
   * Callable on a half-session (password right, second step owed; docs/decisions/0019-mfa.md) of these stages: the
   * code (`code`), or setting up an app the organisation requires (`enrol`). Every other operation answers 401 there.
   */
  readonly halfSession?: readonly MfaStage[];
}

const everyone = Object.values(Role);
const clinical = [Role.clinician, Role.trainee, Role.facilitator, Role.supervisor] as const;
const staff = [Role.admin, ...clinical] as const;

export const policies: Record<OperationId, Policy> = {
  getHealth: { roles: 'public', scope: 'none' },
  getOpenApi: { roles: 'public', scope: 'none' },
  login: { roles: 'public', scope: 'none' },
  logout: { roles: everyone, scope: 'none', kiosk: true, halfSession: ['code', 'enrol'] },
  getMe: { roles: everyone, scope: 'none' },
  changePassword: { roles: everyone, scope: 'none' },
  // Two-step sign-in is for staff: patients reach no clinical route yet (ADR 0008).
  getMfa: { roles: staff, scope: 'none' },
  startMfaEnrolment: { roles: staff, scope: 'none', halfSession: ['enrol'] },
  confirmMfaEnrolment: { roles: staff, scope: 'none', halfSession: ['enrol'] },
  verifyMfa: { roles: staff, scope: 'none', halfSession: ['code'] },
  disableMfa: { roles: staff, scope: 'none' },
  setOrganisationMfa: { roles: [Role.admin], scope: 'organisation' },
  listUsers: { roles: [Role.admin], scope: 'organisation' },
  createUser: { roles: [Role.admin], scope: 'organisation' },
  createSupervisionLink: { roles: [Role.admin], scope: 'organisation' },
  // Patients' accounts by invitation (issue 12, part 1): the care team invites; the link is its own credential.
  createPatientInvitation: { roles: clinical, scope: 'patient:write' },
  acceptPatientInvitation: { roles: 'public', scope: 'none' },
  // A patient's own record, and only theirs (`self`: the patient the account belongs to).
  getPatientHome: { roles: [Role.patient], scope: 'self' },
  listPatients: { roles: staff, scope: 'organisation' },
  createPatient: { roles: staff, scope: 'organisation' },
  getPatient: { roles: clinical, scope: 'patient:read' },
  updatePatient: { roles: clinical, scope: 'patient:write' },
  addCareTeamMember: { roles: [Role.admin], scope: 'organisation' },
  removeCareTeamMember: { roles: [Role.admin], scope: 'organisation' },
  createCourse: { roles: clinical, scope: 'patient:write' },
  getCourse: { roles: clinical, scope: 'patient:read' },
  updateCourse: { roles: clinical, scope: 'patient:write' },
  createPhaseTransition: { roles: clinical, scope: 'patient:write' },
  listSessions: { roles: clinical, scope: 'patient:read' },
  createSession: { roles: clinical, scope: 'patient:write' },
  getSession: { roles: clinical, scope: 'patient:read' },
  updateSession: { roles: clinical, scope: 'patient:write' },
  listSessionRevisions: { roles: clinical, scope: 'patient:read' },
  unlockKiosk: { roles: everyone, scope: 'none', kiosk: true },
  listInstruments: { roles: staff, scope: 'organisation' },
  getInstrumentQuestionnaire: { roles: staff, scope: 'none' },
  putInstrumentTextPack: { roles: [Role.admin], scope: 'organisation' },
  createAdministration: { roles: clinical, scope: 'patient:write' },
  listAdministrations: { roles: clinical, scope: 'patient:read' },
  getAdministrationFhir: { roles: clinical, scope: 'patient:read' },
  getMeasures: { roles: clinical, scope: 'patient:read' },
  createAnnotation: { roles: clinical, scope: 'patient:write' },
  getMeasureSchedule: { roles: clinical, scope: 'patient:read' },
  updateMeasureSchedule: { roles: clinical, scope: 'patient:write' },
  createMeasureLink: { roles: clinical, scope: 'patient:write' },
  startKiosk: { roles: clinical, scope: 'patient:write' },
  // The patient's single-use link is its own credential: 256 random bits, one use, an expiry.
  openMeasureLink: { roles: 'public', scope: 'none' },
  submitMeasureLink: { roles: 'public', scope: 'none' },
  getRisk: { roles: clinical, scope: 'patient:read' },
  createSafetyReview: { roles: clinical, scope: 'patient:write' },
  getInitialPhase: { roles: clinical, scope: 'patient:read' },
  createEpisode: { roles: clinical, scope: 'patient:write' },
  createLifeEvent: { roles: clinical, scope: 'patient:write' },
  createInventoryEntry: { roles: clinical, scope: 'patient:write' },
  updateEpisode: { roles: clinical, scope: 'patient:write' },
  updateLifeEvent: { roles: clinical, scope: 'patient:write' },
  updateInventoryEntry: { roles: clinical, scope: 'patient:write' },
  deleteInitialRecord: { roles: clinical, scope: 'patient:write' },
  createCircleSnapshot: { roles: clinical, scope: 'patient:write' },
  putProblemArea: { roles: clinical, scope: 'patient:write' },
  putFormulation: { roles: clinical, scope: 'patient:write' },
  createFormulationTransition: { roles: clinical, scope: 'patient:write' },
  putTreatmentContract: { roles: clinical, scope: 'patient:write' },
  putInitialFacts: { roles: clinical, scope: 'patient:write' },
  getMiddlePhase: { roles: clinical, scope: 'patient:read' },
  putSessionWork: { roles: clinical, scope: 'patient:write' },
  listCourseRecordRevisions: { roles: clinical, scope: 'patient:read' },
  createCommunicationAnalysis: { roles: clinical, scope: 'patient:write' },
  updateCommunicationAnalysis: { roles: clinical, scope: 'patient:write' },
  createRolePlay: { roles: clinical, scope: 'patient:write' },
  updateRolePlay: { roles: clinical, scope: 'patient:write' },
  createDecisionAnalysis: { roles: clinical, scope: 'patient:write' },
  updateDecisionAnalysis: { roles: clinical, scope: 'patient:write' },
  createRupture: { roles: clinical, scope: 'patient:write' },
  updateRupture: { roles: clinical, scope: 'patient:write' },
  putMidCourseReview: { roles: clinical, scope: 'patient:write' },
  getEnding: { roles: clinical, scope: 'patient:read' },
  putTermination: { roles: clinical, scope: 'patient:write' },
  putRelapsePlan: { roles: clinical, scope: 'patient:write' },
  getTreatmentSummaryPdf: { roles: clinical, scope: 'patient:read' },
  getPatientPlanPdf: { roles: clinical, scope: 'patient:read' },
};
