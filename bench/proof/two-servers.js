/**
 * Two server processes on one PostgreSQL database (issue 11, part 6): two `ipt serve` processes, each with its own
 * data folder and checkpoint file, sharing the database and the audit key (ADR 0016). Checks:
 * - a session signed in on A is valid on B, and signing out on B ends it on A;
 * - a write on A is visible on B at once;
 * - If-Match conflicts are detected across them: a stale version sent to B after A's change gets 409 (stale-version),
 *   and two
 *   simultaneous changes of one version, one to each, give exactly one 200 and one 409;
 * - both append to the audit chain under load (`--writes N` sessions through each, concurrently), and
 *   `ipt audit verify` exits 0 with A's checkpoint file and with B's.
 *
 *   node bench/proof/two-servers.js [--writes 200] [--races 20]
 */
import { auditVerify, courseBody, flags, freshEnv, freshPostgres, ok, request, signIn, startCli } from './lib.js';

const opts = flags({ writes: 200, races: 20 });
const failures = [];
const check = (cond, what) => {
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
  if (!cond) failures.push(what);
};

const pgDb = await freshPostgres();
if (!pgDb) process.exit(1);
const a = freshEnv(pgDb.url);
// The same database and the same audit key; B's own data folder, so its own checkpoint file.
const b = freshEnv(pgDb.url, { IPT_AUDIT_KEY: a.env.IPT_AUDIT_KEY });
let serverA;
let serverB;
try {
  serverA = await startCli(a.env, { demo: true });
  serverB = await startCli(b.env, { demo: false });
  const A = serverA.url;
  const B = serverB.url;
  const clinician = serverA.logins.find((l) => l.role === 'clinician');

  // Sessions valid on both.
  const cookie = await signIn(A, clinician.email, clinician.password);
  const meB = await request(B, 'GET', '/api/auth/me', { cookie });
  check(
    meB.status === 200 && meB.json?.email === clinician.email,
    `session signed in on A is valid on B (${meB.status})`,
  );
  const other = await signIn(B, clinician.email, clinician.password);
  check(
    (await request(A, 'GET', '/api/auth/me', { cookie: other })).status === 200,
    'session signed in on B valid on A',
  );
  await ok(B, 'POST', '/api/auth/logout', { cookie: other });
  const afterLogout = await request(A, 'GET', '/api/auth/me', { cookie: other });
  check(afterLogout.status === 401, `signed out on B, the session is refused on A (${afterLogout.status})`);

  // Writes on A visible on B.
  const patient = (
    await ok(A, 'POST', '/api/patients', { cookie, body: { displayName: 'Two servers', yearOfBirth: 1980 } })
  ).json;
  const onB = await request(B, 'GET', `/api/patients/${patient.id}`, { cookie });
  check(onB.status === 200 && onB.json?.patient?.id === patient.id, `patient written on A read on B (${onB.status})`);
  const course = (await ok(B, 'POST', `/api/patients/${patient.id}/courses`, { cookie, body: courseBody })).json.course;
  const courseOnA = await request(A, 'GET', `/api/courses/${course.id}`, { cookie });
  check(courseOnA.status === 200, `course written on B read on A (${courseOnA.status})`);

  // If-Match across the two: a stale version sent to B after A's change.
  const v = patient.version;
  const first = await request(A, 'PATCH', `/api/patients/${patient.id}`, {
    cookie,
    body: { displayName: 'Changed on A' },
    headers: { 'if-match': `"${v}"` },
  });
  const stale = await request(B, 'PATCH', `/api/patients/${patient.id}`, {
    cookie,
    body: { displayName: 'Stale on B' },
    headers: { 'if-match': `"${v}"` },
  });
  check(
    first.status === 200 && stale.status === 409,
    `stale If-Match on B after A's change: A ${first.status}, B ${stale.status}`,
  );

  // Races: the same version to both at once, exactly one wins.
  let version = first.json.version;
  let oneWinner = 0;
  for (let i = 0; i < opts.races; i++) {
    const send = (url, name) =>
      request(url, 'PATCH', `/api/patients/${patient.id}`, {
        cookie,
        body: { displayName: `${name} ${i}` },
        headers: { 'if-match': `"${version}"` },
      });
    const [ra, rb] = await Promise.all([send(A, 'A'), send(B, 'B')]);
    const statuses = [ra.status, rb.status].sort();
    if (statuses[0] === 200 && statuses[1] === 409) oneWinner++;
    else console.log(`  race ${i}: A ${ra.status} ${ra.text?.slice(0, 120)}, B ${rb.status} ${rb.text?.slice(0, 120)}`);
    version = (ra.status === 200 ? ra : rb).json?.version ?? version;
  }
  check(
    oneWinner === opts.races,
    `simultaneous If-Match changes on A and B: exactly one 200 and one 409 in ${oneWinner}/${opts.races}`,
  );
  const final = await request(B, 'GET', `/api/patients/${patient.id}`, { cookie });
  check(
    final.json?.patient?.version === version,
    `final version ${final.json?.patient?.version} is the last winner's ${version}`,
  );

  // Both append to the audit chain at once.
  const courses = [];
  for (let i = 0; i < 8; i++) {
    const p = (await ok(A, 'POST', '/api/patients', { cookie, body: { displayName: `Load ${i}`, yearOfBirth: 1990 } }))
      .json;
    courses.push((await ok(B, 'POST', `/api/patients/${p.id}/courses`, { cookie, body: courseBody })).json.course.id);
  }
  let next = 0;
  let writeErrors = 0;
  const t0 = Date.now();
  const worker = async (url) => {
    while (next < 2 * opts.writes) {
      const n = next++;
      const courseId = courses[n % courses.length];
      const number = Math.floor(n / courses.length) + 1;
      const r = await request(url, 'POST', `/api/courses/${courseId}/sessions`, {
        cookie,
        body: { number, date: '2026-01-05', attendance: 'attended' },
      });
      if (r.status !== 201) {
        writeErrors++;
        if (writeErrors < 5) console.log(`  write ${n}: ${r.status} ${r.text?.slice(0, 200)}`);
      }
      // Reads on the other server, each an audit event too.
      const read = await request(url === A ? B : A, 'GET', `/api/courses/${courseId}`, { cookie });
      if (read.status !== 200) writeErrors++;
    }
  };
  await Promise.all([...Array(8)].flatMap(() => [worker(A), worker(B)]));
  const seconds = (Date.now() - t0) / 1000;
  check(
    writeErrors === 0,
    `${2 * opts.writes} session writes and as many reads spread over A and B in ${seconds} s: ${writeErrors} errors`,
  );
  await serverA.stop();
  await serverB.stop();
  const verifyA = await auditVerify(a.env);
  const verifyB = await auditVerify(b.env);
  check(
    verifyA.ok,
    `ipt audit verify with A's checkpoints: exit ${verifyA.code}: ${verifyA.text.split('\n').slice(0, 3).join(' / ')}`,
  );
  check(
    verifyB.ok,
    `ipt audit verify with B's checkpoints: exit ${verifyB.code}: ${verifyB.text.split('\n').slice(0, 3).join(' / ')}`,
  );
} finally {
  await serverA?.stop();
  await serverB?.stop();
  a.remove();
  b.remove();
  await pgDb.drop();
}
console.log(failures.length === 0 ? '\nPASSED' : `\nFAILED: ${failures.length} check(s)`);
process.exit(failures.length === 0 ? 0 : 1);
