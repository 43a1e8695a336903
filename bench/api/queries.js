/**
 * What one request costs the database: every statement the patient-page read and the session write run, with its
 * time, on SQLite and (when it answers) PostgreSQL. It prints figures and asserts nothing (the statement budget is held
 * by packages/server/src/it/hot-paths.int.test.ts).
 *
 * The server runs in this process with the demo clinic (statements are observed through the server's `onQuery`
 * option); requests go over HTTP one at a time, so each statement belongs to the request in flight. The first
 * request of each kind warms the caches and is not shown.
 *
 *   npm run -s build && node bench/api/queries.js        # BENCH_POSTGRES=0: SQLite only
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '@ipt/server';
import { createCourses, loginAsClinician, pickDemoPatient } from './fixtures.js';
import { DEFAULT_DATABASE_URL, withFreshPostgres } from './postgres.js';

const REPEATS = 20;

/** Statements of one request, each reduced to its first words (the table it touches) and time. */
function summarise(label, statements, requests) {
  const rows = new Map();
  for (const s of statements) {
    const key = s.sql.replace(/\s+/g, ' ').slice(0, 110);
    const row = rows.get(key) ?? { n: 0, ms: 0 };
    row.n++;
    row.ms += s.ms;
    rows.set(key, row);
  }
  const total = statements.reduce((t, s) => t + s.ms, 0);
  const lines = [
    `### ${label}: ${(statements.length / requests).toFixed(1)} statements per request, ` +
      `${(total / requests).toFixed(3)} ms in the database per request`,
    '',
    '| per request | ms per request | statement |',
    '| ---: | ---: | --- |',
  ];
  for (const [sql, r] of [...rows].sort((a, b) => b[1].ms - a[1].ms)) {
    lines.push(
      `| ${(r.n / requests).toFixed(1)} | ${(r.ms / requests).toFixed(3)} | \`${sql.replace(/\|/g, '\\|')}\` |`,
    );
  }
  return lines.join('\n');
}

async function measureDatabase(label, databaseUrl) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-bench-queries-'));
  let current = null;
  const env = { IPT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const server = await startServer({ env, demo: true, onQuery: (q) => current?.push(q) });
  try {
    const cookie = await loginAsClinician(server.url, server.demoLogins);
    const patient = await pickDemoPatient(server.url, cookie);
    const observe = async (request) => {
      await request(-1); // warm: caches, the session's last-seen touch
      current = [];
      let bytes = 0;
      for (let i = 0; i < REPEATS; i++) bytes += await request(i);
      const statements = current;
      current = null;
      return { statements, bytes: bytes / REPEATS };
    };
    const read = await observe(async () => {
      const res = await fetch(`${server.url}/api/patients/${patient.patientId}`, { headers: { cookie } });
      const text = await res.text();
      if (!res.ok) throw new Error(`patient read answered ${res.status}`);
      return Buffer.byteLength(text);
    });
    const [courseId] = await createCourses(server.url, cookie, 1);
    const write = await observe(async (i) => {
      const res = await fetch(`${server.url}/api/courses/${courseId}/sessions`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          number: i + 2,
          date: '2026-01-05',
          attendance: 'attended',
          lengthMinutes: 50,
          note: 'Reviewed the interpersonal inventory; role transition work continues. Homework agreed.',
        }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`session write answered ${res.status}: ${text.slice(0, 200)}`);
      return Buffer.byteLength(text);
    });
    return [
      `## ${label}`,
      '',
      `Patient page (${patient.sessions} sessions): answer ${Math.round(read.bytes).toLocaleString('en')} bytes.`,
      '',
      summarise('GET /api/patients/{id}', read.statements, REPEATS),
      '',
      `Session write: answer ${Math.round(write.bytes).toLocaleString('en')} bytes.`,
      '',
      summarise('POST /api/courses/{id}/sessions', write.statements, REPEATS),
    ].join('\n');
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.audit-key`, { force: true });
  }
}

const parts = [await measureDatabase('SQLite', undefined)];
if (process.env.BENCH_POSTGRES !== '0') {
  const pg = await withFreshPostgres(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, [], (_pg, _server, db) =>
    measureDatabase('PostgreSQL', db.url),
  );
  if (pg) parts.push(pg);
}
process.stdout.write(`${parts.join('\n\n')}\n`);
