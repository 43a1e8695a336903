/**
 * The records the measures benchmark reads, written through the API as a clinician would: one fully charted course
 * (the chart-data scenario) and a clinician's whole caseload (the caseload scenario).
 */
import { call, CLINICIAN_EMAIL } from '../api/fixtures.js';

const COURSE_START = '2026-01-05';
/** The chart: four patient-rated instruments, each given at every one of the course's 16 sessions. */
export const CHART_INSTRUMENTS = ['phq-9', 'gad-7', 'who-5', 'wsas'];
export const CHART_SESSIONS = 16;
const CHART_ANNOTATIONS = [
  { session: 3, label: 'Argument with partner about moving' },
  { session: 7, label: 'Started the new job' },
  { session: 11, label: "Sister's visit went well" },
];
/** Phase moves of the charted course, after the session numbered here. */
const CHART_PHASES = [
  // The bench course writes its initial-phase records at the end (seed-work.js), so the gate is overridden in writing.
  { after: 4, to: 'middle', reason: 'Formulation agreed: role transition.', overrideGate: true },
  { after: 12, to: 'termination', reason: 'Planned ending; four sessions left.' },
];

/** Every instrument the server offers, by id: { version, items: [{ number, scored, options: [{ position }] }] }. */
export async function loadInstruments(baseUrl, cookie) {
  const { json } = await call(baseUrl, 'GET', '/api/instruments', { cookie });
  return new Map(json.map((i) => [i.id, i]));
}

/**
 * Answers to every item of `instrument`, as option positions: each item at the option `severity` (0 to 1) of the way
 * up its scale, so totals fall as severity falls over a course. PHQ-9 item 9 (self-harm) is answered 0 unless
 * `item9` asks otherwise: a positive answer opens a risk flag.
 */
export function answersFor(instrument, severity, item9 = 0) {
  return instrument.items.map((item) => {
    const options = item.options;
    if (instrument.id === 'phq-9' && item.number === 9) return options[Math.min(item9, options.length - 1)].position;
    const at = Math.round(Math.max(0, Math.min(1, severity)) * (options.length - 1));
    return options[at].position;
  });
}

/** Creates a patient and an active 16-session course; resolves to { patientId, courseId }. */
async function createPatientCourse(baseUrl, cookie, displayName) {
  const { json: patient } = await call(baseUrl, 'POST', '/api/patients', {
    cookie,
    body: { displayName, yearOfBirth: 1985 },
  });
  const { json: course } = await call(baseUrl, 'POST', `/api/patients/${patient.id}/courses`, {
    cookie,
    body: {
      schoolPreset: 'iptuk',
      plannedSessions: 16,
      schedule: { weekday: 1, time: '10:00' },
      startDate: COURSE_START,
    },
  });
  return { patientId: patient.id, courseId: course.course.id };
}

/** A session note of a realistic length: both reads load the sessions' rows whole, notes included. */
const SESSION_NOTE =
  'Reviewed the week and the PHQ-9 with the patient. Continued work on the role transition: losses of the old ' +
  'role, skills the new one needs, and who can support her. Rehearsed asking her manager for a change of shift. ' +
  'Homework: one conversation with her sister this week.';

async function recordSession(baseUrl, cookie, courseId, number) {
  const { json } = await call(baseUrl, 'POST', `/api/courses/${courseId}/sessions`, {
    cookie,
    body: {
      number,
      date: addDays(COURSE_START, 7 * (number - 1)),
      attendance: 'attended',
      lengthMinutes: 50,
      note: SESSION_NOTE,
    },
  });
  return json.id;
}

async function administer(baseUrl, cookie, courseId, instrument, answers, sessionId) {
  await call(baseUrl, 'POST', `/api/courses/${courseId}/administrations`, {
    cookie,
    body: { instrumentId: instrument.id, instrumentVersion: instrument.version, answers, sessionId },
  });
}

/**
 * The charted course, for the demo clinician: 16 weekly sessions, each with the four CHART_INSTRUMENTS (64
 * administrations, one PHQ-9 with a positive item 9), three annotations and two phase moves.
 */
export async function seedChartCourse(baseUrl, cookie, instruments) {
  const { patientId, courseId } = await createPatientCourse(baseUrl, cookie, 'Bench charted patient');
  let administrations = 0;
  for (let number = 1; number <= CHART_SESSIONS; number++) {
    const sessionId = await recordSession(baseUrl, cookie, courseId, number);
    const severity = 0.85 - (0.65 * (number - 1)) / (CHART_SESSIONS - 1);
    // Four independent writes: sent together, as four clinicians' browsers would.
    await Promise.all(
      CHART_INSTRUMENTS.map((id) => {
        const instrument = instruments.get(id);
        const item9 = id === 'phq-9' && number === 2 ? 1 : 0;
        return administer(baseUrl, cookie, courseId, instrument, answersFor(instrument, severity, item9), sessionId);
      }),
    );
    administrations += CHART_INSTRUMENTS.length;
    for (const a of CHART_ANNOTATIONS.filter((x) => x.session === number)) {
      await call(baseUrl, 'POST', `/api/courses/${courseId}/annotations`, {
        cookie,
        body: { date: addDays(COURSE_START, 7 * (number - 1)), label: a.label, kind: 'event' },
      });
    }
    for (const p of CHART_PHASES.filter((x) => x.after === number)) {
      const { json: detail } = await call(baseUrl, 'GET', `/api/courses/${courseId}`, { cookie });
      await call(baseUrl, 'POST', `/api/courses/${courseId}/phase-transitions`, {
        cookie,
        headers: { 'if-match': `"${detail.course.version}"` },
        body: { to: p.to, reason: p.reason, ...(p.overrideGate && { overrideGate: true }) },
      });
    }
  }
  return {
    patientId,
    courseId,
    sessions: CHART_SESSIONS,
    instruments: CHART_INSTRUMENTS,
    administrations,
    annotations: CHART_ANNOTATIONS.length,
    phaseTransitions: CHART_PHASES.length,
  };
}

/** The admin creates a clinician of its own for the caseload, so that it holds exactly the seeded patients. */
export async function createCaseloadClinician(baseUrl, demoLogins) {
  const admin = demoLogins.find((l) => l.role === 'admin');
  if (!admin) throw new Error('No demo admin among the demo logins.');
  const adminCookie = await loginCookie(baseUrl, admin.email, admin.password);
  const email = `caseload-${Date.now()}@bench.ipt.example`;
  const password = `bench-${Math.random().toString(36).slice(2)}-password`;
  await call(baseUrl, 'POST', '/api/users', {
    cookie: adminCookie,
    body: { email, displayName: 'Dr Busy Clinician (bench)', role: 'clinician', password },
  });
  return loginCookie(baseUrl, email, password);
}

/** The demo clinician's session cookie (the one that owns the charted course). */
export function demoClinicianCookie(baseUrl, demoLogins) {
  const login = demoLogins.find((l) => l.email === CLINICIAN_EMAIL) ?? demoLogins.find((l) => l.role === 'clinician');
  if (!login) throw new Error('No demo clinician among the demo logins.');
  return loginCookie(baseUrl, login.email, login.password);
}

async function loginCookie(baseUrl, email, password) {
  const { res } = await call(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
  const setCookie = res.headers.getSetCookie().find((c) => c.includes('ipt_session='));
  if (!setCookie) throw new Error('Login answered without a session cookie.');
  return setCookie.split(';')[0];
}

/**
 * One caseload patient's plan, from its index: 8 weekly sessions of an active course; PHQ-9 at every session, GAD-7
 * and WSAS at intake and session 5 (the default schedule's every 4 sessions). To vary what the caseload shows, every
 * 3rd patient lacks the PHQ-9 of its last session (overdue), every odd patient the WSAS of session 5 (overdue), and
 * every 5th answers PHQ-9 item 9 with 1 at its last session (an open risk flag) unless that PHQ-9 is the one it lacks:
 * 20 flagged patients in 150. With 8 sessions, GAD-7 and WSAS fall due at session 9 for all.
 */
export function caseloadPlan(index, sessions) {
  const given = [];
  for (let number = 1; number <= sessions; number++) {
    const last = number === sessions;
    if (!(last && index % 3 === 0)) given.push({ number, id: 'phq-9', item9: last && index % 5 === 0 ? 1 : 0 });
    if (number === 1 || number === 5) {
      given.push({ number, id: 'gad-7' });
      if (!(number === 5 && index % 2 === 1)) given.push({ number, id: 'wsas' });
    }
  }
  return given;
}

/**
 * `count` patients for the clinician behind `cookie`, each as caseloadPlan says, `concurrency` patients at a time
 * (each patient's own requests in order). Resolves to the counts written.
 */
export async function seedCaseload(baseUrl, cookie, instruments, { count, sessions, concurrency }) {
  const totals = { patients: 0, sessions: 0, administrations: 0, riskFlags: 0, requests: 0 };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const { courseId } = await createPatientCourse(baseUrl, cookie, `Bench caseload patient ${index + 1}`);
      const plan = caseloadPlan(index, sessions);
      for (let number = 1; number <= sessions; number++) {
        const sessionId = await recordSession(baseUrl, cookie, courseId, number);
        const severity = 0.8 - (0.5 * (number - 1)) / sessions;
        for (const g of plan.filter((p) => p.number === number)) {
          const instrument = instruments.get(g.id);
          await administer(baseUrl, cookie, courseId, instrument, answersFor(instrument, severity, g.item9), sessionId);
          if (g.item9) totals.riskFlags++;
        }
      }
      totals.patients++;
      totals.sessions += sessions;
      totals.administrations += plan.length;
      totals.requests += 2 + sessions + plan.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return totals;
}

function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
