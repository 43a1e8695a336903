/**
 * Crash test (issue 11, part 6; research T-11): the real server (`ipt serve`), 8 concurrent writers logging every
 * acknowledged (2xx) write, `kill -9` at a random moment, restart, then: every acknowledged write is present, the
 * database is sound (SQLite `PRAGMA integrity_check`; PostgreSQL amcheck on every B-tree index when available, and
 * a read of every table), and `ipt audit verify` exits 0 with the server's audit key and checkpoint file.
 *
 *   node bench/proof/crash.js [--rounds 50] [--writers 8] [--min-ms 300] [--max-ms 3000] [--db sqlite,postgresql]
 *
 * Exits 1 when a write is lost, a check fails, or a writer saw a 5xx while the server was alive.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import {
  addDays,
  auditVerify,
  courseBody,
  flags,
  freshEnv,
  freshPostgres,
  ok,
  request,
  signIn,
  sleep,
  startCli,
} from './lib.js';

const opts = flags({ rounds: 50, writers: 8, minMs: 300, maxMs: 3000, db: 'sqlite,postgresql' });

/** Every acknowledged write, by table: id → the round it was acknowledged in. */
function newLedger() {
  return { patients: new Map(), courses: new Map(), sessions: new Map(), administrations: new Map() };
}

/**
 * One writer: signs in, then until the server dies: a patient, a course, and sessions each with a PHQ-9 given in
 * it. Every 2xx is logged before anything else happens. Answers that are neither 2xx nor a dead connection are
 * counted (a 5xx is a failure of the run).
 */
async function writer(url, login, ledger, round, stats, alive) {
  let cookie;
  try {
    cookie = await signIn(url, login.email, login.password);
  } catch {
    return; // the server died before this writer got in
  } finally {
    stats.signedIn++;
  }
  const note = (r, what) => {
    if (r.status === 0) return false;
    if (r.status >= 500) stats.fiveHundreds.push(`${what} → ${r.status} ${r.text?.slice(0, 200)}`);
    else if (r.status >= 300) stats.unexpected.push(`${what} → ${r.status} ${r.text?.slice(0, 200)}`);
    return r.status >= 200 && r.status < 300;
  };
  while (alive()) {
    const p = await request(url, 'POST', '/api/patients', {
      cookie,
      body: { displayName: `Crash r${round}`, yearOfBirth: 1970 + (round % 40) },
    });
    if (!note(p, 'POST /api/patients')) return;
    ledger.patients.set(p.json.id, round);
    stats.acked++;
    const c = await request(url, 'POST', `/api/patients/${p.json.id}/courses`, { cookie, body: courseBody });
    if (!note(c, 'POST courses')) return;
    const courseId = c.json.course.id;
    ledger.courses.set(courseId, round);
    stats.acked++;
    for (let n = 1; n <= 4 && alive(); n++) {
      const s = await request(url, 'POST', `/api/courses/${courseId}/sessions`, {
        cookie,
        body: {
          number: n,
          date: addDays(courseBody.startDate, 7 * (n - 1)),
          attendance: 'attended',
          lengthMinutes: 50,
        },
      });
      if (!note(s, 'POST sessions')) return;
      ledger.sessions.set(s.json.id, round);
      stats.acked++;
      const a = await request(url, 'POST', `/api/courses/${courseId}/administrations`, {
        cookie,
        body: {
          instrumentId: 'phq-9',
          instrumentVersion: stats.phqVersion,
          answers: [1, 2, 1, 0, 3, 1, 2, 0, n % 2],
          sessionId: s.json.id,
        },
      });
      if (!note(a, 'POST administrations')) return;
      ledger.administrations.set(a.json.id, round);
      stats.acked++;
    }
  }
}

/** Which acknowledged ids the database does not hold, by table. */
async function missing(query, ledger) {
  const lost = [];
  for (const [table, ids] of Object.entries(ledger)) {
    const all = [...ids.keys()];
    const present = new Set();
    for (let i = 0; i < all.length; i += 500) {
      for (const id of await query(table, all.slice(i, i + 500))) present.add(id);
    }
    for (const id of all) if (!present.has(id)) lost.push(`${table} ${id} (acknowledged in round ${ids.get(id)})`);
  }
  return lost;
}

async function sqliteChecks(dataDir) {
  const file = path.join(dataDir, 'ipt.sqlite');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    integrity: () =>
      db
        .pragma('integrity_check')
        .map((r) => r.integrity_check)
        .join('; '),
    query: async (table, ids) =>
      db
        .prepare(`select id from ${table} where id in (${ids.map(() => '?').join(',')})`)
        .all(...ids)
        .map((r) => r.id),
    close: () => db.close(),
  };
}

async function postgresChecks(pg, url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let amcheck = true;
  try {
    await client.query('create extension if not exists amcheck');
  } catch {
    amcheck = false;
  }
  return {
    integrity: async () => {
      const problems = [];
      const tables = await client.query(
        "select tablename from pg_tables where schemaname = 'public' order by tablename",
      );
      for (const { tablename } of tables.rows) {
        // A full read of every table: a torn page or a broken TOAST pointer fails here.
        await client.query(`select count(*), sum(length(t::text)) from "${tablename}" t`);
      }
      if (amcheck) {
        const idx = await client.query(
          `select c.oid::regclass::text as name from pg_index i join pg_class c on c.oid = i.indexrelid
             join pg_am a on a.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
            where a.amname = 'btree' and n.nspname = 'public'`,
        );
        for (const { name } of idx.rows) {
          try {
            await client.query('select bt_index_check($1::regclass, true)', [name]);
          } catch (err) {
            problems.push(`${name}: ${err.message}`);
          }
        }
      }
      return problems.length === 0
        ? amcheck
          ? 'ok (amcheck)'
          : 'ok (tables read; amcheck unavailable)'
        : problems.join('; ');
    },
    query: async (table, ids) =>
      (await client.query(`select id from ${table} where id = any($1)`, [ids])).rows.map((r) => r.id),
    close: () => client.end(),
  };
}

async function crashRun(kind) {
  let pgDb = null;
  if (kind === 'postgresql') {
    pgDb = await freshPostgres();
    if (!pgDb) return null;
    console.log(`PostgreSQL: ${pgDb.durability}`);
  }
  // Checkpoints every 25 events, so kills land between, during and after checkpoint writes.
  const { env, dataDir, remove } = freshEnv(pgDb?.url, { IPT_AUDIT_CHECKPOINT_EVENTS: '25' });
  const ledger = newLedger();
  const result = { kind, rounds: 0, acked: 0, lost: [], integrity: [], verify: [], fiveHundreds: [], unexpected: [] };
  let server = await startCli(env);
  try {
    const clinician = server.logins.find((l) => l.role === 'clinician');
    const boot = await signIn(server.url, clinician.email, clinician.password);
    const instruments = (await ok(server.url, 'GET', '/api/instruments', { cookie: boot })).json;
    const phqVersion = instruments.find((i) => i.id === 'phq-9').version;
    for (let round = 1; round <= opts.rounds; round++) {
      const stats = { acked: 0, signedIn: 0, phqVersion, fiveHundreds: [], unexpected: [] };
      let dead = false;
      const alive = () => !dead;
      const writers = Array.from({ length: opts.writers }, () =>
        writer(server.url, clinician, ledger, round, stats, alive),
      );
      // The random moment is counted from when every writer is signed in (argon2 takes a while), so that every
      // round kills the server in the middle of writes.
      const t0 = Date.now();
      while (stats.signedIn < opts.writers && Date.now() - t0 < 20_000) await sleep(10);
      const after = opts.minMs + Math.random() * (opts.maxMs - opts.minMs);
      await sleep(after);
      dead = true;
      await server.kill('SIGKILL');
      await Promise.all(writers);
      server = await startCli(env);
      const checks = kind === 'sqlite' ? await sqliteChecks(dataDir) : await postgresChecks(pgDb.pg, pgDb.url);
      let lost;
      let integrity;
      try {
        lost = await missing(checks.query, ledger);
        integrity = await checks.integrity();
      } finally {
        await checks.close();
      }
      const verify = await auditVerify(env);
      result.rounds = round;
      result.acked += stats.acked;
      result.lost.push(...lost);
      result.fiveHundreds.push(...stats.fiveHundreds);
      result.unexpected.push(...stats.unexpected);
      if (integrity !== 'ok' && !integrity.startsWith('ok (')) result.integrity.push(`round ${round}: ${integrity}`);
      if (!verify.ok) result.verify.push(`round ${round}: exit ${verify.code}: ${verify.text}`);
      process.stderr.write(
        `${kind} round ${round}/${opts.rounds}: killed after ${Math.round(after)} ms, ${stats.acked} acknowledged, ` +
          `lost ${lost.length}, integrity ${integrity}, verify ${verify.ok ? 'ok' : `FAILED (${verify.code})`}\n`,
      );
      result.integrityKind = integrity;
      result.lastVerify = verify.text.split('\n')[0];
    }
  } finally {
    await server.stop();
    remove();
    await pgDb?.drop();
  }
  return result;
}

const started = Date.now();
const results = [];
for (const kind of opts.db.split(',')) {
  const r = await crashRun(kind.trim());
  if (r) results.push(r);
}

let failed = false;
console.log(
  `\nCrash test: ${opts.writers} writers, kill -9 after ${opts.minMs}–${opts.maxMs} ms, ${(Date.now() - started) / 1000} s`,
);
console.log(
  '| database | rounds | acknowledged writes | lost | integrity failures | audit verify failures | 5xx | other non-2xx |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  console.log(
    `| ${r.kind} | ${r.rounds} | ${r.acked} | ${r.lost.length} | ${r.integrity.length} | ${r.verify.length} | ${r.fiveHundreds.length} | ${r.unexpected.length} |`,
  );
  for (const line of [...r.lost, ...r.integrity, ...r.verify, ...r.fiveHundreds, ...r.unexpected].slice(0, 20)) {
    console.log(`  ${r.kind}: ${line}`);
  }
  console.log(`  ${r.kind}: last integrity check: ${r.integrityKind}; last verify: ${r.lastVerify}`);
  if (r.lost.length || r.integrity.length || r.verify.length || r.fiveHundreds.length) failed = true;
}
if (results.length === 0) failed = true;
console.log(failed ? '\nFAILED' : '\nPASSED: 0 acknowledged writes lost');
process.exit(failed ? 1 : 0);
