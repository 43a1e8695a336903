/** What the scenarios need from the running server: a login, a demo patient to read, fresh courses to write to. */

export const CLINICIAN_EMAIL = 'clinician@demo.ipt.example';
/** The courses start 250 days ago: a session a day up to number 200 stays in the past. */
const COURSE_START = addDays(new Date().toISOString().slice(0, 10), -250);
/** The API's limit on session numbers within one course. */
export const MAX_SESSION_NUMBER = 200;

/**
 * One JSON request; throws on any answer but 2xx. Resolves to { res, json }.
 * @param {{ cookie?: string, body?: unknown, headers?: Record<string, string> }} [options]
 */
export async function call(baseUrl, method, path, options = {}) {
  const { cookie, body } = options;
  /** @type {Record<string, string>} */
  const headers = { ...options.headers };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { res, json: text ? JSON.parse(text) : undefined };
}

/** Logs the demo clinician in and returns the `cookie` request header that carries the session. */
export async function loginAsClinician(baseUrl, demoLogins) {
  const login = demoLogins.find((l) => l.email === CLINICIAN_EMAIL) ?? demoLogins.find((l) => l.role === 'clinician');
  if (!login)
    throw new Error(`No demo clinician among the demo logins: ${JSON.stringify(demoLogins.map((l) => l.email))}`);
  const { res } = await call(baseUrl, 'POST', '/api/auth/login', {
    body: { email: login.email, password: login.password },
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.includes('ipt_session='));
  if (!setCookie) throw new Error('Login answered without a session cookie.');
  return setCookie.split(';')[0];
}

/** The demo patient whose course has the most sessions: the fullest patient page, so the read is not flattered. */
export async function pickDemoPatient(baseUrl, cookie) {
  const { json: caseload } = await call(baseUrl, 'GET', '/api/patients', { cookie });
  if (!Array.isArray(caseload) || caseload.length === 0) throw new Error('The demo clinician has an empty caseload.');
  const sessionsOf = (item) => (item.course?.progress?.nextNumber ?? 1) - 1;
  const fullest = caseload.reduce((best, item) => (sessionsOf(item) > sessionsOf(best) ? item : best));
  return { patientId: fullest.patient.id, sessions: sessionsOf(fullest), caseloadSize: caseload.length };
}

/** Creates `count` new patients, each with a course starting COURSE_START; returns the course ids. */
export async function createCourses(baseUrl, cookie, count, concurrency = 8) {
  const ids = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const { json: patient } = await call(baseUrl, 'POST', '/api/patients', {
        cookie,
        body: { displayName: `Bench patient ${n + 1}`, yearOfBirth: 1980 },
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
      ids.push(course.course.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return ids;
}

/**
 * The autocannon requests array for session writes over `courseIds`.
 *
 * Each request takes the next slot of a shared counter and goes round-robin over the courses: request i records
 * session number floor(i / courses) + 1 in course i mod courses. So no (course, number) pair is used twice until
 * every course holds MAX_SESSION_NUMBER sessions, and the courses fill evenly, each staying the size of a real course
 * for as long as the pool was sized for (see writePoolSize).
 */
export function sessionWriteRequests(courseIds, cookie) {
  // One day apart, so that even session 200 is in the past: an attended session cannot be dated in the future.
  const dates = Array.from({ length: MAX_SESSION_NUMBER }, (_, i) => addDays(COURSE_START, i));
  let slot = 0;
  return [
    {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      setupRequest: (req) => {
        const i = slot++;
        const courseId = courseIds[i % courseIds.length];
        const number = Math.floor(i / courseIds.length) + 1;
        const body = {
          number,
          date: dates[Math.min(number, MAX_SESSION_NUMBER) - 1],
          attendance: 'attended',
          lengthMinutes: 50,
          note: 'Reviewed the interpersonal inventory; role transition work continues. Homework agreed.',
        };
        return { ...req, path: `/api/courses/${courseId}/sessions`, body: JSON.stringify(body) };
      },
    },
  ];
}

/** A real IPT course has 12 to 20 sessions; the write pool is sized so courses end up about this full. */
const SESSIONS_PER_COURSE = 20;

/** How many courses the measured write run needs, from the write rate seen in its warm-up (with a 25 % margin). */
export function writePoolSize(warmupRps, seconds) {
  return Math.max(10, Math.ceil((warmupRps * seconds * 1.25) / SESSIONS_PER_COURSE));
}

function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
