/**
 * The API benchmark: what the server does per second, and at what latency, for a trivial request, the patient-page
 * read and the session write, on SQLite and (when it answers) PostgreSQL, next to what the disk allows.
 *
 * It prints figures and asserts nothing. Progress goes to stderr, the report to stdout and bench/results/.
 * Settings (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (10),
 * BENCH_RAW_SECONDS (3), DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_POSTGRES=0 to skip it,
 * BENCH_CPU_PROF=1 to save a CPU profile of the server process under bench/results/, BENCH_SCENARIOS to run a
 * subset (floor, read, write; the trivial endpoint always runs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawPostgresCommits, rawSqliteCommits } from './baselines.js';
import { createCourses, loginAsClinician, pickDemoPatient, sessionWriteRequests, writePoolSize } from './fixtures.js';
import { runLoad } from './load.js';
import { DEFAULT_DATABASE_URL, redact, withFreshPostgres } from './postgres.js';
import { headerLines, machineFacts, markdownTable, saveResults, positiveEnv } from './report.js';
import { startServerProcess } from './start-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.resolve(here, '../results');
/** Courses for the write warm-up: 60 × 200 numbers covers 6,000 writes/s for 2 s before any number repeats. */
const WARMUP_COURSES = 60;

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

function readSettings(env = process.env) {
  const num = (name, fallback) => positiveEnv(env, name, fallback);
  return {
    seconds: num('BENCH_SECONDS', 10),
    warmupSeconds: num('BENCH_WARMUP_SECONDS', 2),
    connections: Math.round(num('BENCH_CONNECTIONS', 10)),
    rawSeconds: num('BENCH_RAW_SECONDS', 3),
    postgresUrl: env.BENCH_POSTGRES === '0' ? null : env.DATABASE_URL || DEFAULT_DATABASE_URL,
    scenarios: scenariosOf(env.BENCH_SCENARIOS),
  };
}

const SCENARIOS = ['floor', 'read', 'write'];

/** BENCH_SCENARIOS: a comma-separated subset of floor, read, write (the trivial endpoint always runs: the ratios need it). */
function scenariosOf(value) {
  if (!value) return new Set(SCENARIOS);
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'trivial');
  const unknown = names.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length > 0)
    throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: trivial, ${SCENARIOS.join(', ')})`);
  return new Set(names);
}

/** A warm-up run (discarded: JIT, caches, pools and the page cache settle), then the measured run. */
async function measure(url, requests, settings) {
  const { connections, seconds, warmupSeconds } = settings;
  const warmup = await runLoad({ url, requests, connections, seconds: warmupSeconds });
  return { warmup, result: await runLoad({ url, requests, connections, seconds }) };
}

/** The session write: a warm-up on its own courses, then a measured run on a pool sized from the warm-up's rate. */
async function measureWrites(url, cookie, settings) {
  const { connections, seconds, warmupSeconds } = settings;
  const warmupCourses = await createCourses(url, cookie, WARMUP_COURSES);
  const warmup = await runLoad({
    url,
    requests: sessionWriteRequests(warmupCourses, cookie),
    connections,
    seconds: warmupSeconds,
  });
  const poolSize = writePoolSize((warmup.completed - warmup.non2xx) / warmup.seconds, seconds);
  log(`  creating ${poolSize} courses for the session writes`);
  const courses = await createCourses(url, cookie, poolSize);
  const result = await runLoad({ url, requests: sessionWriteRequests(courses, cookie), connections, seconds });
  return { warmup, result, courses: poolSize };
}

/** Every scenario against one database; returns its table rows and the details for the JSON. */
async function benchDatabase(label, databaseUrl, settings, tmpRoot) {
  const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'ipt-bench-data-'));
  log(`${label}: starting the server (demo clinic)`);
  // BENCH_CPU_PROF=1: a V8 CPU profile of the server over all scenarios, to see where a request's time goes.
  const cpuProfileDir = process.env.BENCH_CPU_PROF === '1' ? RESULTS_DIR : undefined;
  const server = await startServerProcess(dataDir, databaseUrl, { cpuProfileDir });
  try {
    const cookie = await loginAsClinician(server.url, server.demoLogins);
    const patient = await pickDemoPatient(server.url, cookie);
    const scenario = async (name, run, key) => {
      if (key && !settings.scenarios.has(key)) return undefined;
      log(`${label}: ${name}`);
      return { name, ...(await run()) };
    };
    const get = (p, headers) => [{ method: 'GET', path: p, ...(headers && { headers }) }];
    const floor = await scenario(
      'GET /api/nope (404 floor, no database)',
      () => measure(server.url, get('/api/nope'), settings),
      'floor',
    );
    const trivial = await scenario('GET /api/health (trivial)', () =>
      measure(server.url, get('/api/health'), settings),
    );
    const read = await scenario(
      `GET /api/patients/{id} (patient page, ${patient.sessions} sessions)`,
      () => measure(server.url, get(`/api/patients/${patient.patientId}`, { cookie }), settings),
      'read',
    );
    const write = await scenario(
      'POST /api/courses/{id}/sessions (session write)',
      () => measureWrites(server.url, cookie, settings),
      'write',
    );
    return { label, patient, scenarios: { floor, trivial, read, write } };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.audit-key`, { force: true });
  }
}

function tableRows(run, rawSqliteRps) {
  const { label, scenarios } = run;
  const trivialRps = scenarios.trivial.result.rps;
  const row = (s, extra) => s && { database: label, scenario: s.name, result: s.result, trivialRps, ...extra };
  return [
    row(scenarios.floor),
    row(scenarios.trivial),
    row(scenarios.read),
    row(scenarios.write, { rawCommitRps: rawSqliteRps }),
  ].filter(Boolean);
}

/** Runs the PostgreSQL half on a fresh database, dropped afterwards whatever happens; null when PG is absent. */
function benchPostgres(settings, tmpRoot, notes) {
  return withFreshPostgres(settings.postgresUrl, notes, async (pg, server, db) => {
    log(`PostgreSQL ${server.version}: raw durable commits for ${settings.rawSeconds} s (database ${db.name})`);
    const raw = await rawPostgresCommits(pg, db.url, settings.rawSeconds);
    const run = await benchDatabase('PostgreSQL', db.url, settings, tmpRoot);
    return { ...run, raw, version: server.version, durability: server.durability };
  });
}

async function main() {
  const settings = readSettings();
  const tmpRoot = os.tmpdir();
  const facts = machineFacts(tmpRoot);
  const notes = [];

  log(`SQLite: raw durable commits for ${settings.rawSeconds} s`);
  const rawSqlite = rawSqliteCommits(settings.rawSeconds, tmpRoot);
  const sqlite = await benchDatabase('SQLite', undefined, settings, tmpRoot);
  const postgres = await benchPostgres(settings, tmpRoot, notes);

  const rawRow = (database, result) => ({
    database,
    scenario: 'raw durable commit (no server, 1 writer, 1 INSERT per transaction)',
    result,
    rawCommitRps: rawSqlite.rps,
  });
  const rows = [rawRow('SQLite', rawSqlite), ...tableRows(sqlite, rawSqlite.rps)];
  if (postgres) rows.push(rawRow('PostgreSQL', postgres.raw), ...tableRows(postgres, rawSqlite.rps));

  const databases = [`SQLite: better-sqlite3, journal_mode=WAL, synchronous=FULL`];
  if (postgres) databases.push(`PostgreSQL ${postgres.version}: ${postgres.durability}, server pool of 10 connections`);
  notes.unshift(
    '"ratio to trivial": req/s over GET /api/health req/s on the same database. "ratio to raw durable commit": ' +
      'req/s over the raw SQLite commits/s above (the first row), the fsync-bound limit of one writer on this disk.',
    'GET /api/nope answers 404 by design: all of its requests count as non-2xx.',
  );
  if (postgres?.scenarios.write) {
    const pgWrite = postgres.scenarios.write.result.rps;
    notes.push(
      `PostgreSQL session write over PostgreSQL raw commits (1 connection): ${(pgWrite / postgres.raw.rps).toFixed(3)} ` +
        '(above 1 is possible: concurrent transactions share a WAL flush).',
    );
  }
  const markdown = [
    ...headerLines(facts, { ...settings, databases }),
    '',
    markdownTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
  process.stdout.write(`${markdown}\n`);

  const { md, json } = saveResults(RESULTS_DIR, markdown, {
    facts,
    settings: { ...settings, postgresUrl: settings.postgresUrl && redact(settings.postgresUrl) },
    rawSqlite,
    runs: [sqlite, postgres].filter(Boolean),
    notes,
  });
  log(`saved ${path.relative(process.cwd(), md)} and ${path.relative(process.cwd(), json)}`);
}

try {
  await main();
} catch (err) {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
