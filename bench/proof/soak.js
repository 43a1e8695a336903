/**
 * Soak (issue 11, part 6): `--clients` concurrent clients for `--seconds` on loopback against the real server
 * (`ipt serve`), each in a loop of mixed work on its own patient: the patient page, the caseload, and recording a
 * session. The clients share `--sessions` signed-in sessions spread over `--users` clinicians the demo admin added
 * (correct passwords only: the throttles of ADR 0017 count failures). Every answer but a 2xx is an error.
 *
 *   node bench/proof/soak.js [--clients 200] [--seconds 60] [--users 5] [--sessions 20] [--db sqlite,postgresql]
 *
 * Prints req/s, p50/p99 per kind and overall, errors; exits 1 on any error.
 */
import {
  addUsers,
  courseBody,
  flags,
  freshEnv,
  freshPostgres,
  ok,
  percentile,
  request,
  signIn,
  startCli,
} from './lib.js';

const opts = flags({ clients: 200, seconds: 60, users: 5, sessions: 20, db: 'sqlite,postgresql' });

async function soak(kind) {
  let pgDb = null;
  if (kind === 'postgresql') {
    pgDb = await freshPostgres();
    if (!pgDb) return null;
  }
  const { env, remove } = freshEnv(pgDb?.url);
  const server = await startCli(env);
  try {
    const url = server.url;
    const admin = server.logins.find((l) => l.role === 'admin');
    const adminCookie = await signIn(url, admin.email, admin.password);
    const users = await addUsers(url, adminCookie, 'clinician', opts.users, `soak-${kind}`);
    const cookies = [];
    for (let i = 0; i < opts.sessions; i++) {
      const u = users[i % users.length];
      cookies.push(await signIn(url, u.email, u.password));
    }
    // Each client: its own patient and course on the caseload of its session's user.
    const setup = async (i) => {
      const cookie = cookies[i % cookies.length];
      const p = (
        await ok(url, 'POST', '/api/patients', { cookie, body: { displayName: `Soak ${i}`, yearOfBirth: 1975 } })
      ).json;
      const c = (await ok(url, 'POST', `/api/patients/${p.id}/courses`, { cookie, body: courseBody })).json.course;
      return { cookie, patientId: p.id, courseId: c.id, next: 1 };
    };
    const clients = [];
    for (let i = 0; i < opts.clients; i += 20) {
      clients.push(
        ...(await Promise.all(Array.from({ length: Math.min(20, opts.clients - i) }, (_, k) => setup(i + k)))),
      );
    }
    const lat = { page: [], caseload: [], write: [] };
    const errors = [];
    let stop = false;
    const run = async (c) => {
      while (!stop) {
        const roll = Math.random();
        let kind;
        let r;
        const t = performance.now();
        if (roll < 0.5) {
          kind = 'page';
          r = await request(url, 'GET', `/api/patients/${c.patientId}`, { cookie: c.cookie });
        } else if (roll < 0.65) {
          kind = 'caseload';
          r = await request(url, 'GET', '/api/patients', { cookie: c.cookie });
        } else {
          kind = 'write';
          if (c.next > 200) {
            const fresh = await setup(clients.indexOf(c));
            Object.assign(c, fresh);
          }
          r = await request(url, 'POST', `/api/courses/${c.courseId}/sessions`, {
            cookie: c.cookie,
            body: { number: c.next++, date: '2026-01-05', attendance: 'attended', lengthMinutes: 50 },
          });
        }
        const ms = performance.now() - t;
        if (stop) break;
        lat[kind].push(ms);
        if (r.status < 200 || r.status > 299) errors.push(`${kind}: ${r.status} ${r.text?.slice(0, 200) ?? r.error}`);
      }
    };
    const t0 = performance.now();
    const loops = clients.map(run);
    await new Promise((r) => setTimeout(r, opts.seconds * 1000));
    stop = true;
    const elapsed = (performance.now() - t0) / 1000;
    await Promise.all(loops);
    const all = [...lat.page, ...lat.caseload, ...lat.write].sort((x, y) => x - y);
    const row = (name, xs) => {
      const s = [...xs].sort((x, y) => x - y);
      return `| ${kind} | ${name} | ${s.length} | ${(s.length / elapsed).toFixed(0)} | ${percentile(s, 50).toFixed(1)} | ${percentile(s, 99).toFixed(1)} | ${(s.at(-1) ?? Number.NaN).toFixed(1)} |`;
    };
    return {
      kind,
      rows: [
        row('patient page', lat.page),
        row('caseload', lat.caseload),
        row('session write', lat.write),
        row('all', all),
      ],
      errors,
      elapsed,
    };
  } finally {
    await server.stop();
    remove();
    await pgDb?.drop();
  }
}

const results = [];
for (const kind of opts.db.split(',')) {
  const r = await soak(kind.trim());
  if (r) results.push(r);
}
console.log(
  `\nSoak: ${opts.clients} clients × ${opts.seconds} s on loopback, ${opts.sessions} sessions over ${opts.users} clinicians`,
);
console.log('| database | requests | count | req/s | p50 ms | p99 ms | max ms |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) for (const line of r.rows) console.log(line);
let failed = results.length === 0;
for (const r of results) {
  console.log(`${r.kind}: ${r.errors.length} errors`);
  for (const e of r.errors.slice(0, 10)) console.log(`  ${e}`);
  if (r.errors.length) failed = true;
}
console.log(failed ? '\nFAILED' : '\nPASSED: 0 errors');
process.exit(failed ? 1 : 0);
