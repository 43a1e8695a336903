/**
 * The route table: every HTTP operation of the API with its schemas. The server registers exactly these routes,
 * the OpenAPI document is generated from them, and the typed client calls them. One schema is the truth.
 */
import { z } from 'zod';
import { ChangePasswordRequest, LoginRequest, Me } from './schemas/auth.js';
import {
  CaseloadItem,
  CourseDetail,
  CreateCourseRequest,
  CreatePatientRequest,
  CreatePhaseTransitionRequest,
  CreateSessionRequest,
  Patient,
  PatientDetail,
  Session,
  SessionRevision,
  UpdateCourseRequest,
  UpdatePatientRequest,
  UpdateSessionRequest,
} from './schemas/clinical.js';
import { CourseIdParams, Id, PatientIdParams, SessionIdParams } from './schemas/common.js';
import {
  AddCareTeamMemberRequest,
  CareTeamMember,
  CreateSupervisionLinkRequest,
  CreateUserRequest,
  SupervisionLink,
  User,
} from './schemas/people.js';

export const Health = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['sqlite', 'postgresql']),
    migrations: z.object({ applied: z.number().int(), latest: z.string() }),
  })
  .meta({ id: 'Health' });

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteDef {
  readonly method: HttpMethod;
  /** OpenAPI-style path: `/api/patients/{patientId}`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** `public` routes need no session; every other route needs a signed-in user. */
  readonly auth: 'public' | 'session';
  readonly params?: z.ZodType;
  readonly body?: z.ZodType;
  /** `null`: the success answer has no body. */
  readonly response: z.ZodType | null;
  readonly status: 200 | 201 | 204;
  /** The update needs `If-Match: "<version>"` of the record it read. */
  readonly ifMatch?: boolean;
}

const route = <const R extends RouteDef>(r: R) => r;

export const routes = {
  getHealth: route({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness, database kind and migration level',
    tag: 'system',
    auth: 'public',
    response: Health,
    status: 200,
  }),
  getOpenApi: route({
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API description (OpenAPI 3.1)',
    tag: 'system',
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
    status: 200,
  }),
  login: route({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in; sets the session cookie',
    tag: 'auth',
    auth: 'public',
    body: LoginRequest,
    response: Me,
    status: 200,
  }),
  logout: route({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Sign out; ends the session',
    tag: 'auth',
    auth: 'session',
    response: null,
    status: 204,
  }),
  getMe: route({
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The signed-in user',
    tag: 'auth',
    auth: 'session',
    response: Me,
    status: 200,
  }),
  changePassword: route({
    method: 'POST',
    path: '/api/auth/password',
    summary: 'Change your password; ends your other sessions',
    tag: 'auth',
    auth: 'session',
    body: ChangePasswordRequest,
    response: null,
    status: 204,
  }),
  listUsers: route({
    method: 'GET',
    path: '/api/users',
    summary: "The organisation's users",
    tag: 'people',
    auth: 'session',
    response: z.array(User),
    status: 200,
  }),
  createUser: route({
    method: 'POST',
    path: '/api/users',
    summary: 'Add a user to the organisation',
    tag: 'people',
    auth: 'session',
    body: CreateUserRequest,
    response: User,
    status: 201,
  }),
  createSupervisionLink: route({
    method: 'POST',
    path: '/api/supervision-links',
    summary: 'Link a supervisor to a clinician they supervise',
    tag: 'people',
    auth: 'session',
    body: CreateSupervisionLinkRequest,
    response: SupervisionLink,
    status: 201,
  }),
  listPatients: route({
    method: 'GET',
    path: '/api/patients',
    summary: 'The caseload: patients within reach, with where their course stands',
    tag: 'patients',
    auth: 'session',
    response: z.array(CaseloadItem),
    status: 200,
  }),
  createPatient: route({
    method: 'POST',
    path: '/api/patients',
    summary: 'Add a patient; a clinical author joins the care team',
    tag: 'patients',
    auth: 'session',
    body: CreatePatientRequest,
    response: Patient,
    status: 201,
  }),
  getPatient: route({
    method: 'GET',
    path: '/api/patients/{patientId}',
    summary: 'The patient page: the patient, their courses with sessions and phase history, the care team',
    tag: 'patients',
    auth: 'session',
    params: PatientIdParams,
    response: PatientDetail,
    status: 200,
  }),
  updatePatient: route({
    method: 'PATCH',
    path: '/api/patients/{patientId}',
    summary: "Change a patient's details",
    tag: 'patients',
    auth: 'session',
    params: PatientIdParams,
    body: UpdatePatientRequest,
    response: Patient,
    status: 200,
    ifMatch: true,
  }),
  addCareTeamMember: route({
    method: 'POST',
    path: '/api/patients/{patientId}/care-team',
    summary: "Add a clinician to a patient's care team",
    tag: 'patients',
    auth: 'session',
    params: PatientIdParams,
    body: AddCareTeamMemberRequest,
    response: z.array(CareTeamMember),
    status: 201,
  }),
  removeCareTeamMember: route({
    method: 'DELETE',
    path: '/api/patients/{patientId}/care-team/{userId}',
    summary: "Remove a clinician from a patient's care team",
    tag: 'patients',
    auth: 'session',
    params: z.strictObject({ patientId: Id, userId: Id }),
    response: null,
    status: 204,
  }),
  createCourse: route({
    method: 'POST',
    path: '/api/patients/{patientId}/courses',
    summary: 'Start a course of IPT',
    tag: 'courses',
    auth: 'session',
    params: PatientIdParams,
    body: CreateCourseRequest,
    response: CourseDetail,
    status: 201,
  }),
  getCourse: route({
    method: 'GET',
    path: '/api/courses/{courseId}',
    summary: 'A course with its sessions and phase history',
    tag: 'courses',
    auth: 'session',
    params: CourseIdParams,
    response: CourseDetail,
    status: 200,
  }),
  updateCourse: route({
    method: 'PATCH',
    path: '/api/courses/{courseId}',
    summary: "Change a course's plan or schedule",
    tag: 'courses',
    auth: 'session',
    params: CourseIdParams,
    body: UpdateCourseRequest,
    response: CourseDetail,
    status: 200,
    ifMatch: true,
  }),
  createPhaseTransition: route({
    method: 'POST',
    path: '/api/courses/{courseId}/phase-transitions',
    summary: 'Move the course to another phase, saying why (If-Match: the course version)',
    tag: 'courses',
    auth: 'session',
    params: CourseIdParams,
    body: CreatePhaseTransitionRequest,
    response: CourseDetail,
    status: 201,
    ifMatch: true,
  }),
  listSessions: route({
    method: 'GET',
    path: '/api/courses/{courseId}/sessions',
    summary: "A course's sessions",
    tag: 'sessions',
    auth: 'session',
    params: CourseIdParams,
    response: z.array(Session),
    status: 200,
  }),
  createSession: route({
    method: 'POST',
    path: '/api/courses/{courseId}/sessions',
    summary: 'Record a session',
    tag: 'sessions',
    auth: 'session',
    params: CourseIdParams,
    body: CreateSessionRequest,
    response: Session,
    status: 201,
  }),
  getSession: route({
    method: 'GET',
    path: '/api/sessions/{sessionId}',
    summary: 'One session',
    tag: 'sessions',
    auth: 'session',
    params: SessionIdParams,
    response: Session,
    status: 200,
  }),
  updateSession: route({
    method: 'PATCH',
    path: '/api/sessions/{sessionId}',
    summary: 'Change a session record; the previous version is kept',
    tag: 'sessions',
    auth: 'session',
    params: SessionIdParams,
    body: UpdateSessionRequest,
    response: Session,
    status: 200,
    ifMatch: true,
  }),
  listSessionRevisions: route({
    method: 'GET',
    path: '/api/sessions/{sessionId}/revisions',
    summary: 'Every earlier version of a session record, newest first',
    tag: 'sessions',
    auth: 'session',
    params: SessionIdParams,
    response: z.array(SessionRevision),
    status: 200,
  }),
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;
