/**
 * The statement budget of the two hot paths (issue 16, ADR 0021), counted on the server's own database connection
 * while one request is in flight: the patient page and the session write each run a fixed, small number of
 * statements, however many sessions the course holds. A change that adds a query per session, or a statement per
 * request, fails here long before anyone runs `npm run bench`. bench/api/queries.js prints the same statements with
 * their times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, type SignedIn, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();

/**
 * Patient page: the session, the patient (with the reach check), the courses, then sessions, phase moves, care team
 * and open risk flags at once; the audit event's group: begin, chain head, insert, head update, commit.
 */
const PATIENT_READ_BUDGET = 12;
/**
 * Session write: the session; in the group: begin, savepoint, reach, course, sessions, insert, release, chain head,
 * audit insert, head update, commit.
 */
const SESSION_WRITE_BUDGET = 12;

describe.each(targets)('the hot paths on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  let statements: string[] | null = null;

  beforeAll(async () => {
    server = await startTestServer(target, { onQuery: (q) => statements?.push(q.sql) });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  /** The statements the database ran while `request` was in flight (nothing else runs meanwhile). */
  const during = async (request: () => Promise<unknown>) => {
    statements = [];
    await request();
    const ran = statements;
    statements = null;
    return ran;
  };

  it('reads the patient page in a fixed number of statements, however many sessions the course has', async () => {
    const patientId = world.own.patientId;
    const read = () => clinician.api.getPatient({ params: { patientId } });
    await read(); // warm: the session's last-seen time is touched at most once a minute
    const few = await during(read);
    for (let n = 2; n <= 9; n++) {
      await clinician.api.createSession({
        params: { courseId: world.own.courseId },
        body: { number: n, date: `2026-0${Math.ceil(n / 4) + 1}-0${(n % 4) + 1}`, attendance: 'attended' },
      });
    }
    const detail = await read();
    expect(detail.courses[0]?.sessions.length).toBeGreaterThanOrEqual(9);
    const many = await during(read);
    expect(few.length).toBeLessThanOrEqual(PATIENT_READ_BUDGET);
    expect(many.length).toBe(few.length);
    expect(many.filter((s) => /^select/i.test(s))).toHaveLength(8);
    expect(many.filter((s) => /^commit/i.test(s))).toHaveLength(1);
  });

  it('writes a session with its audit event in one transaction of a fixed number of statements', async () => {
    const ran = await during(() =>
      clinician.api.createSession({
        params: { courseId: world.own.courseId },
        body: { number: 12, date: '2026-04-20', attendance: 'no-show' },
      }),
    );
    expect(ran.length).toBeLessThanOrEqual(SESSION_WRITE_BUDGET);
    expect(ran.filter((s) => /^(begin|commit)/i.test(s))).toEqual(['begin', 'commit']);
    expect(ran.filter((s) => /insert into "sessions"/.test(s))).toHaveLength(1);
    expect(ran.filter((s) => /insert into "audit_events"/.test(s))).toHaveLength(1);
  });
});
