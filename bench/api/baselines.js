/**
 * Raw durable commits: the most one writer can commit per second on this disk, with no HTTP, no validation and no
 * audit. A server write can be no faster per transaction; the ratio says how much of that limit the API keeps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { percentile } from './load.js';

const ROW_NOTE = 'x'.repeat(100);

/** Commits one small INSERT per transaction for `seconds`, durable as the server's SQLite file is (WAL + FULL). */
export function rawSqliteCommits(seconds, tmpRoot = os.tmpdir()) {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'ipt-bench-raw-'));
  const db = new Database(path.join(dir, 'raw.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id integer primary key, at text not null, note text not null)');
    const insert = db.prepare('insert into t (at, note) values (?, ?)');
    const commit = db.transaction(() => insert.run(new Date().toISOString(), ROW_NOTE));
    return timeCommits(seconds, () => commit());
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same on PostgreSQL over one connection: one autocommitted INSERT at a time, each waiting for its WAL flush
 * (synchronous_commit as the server has it). Concurrent backends can share a flush, so the API may beat this figure.
 */
export async function rawPostgresCommits(pg, databaseUrl, seconds) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'create table bench_raw_commit (id bigserial primary key, at text not null, note text not null)',
    );
    const insert = { name: 'bench-raw-insert', text: 'insert into bench_raw_commit (at, note) values ($1, $2)' };
    return await timeCommitsAsync(seconds, () =>
      client.query({ ...insert, values: [new Date().toISOString(), ROW_NOTE] }),
    );
  } finally {
    await client.query('drop table if exists bench_raw_commit').catch(() => {});
    await client.end();
  }
}

function timeCommits(seconds, commitOnce) {
  const latencies = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  for (let t = start; t < end; ) {
    commitOnce();
    const now = performance.now();
    latencies.push(now - t);
    t = now;
  }
  return summarise(latencies, performance.now() - start);
}

async function timeCommitsAsync(seconds, commitOnce) {
  const latencies = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  for (let t = start; t < end; ) {
    await commitOnce();
    const now = performance.now();
    latencies.push(now - t);
    t = now;
  }
  return summarise(latencies, performance.now() - start);
}

function summarise(latencies, elapsedMs) {
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / (elapsedMs / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    completed: latencies.length,
    seconds: elapsedMs / 1000,
    non2xx: 0,
    errors: 0,
  };
}
