/**
 * The web client reaches the server only through the contract's typed client (shared/DESIGN.md). Same origin: the
 * server serves this app and the API, so the session cookie rides along.
 */
import {
  ApiError,
  type CallArgs,
  createClientFor,
  type Me,
  type ProblemType,
  pathFor,
  type Routes,
} from '@ipt/contract';
import { queryOptions } from '@tanstack/react-query';
import endpoints from 'virtual:ipt/endpoints';

/**
 * The contract's client over the route table's plain endpoints (put in by the build, vite.config.ts): no schema and
 * no zod in the page. Answers come from this app's own server and are typed by the contract; the forms check what
 * they send with the contract's schemas, loaded when a form first needs them (forms/request-schemas.ts, ADR 0018).
 */
export const api = createClientFor(endpoints);

/** The body a write takes, by operation: the contract's request schema as the typed client sees it. */
export type BodyOf<K extends keyof Routes> = CallArgs<Routes[K]> extends { body: infer B } ? B : never;

/** A record's data with its id and the version a write must name (If-Match). */
export type Versioned<T> = T & { readonly id: string; readonly version: number };

/** A course record as a tool edits it: its kind's data (core's shape, as the typed client parsed it), id and version. */
export const versioned = <T extends object>(record: {
  readonly id: string;
  readonly version: number;
  readonly data: T;
}): Versioned<T> => ({ ...record.data, id: record.id, version: record.version });

export const queryKeys = {
  me: ['me'] as const,
  caseload: ['caseload'] as const,
  patient: (patientId: string) => ['patient', patientId] as const,
  instruments: ['instruments'] as const,
  measures: (courseId: string) => ['measures', courseId] as const,
  initialPhase: (courseId: string) => ['initial-phase', courseId] as const,
  middlePhase: (courseId: string) => ['middle-phase', courseId] as const,
  ending: (courseId: string) => ['ending', courseId] as const,
  revisions: (recordId: string) => ['revisions', recordId] as const,
  risk: (patientId: string) => ['risk', patientId] as const,
  mfa: ['mfa'] as const,
  patientHome: ['patient-home'] as const,
};

/** The signed-in user, or `null` when nobody is signed in (the server answers 401). */
export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.getMe({});
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

/** The signed-in user's two-step sign-in: on or off, required or not, recovery codes left. */
export const mfaQuery = queryOptions({
  queryKey: queryKeys.mfa,
  queryFn: () => api.getMfa({}),
  staleTime: 0,
});

/**
 * The caseload and the patient page carry risk flags, which a patient can raise from their phone at any time: every
 * visit reads them again (shown at once from the cache, then refreshed), and an open caseload looks again each minute.
 */
/** A patient's own home: where their course stands (issue 12, part 2). */
export const patientHomeQuery = queryOptions({
  queryKey: queryKeys.patientHome,
  queryFn: () => api.getPatientHome({}),
  staleTime: 0,
});

export const caseloadQuery = queryOptions({
  queryKey: queryKeys.caseload,
  queryFn: () => api.listPatients({}),
  staleTime: 0,
  refetchInterval: 60_000,
});

export const patientQuery = (patientId: string) =>
  queryOptions({
    queryKey: queryKeys.patient(patientId),
    queryFn: () => api.getPatient({ params: { patientId } }),
    staleTime: 0,
  });

/** The questionnaires, with the organisation's licensed wording where loaded; they change rarely. */
export const instrumentsQuery = queryOptions({
  queryKey: queryKeys.instruments,
  queryFn: () => api.listInstruments({}),
  staleTime: 5 * 60_000,
});

export const measuresQuery = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.measures(courseId),
    queryFn: () => api.getMeasures({ params: { courseId } }),
    // A point (and its flag) can arrive from the patient's phone at any time.
    staleTime: 0,
  });

/** The initial phase of a course in one read: its records, the hints with their reasons, and the gate's checklist. */
export const initialPhaseQuery = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.initialPhase(courseId),
    queryFn: () => api.getInitialPhase({ params: { courseId } }),
    staleTime: 0,
  });

/** The middle phase of a course in one read: sessions remaining, each session's work, the techniques' records. */
export const middlePhaseQuery = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.middlePhase(courseId),
    queryFn: () => api.getMiddlePhase({ params: { courseId } }),
    staleTime: 0,
  });

/** The end of a course in one read: the checklist with what is missing, the plan, the assembled progress review. */
export const endingQuery = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.ending(courseId),
    queryFn: () => api.getEnding({ params: { courseId } }),
    staleTime: 0,
  });

/** The patient's risk history: flags, safety reviews with their plans, steps taken with a flag open, review due. */
export const riskQuery = (patientId: string) =>
  queryOptions({
    queryKey: queryKeys.risk(patientId),
    queryFn: () => api.getRisk({ params: { patientId } }),
    staleTime: 0,
  });

/** The earlier versions of one course record, newest first. */
export const revisionsQuery = (recordId: string) =>
  queryOptions({
    queryKey: queryKeys.revisions(recordId),
    queryFn: () => api.listCourseRecordRevisions({ params: { recordId } }),
    staleTime: 0,
  });

/** Where a document route answers (a PDF): for a plain link, which carries the session cookie like any page. */
export const documentHref = (operation: 'getTreatmentSummaryPdf' | 'getPatientPlanPdf', courseId: string) =>
  pathFor(endpoints[operation].path, { courseId });

/** The contract's `ProblemType.staleVersion`, its type the contract's: a word out of step with it does not compile. */
const staleVersion: (typeof ProblemType)['staleVersion'] = 'urn:ipt-workbench:problem:stale-version';

/** Someone else changed the record since it was read: reload and say so, never overwrite. */
export const isStaleVersion = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 409 && error.problem.type === staleVersion;

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);
