/** The route tree, in code: a public sign-in page and the signed-in pages behind one gate. */
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  redirect,
} from '@tanstack/react-router';
import { caseloadQuery, isApiError, meQuery, patientHomeQuery, patientQuery } from './api.js';
import { unlessLocked } from './kiosk/kiosk-state.js';
import { RootLayout } from './layout/RootLayout.js';
import { ErrorPage } from './pages/ErrorPage.js';
import { LoadingPage } from './pages/LoadingPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PatientNotFound } from './pages/PatientNotFound.js';

/*
 * Every page is a chunk of its own, loaded when its route is first matched or a link to it is pointed at (preload on
 * intent), in parallel with the route's data (ADR 0018): the sign-in page loads no caseload, no patient page, no
 * chart library and no zod. The layout, the error, loading and not-found pages stay in the entry chunk.
 */

export interface RouterContext {
  readonly queryClient: QueryClient;
}

/** Only a path inside this app may follow sign-in: never another origin. */
const safeNext = (value: unknown) =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: ErrorPage,
  pendingComponent: LoadingPage,
});

/** Sign-in is where most visits start: its chunk is fetched while the server says who is signed in, not after. */
const LoginPage = lazyRouteComponent(() => import('./pages/LoginPage.js'), 'LoginPage');

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { next?: string } => {
    const next = safeNext(search.next);
    return next ? { next } : {};
  },
  beforeLoad: async ({ context, search }) => {
    // A chunk that fails here fails again, and is reported, when the route loads it.
    void LoginPage.preload?.()?.catch(() => undefined);
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) redirect({ to: search.next ?? '/', throw: true });
  },
  component: LoginPage,
});

/** The gate: every page below needs a signed-in user; without one, sign in and come back. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    const me = await unlessLocked(context.queryClient.ensureQueryData(meQuery));
    if (!me) redirect({ to: '/login', search: { next: location.href }, throw: true });
  },
});

const caseloadRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  // A patient's account has no caseload: its start page is its own home.
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me?.role === 'patient') redirect({ to: '/home', throw: true });
  },
  loader: ({ context }) => unlessLocked(context.queryClient.ensureQueryData(caseloadQuery)),
  component: lazyRouteComponent(() => import('./pages/CaseloadPage.js'), 'CaseloadPage'),
});

/** A patient's own home (issue 12, part 2): where their course stands, and what to read. */
const patientHomeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/home',
  loader: ({ context }) => context.queryClient.ensureQueryData(patientHomeQuery),
  component: lazyRouteComponent(() => import('./pages/PatientHomePage.js'), 'PatientHomePage'),
});

/** The user's two-step sign-in (docs/decisions/0019-mfa.md), from the header. */
const mfaRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account/two-step',
  component: lazyRouteComponent(() => import('./pages/MfaPage.js'), 'MfaPage'),
});

const addPatientRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/new',
  component: lazyRouteComponent(() => import('./pages/AddPatientPage.js'), 'AddPatientPage'),
});

/** A patient's record, or "not found" for one outside the caller's reach. */
async function loadPatient(context: RouterContext, patientId: string) {
  try {
    await unlessLocked(context.queryClient.ensureQueryData(patientQuery(patientId)));
  } catch (error) {
    // A record outside the caller's reach answers 404 like a missing one (shared/DESIGN.md "Security model").
    if (isApiError(error, 404) || isApiError(error, 400)) notFound({ throw: true });
    throw error;
  }
}

export const patientRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/$patientId',
  loader: ({ context, params }) => loadPatient(context, params.patientId),
  notFoundComponent: PatientNotFound,
  component: lazyRouteComponent(() => import('./pages/PatientPage.js'), 'PatientPage'),
});

/** The initial phase of the patient's current course as working tools (issue "The initial phase as working tools"). */
const initialPhaseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/$patientId/initial',
  loader: ({ context, params }) => loadPatient(context, params.patientId),
  notFoundComponent: PatientNotFound,
  component: lazyRouteComponent(() => import('./pages/InitialPhasePage.js'), 'InitialPhasePage'),
});

/** The middle phase of the patient's current course, one session at a time (issue "The middle and final phases"). */
const middlePhaseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/$patientId/middle',
  validateSearch: (search: Record<string, unknown>): { session?: string } =>
    typeof search.session === 'string' ? { session: search.session } : {},
  loader: ({ context, params }) => loadPatient(context, params.patientId),
  notFoundComponent: PatientNotFound,
  component: lazyRouteComponent(() => import('./pages/MiddlePhasePage.js'), 'MiddlePhasePage'),
});

/** The end of the course: termination checklist, relapse-prevention plan, the progress review assembled. */
const endingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/$patientId/ending',
  loader: ({ context, params }) => loadPatient(context, params.patientId),
  notFoundComponent: PatientNotFound,
  component: lazyRouteComponent(() => import('./pages/EndingPage.js'), 'EndingPage'),
});

/** The two documents of the ending, as printable pages (their PDFs come from the server). */
const summaryDocumentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/$patientId/ending/summary',
  loader: ({ context, params }) => loadPatient(context, params.patientId),
  notFoundComponent: PatientNotFound,
  component: lazyRouteComponent(() => import('./pages/DocumentPages.js'), 'TreatmentSummaryPage'),
});

const planDocumentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/$patientId/ending/plan',
  loader: ({ context, params }) => loadPatient(context, params.patientId),
  notFoundComponent: PatientNotFound,
  component: lazyRouteComponent(() => import('./pages/DocumentPages.js'), 'PatientPlanPage'),
});

/**
 * The patient's pages: no account, no app header. A single-use link opened on the patient's own phone, and the
 * kiosk page on the clinician's device (its unlock form is where a locked clinician session is sent).
 */
const linkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/q/$token',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('./pages/LinkPage.js'), 'LinkPage'),
});

const kioskRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/kiosk/$token',
  staticData: { public: true },
  validateSearch: (search: Record<string, unknown>): { locked?: boolean } =>
    search.locked === true || search.locked === 'true' ? { locked: true } : {},
  component: lazyRouteComponent(() => import('./pages/KioskPage.js'), 'KioskPage'),
});

/** A patient accepts the invitation to an account: chooses a password, and is signed in (issue 12, part 1). */
const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$token',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('./pages/AcceptInvitePage.js'), 'AcceptInvitePage'),
});

/** "Learn about IPT": plain-language pages anyone can read, signed in or not (issue 12, part 5). */
const learnRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/learn',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('./pages/LearnPages.js'), 'LearnIndexPage'),
});

const learnTopicRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/learn/$topic',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('./pages/LearnPages.js'), 'LearnTopicPage'),
});

const kioskLockedRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/kiosk',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('./pages/KioskLockedPage.js'), 'KioskLockedPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  signedInRoute.addChildren([
    caseloadRoute,
    patientHomeRoute,
    mfaRoute,
    addPatientRoute,
    patientRoute,
    initialPhaseRoute,
    middlePhaseRoute,
    endingRoute,
    summaryDocumentRoute,
    planDocumentRoute,
  ]),
  linkRoute,
  kioskRoute,
  kioskLockedRoute,
  learnRoute,
  learnTopicRoute,
  inviteRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // The query cache owns freshness; the router always asks it.
    defaultPreloadStaleTime: 0,
    defaultPendingMs: 300,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
  interface StaticDataRouteOption {
    /** A page for the patient: shown without the clinician's header, and without asking who is signed in. */
    public?: boolean;
  }
}
