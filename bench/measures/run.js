/**
 * The measures benchmark: the two reads of measurement-based care that grow with the record, against the trivial
 * endpoint, on SQLite and (when it answers) PostgreSQL:
 *
 * - chart data: GET /api/courses/{id}/measures for a course of 16 sessions × 4 instruments (64 administrations),
 *   with annotations and phase moves;
 * - caseload: GET /api/patients for a clinician with 150 patients, each with an active course of 8 sessions, its
 *   questionnaires, and some open risk flags and overdue measures;
 *
 * - the end of that course: GET /api/courses/{id}/middle-phase and /ending (the progress review assembled from every
 *   record on each read), and the two PDFs rendered by the server (end-of-treatment summary, the patient's plan),
 *   once the course carries its IPT work (seed-work.js);
 *
 * each one client at a time (latency) and with BENCH_CONNECTIONS clients (throughput). The records are written
 * through the API first; seeding time is reported apart.
 *
 * It prints figures and asserts nothing. Progress goes to stderr, the report to stdout and bench/results/.
 * Settings (environment): BENCH_SECONDS (8), BENCH_WARMUP_SECONDS (1), BENCH_CONNECTIONS (10), BENCH_CASELOAD (150),
 * BENCH_CASELOAD_SESSIONS (8), BENCH_SEED_CONCURRENCY (8), DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_POSTGRES=0 to skip it, BENCH_CPU_PROF=1 to save a CPU profile of each server process under bench/results/,
 * BENCH_SCENARIOS (comma-separated keys: chart, caseload, middle, ending, summary-pdf, plan-pdf, health-under-pdf;
 * default all).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../api/load.js';
import { DEFAULT_DATABASE_URL, redact, withFreshPostgres } from '../api/postgres.js';
import { errorsCell, fmt, machineFacts, saveResults, positiveEnv } from '../api/report.js';
import { startServerProcess } from '../api/start-server.js';
import { seedCourseWork } from './seed-work.js';
import {
  CHART_INSTRUMENTS,
  CHART_SESSIONS,
  createCaseloadClinician,
  demoClinicianCookie,
  loadInstruments,
  seedCaseload,
  seedChartCourse,
} from './seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.resolve(here, '../results');

const log = (msg) => process.stderr.write(`[bench:measures] ${msg}\n`);

function readSettings(env = process.env) {
  const num = (name, fallback) => positiveEnv(env, name, fallback);
  return {
    seconds: num('BENCH_SECONDS', 8),
    warmupSeconds: num('BENCH_WARMUP_SECONDS', 1),
    connections: Math.round(num('BENCH_CONNECTIONS', 10)),
    caseload: Math.round(num('BENCH_CASELOAD', 150)),
    caseloadSessions: Math.min(16, Math.round(num('BENCH_CASELOAD_SESSIONS', 8))),
    seedConcurrency: Math.round(num('BENCH_SEED_CONCURRENCY', 8)),
    postgresUrl: env.BENCH_POSTGRES === '0' ? null : env.DATABASE_URL || DEFAULT_DATABASE_URL,
    scenarios: env.BENCH_SCENARIOS ? env.BENCH_SCENARIOS.split(',').map((x) => x.trim()) : null,
  };
}

/** Size of one answer, so the figures can be read against what each request carries. */
async function responseBytes(baseUrl, urlPath, cookie) {
  const res = await fetch(baseUrl + urlPath, { headers: { cookie } });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`GET ${urlPath} answered ${res.status}: ${body.toString('utf8', 0, 300)}`);
  const json = res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(body.toString()) : null;
  return { status: res.status, bytes: body.length, items: Array.isArray(json) ? json.length : undefined };
}

/** Seeds one server, then measures every scenario in both modes; returns the rows' data for the table and JSON. */
async function benchDatabase(label, databaseUrl, settings, tmpRoot) {
  const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'ipt-bench-data-'));
  log(`${label}: starting the server (demo clinic)`);
  const cpuProfileDir = process.env.BENCH_CPU_PROF === '1' ? RESULTS_DIR : undefined;
  const server = await startServerProcess(dataDir, databaseUrl, { cpuProfileDir });
  try {
    const url = server.url;
    const demoCookie = await demoClinicianCookie(url, server.demoLogins);
    const instruments = await loadInstruments(url, demoCookie);
    for (const id of CHART_INSTRUMENTS) if (!instruments.has(id)) throw new Error(`No instrument ${id} on the server.`);

    log(`${label}: seeding the charted course (${CHART_SESSIONS} sessions × ${CHART_INSTRUMENTS.length} instruments)`);
    let t0 = performance.now();
    const chart = await seedChartCourse(url, demoCookie, instruments);
    const chartSeedSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const work = await seedCourseWork(url, demoCookie, chart.courseId);
    const workSeedSeconds = (performance.now() - t0) / 1000;

    log(`${label}: seeding a caseload of ${settings.caseload} patients × ${settings.caseloadSessions} sessions`);
    t0 = performance.now();
    const caseloadCookie = await createCaseloadClinician(url, server.demoLogins);
    const caseload = await seedCaseload(url, caseloadCookie, instruments, {
      count: settings.caseload,
      sessions: settings.caseloadSessions,
      concurrency: settings.seedConcurrency,
    });
    const caseloadSeedSeconds = (performance.now() - t0) / 1000;
    const seeding = {
      chart: { ...chart, seconds: chartSeedSeconds },
      work: { ...work, seconds: workSeedSeconds },
      caseload: {
        ...caseload,
        seconds: caseloadSeedSeconds,
        writesPerSecond: caseload.requests / caseloadSeedSeconds,
        concurrency: settings.seedConcurrency,
      },
    };
    log(
      `${label}: seeded in ${chartSeedSeconds.toFixed(1)} s (chart) + ${caseloadSeedSeconds.toFixed(1)} s ` +
        `(caseload: ${caseload.requests} requests, ${seeding.caseload.writesPerSecond.toFixed(0)}/s)`,
    );

    const chartPath = `/api/courses/${chart.courseId}/measures`;
    const coursePath = `/api/courses/${chart.courseId}`;
    const paths = {
      chart: chartPath,
      caseload: '/api/patients',
      middle: `${coursePath}/middle-phase`,
      ending: `${coursePath}/ending`,
      summaryPdf: `${coursePath}/documents/treatment-summary.pdf`,
      planPdf: `${coursePath}/documents/patient-plan.pdf`,
    };
    const answers = {};
    for (const [key, p] of Object.entries(paths)) {
      answers[key] = await responseBytes(url, p, key === 'caseload' ? caseloadCookie : demoCookie);
    }
    const allScenarios = [
      { key: 'trivial', name: 'GET /api/health (trivial)', path: '/api/health' },
      {
        key: 'chart',
        name: `chart data: GET /api/courses/{id}/measures (${chart.sessions} sessions × ${chart.instruments.length} instruments)`,
        path: chartPath,
        cookie: demoCookie,
      },
      {
        key: 'caseload',
        name: `caseload: GET /api/patients (${caseload.patients} patients)`,
        path: '/api/patients',
        cookie: caseloadCookie,
      },
      {
        key: 'middle',
        name: 'middle phase: GET /api/courses/{id}/middle-phase',
        path: paths.middle,
        cookie: demoCookie,
      },
      {
        key: 'ending',
        name: 'ending with progress review: GET /api/courses/{id}/ending',
        path: paths.ending,
        cookie: demoCookie,
      },
      { key: 'summary-pdf', name: 'end-of-treatment summary PDF', path: paths.summaryPdf, cookie: demoCookie },
      { key: 'plan-pdf', name: "patient's plan PDF", path: paths.planPdf, cookie: demoCookie },
    ];
    const scenarios = allScenarios.filter(
      (s) => s.key === 'trivial' || !settings.scenarios || settings.scenarios.includes(s.key),
    );
    const modes = [
      { key: 'sequential', name: '1 client', connections: 1 },
      { key: 'concurrent', name: `${settings.connections} clients`, connections: settings.connections },
    ];
    const measured = [];
    for (const s of scenarios) {
      for (const m of modes) {
        log(`${label}: ${s.name}, ${m.name}`);
        const requests = [{ method: 'GET', path: s.path, ...(s.cookie && { headers: { cookie: s.cookie } }) }];
        const load = { url, requests, connections: m.connections };
        const warmup = await runLoad({ ...load, seconds: settings.warmupSeconds });
        const result = await runLoad({ ...load, seconds: settings.seconds });
        measured.push({ scenario: s.key, name: s.name, mode: m.key, modeName: m.name, warmup, result });
      }
    }
    if (!settings.scenarios || settings.scenarios.includes('health-under-pdf')) {
      // What a PDF costs everyone else: the trivial endpoint, one client, while BENCH_CONNECTIONS clients fetch the
      // summary PDF. Its ratio is against the trivial endpoint's own 1-client row of the same run.
      log(`${label}: GET /api/health while ${settings.connections} clients fetch the summary PDF`);
      const pdfLoad = {
        url,
        requests: [{ method: 'GET', path: paths.summaryPdf, headers: { cookie: demoCookie } }],
        connections: settings.connections,
      };
      const healthLoad = { url, requests: [{ method: 'GET', path: '/api/health' }], connections: 1 };
      const [, result] = await Promise.all([
        runLoad({ ...pdfLoad, seconds: settings.seconds + settings.warmupSeconds }),
        runLoad({ ...healthLoad, seconds: settings.warmupSeconds }).then(() =>
          runLoad({ ...healthLoad, seconds: settings.seconds }),
        ),
      ]);
      measured.push({
        scenario: 'trivial',
        name: `GET /api/health while ${settings.connections} clients fetch the summary PDF`,
        mode: 'sequential',
        modeName: '1 client',
        warmup: null,
        result,
      });
    }
    return { label, seeding, answers, measured };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.audit-key`, { force: true });
  }
}

/** The PostgreSQL half on a fresh database, dropped afterwards whatever happens; null when PostgreSQL is absent. */
function benchPostgres(settings, tmpRoot, notes) {
  return withFreshPostgres(settings.postgresUrl, notes, async (_pg, server, db) => {
    log(`PostgreSQL ${server.version}: database ${db.name}`);
    const run = await benchDatabase('PostgreSQL', db.url, settings, tmpRoot);
    return { ...run, version: server.version, durability: server.durability };
  });
}

const COLUMNS = ['database', 'scenario', 'mode', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'ratio to trivial'];

/** One row per scenario and mode; the ratio is req/s over GET /api/health req/s, same database and mode. */
function markdownTable(runs) {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map((_, i) => (i < 3 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const run of runs) {
    for (const m of run.measured) {
      const trivial = run.measured.find((x) => x.scenario === 'trivial' && x.mode === m.mode);
      const r = m.result;
      const ratio = trivial ? fmt(r.rps / trivial.result.rps, 3) : '';
      lines.push(
        `| ${[run.label, m.name, m.modeName, fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), errorsCell(r), ratio].join(' | ')} |`,
      );
    }
  }
  return lines.join('\n');
}

function seedingLines(run) {
  const { chart, caseload, work } = run.seeding;
  const size = (a) => `${fmt(a.bytes / 1024, 1)} KiB`;
  return [
    `- ${run.label} seeding: charted course ${chart.seconds.toFixed(1)} s (${chart.sessions} sessions, ` +
      `${chart.administrations} administrations, ${chart.annotations} annotations, ${chart.phaseTransitions} phase moves); ` +
      `caseload ${caseload.seconds.toFixed(1)} s (${caseload.patients} patients, ${caseload.sessions} sessions, ` +
      `${caseload.administrations} administrations, ${caseload.riskFlags} open risk flags: ${caseload.requests} writes, ` +
      `${caseload.writesPerSecond.toFixed(0)}/s, ${caseload.concurrency} patients at a time)`,
    `- ${run.label} course work: ${work.seconds.toFixed(1)} s (${work.works} finished sessions' work, ${work.analyses} ` +
      `communication analyses of 6 turns, ${work.rolePlays} role plays, ${work.decisions} decision analyses, ` +
      `${work.people} people, circles, contract, relapse plan)`,
    `- ${run.label} answer sizes: chart data ${size(run.answers.chart)}, caseload ${size(run.answers.caseload)}, ` +
      `middle phase ${size(run.answers.middle)}, ending ${size(run.answers.ending)}, summary PDF ` +
      `${size(run.answers.summaryPdf)}, plan PDF ${size(run.answers.planPdf)}`,
  ];
}

async function main() {
  const settings = readSettings();
  const tmpRoot = os.tmpdir();
  const facts = machineFacts(tmpRoot);
  const notes = [];
  const started = performance.now();

  const sqlite = await benchDatabase('SQLite', undefined, settings, tmpRoot);
  const postgres = await benchPostgres(settings, tmpRoot, notes);
  const runs = [sqlite, postgres].filter(Boolean);

  const databases = ['SQLite: better-sqlite3, journal_mode=WAL, synchronous=FULL'];
  if (postgres) databases.push(`PostgreSQL ${postgres.version}: ${postgres.durability}, server pool of 10 connections`);
  notes.unshift(
    '"ratio to trivial": req/s over GET /api/health req/s on the same database in the same mode (1 client or ' +
      `${settings.connections}); below 1 means the request costs that much more than any API request's fixed cost.`,
    'p50/p99 are of every answer as the client saw it; "1 client" is latency (one request at a time), ' +
      `"${settings.connections} clients" is throughput.`,
  );
  const markdown = [
    '# IPT Workbench measures benchmark',
    '',
    `- ${facts.date}, commit ${facts.commit}`,
    `- ${facts.cores} cores (${facts.cpu}), ${facts.memoryGiB} GiB, ${facts.platform}, Node ${facts.node}`,
    `- temp files: ${facts.tmpDir}; 1-minute load average before the run ${facts.loadAverage.toFixed(2)}`,
    `- load: autocannon on loopback, ${settings.seconds} s per scenario and mode after a ${settings.warmupSeconds} s ` +
      'warm-up; server in its own process',
    ...databases.map((d) => `- ${d}`),
    ...runs.flatMap(seedingLines),
    '',
    markdownTable(runs),
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
  process.stdout.write(`${markdown}\n`);

  const { md, json } = saveResults(
    RESULTS_DIR,
    markdown,
    {
      facts,
      settings: { ...settings, postgresUrl: settings.postgresUrl && redact(settings.postgresUrl) },
      runs,
      notes,
      totalSeconds: (performance.now() - started) / 1000,
    },
    'measures',
  );
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  log(`saved ${path.relative(process.cwd(), md)} and ${path.relative(process.cwd(), json)}`);
}

try {
  await main();
} catch (err) {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
