/**
 * `ipt backup` and `ipt restore` (issue 11, part 5; docs/decisions/0020-backup-restore.md), as real processes on
 * real SQLite files: a backup taken while a server writes restores identical to the snapshot it took, with its audit
 * trail verified; a wrong key, an altered or cut file, a database that is not empty are refused with nothing
 * written; long work shows progress. And the PostgreSQL procedure of the README (pg_dump | gpg, gpg | pg_restore,
 * ipt audit verify), run as written when its tools and a PostgreSQL server are here.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { iptMain, runIpt } from '../test/run-ipt.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-cli-backup-'));
const base = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', IPT_BACKUP_KEY: '' };
const backupKeyFile = path.join(root, 'backup.key');
fs.writeFileSync(backupKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

/** A folder for a data dir (its audit key file lands beside it, inside `root`). */
let folders = 0;
const folder = (name: string) => path.join(root, `${name}-${folders++}`);
const envOf = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...base,
  IPT_DATA_DIR: dataDir,
  IPT_BACKUP_KEY_FILE: backupKeyFile,
  ...extra,
});
/** The environment of a restore into `dataDir` with the audit key of the server that wrote `sourceDir`. */
const restoreEnv = (dataDir: string, sourceDir: string) =>
  envOf(dataDir, { IPT_AUDIT_KEY_FILE: `${sourceDir}.audit-key` });

/** `ipt serve`, running; with --demo, the logins it printed. */
async function serve(env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, [iptMain, 'serve', ...args], { env: { ...env, PORT: '0' } });
  children.push(child);
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      const ready = !args.includes('--demo') || /clinician\s+\S+\s+demo-\S+\n/.test(out);
      if (m?.[1] && ready) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => reject(new Error(`ipt serve exited early: ${out}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  };
  return { url, out, stop };
}

/** The password `ipt serve --demo` or `ipt seed-demo` printed for a role. */
function demoPassword(out: string, role: string): string {
  const m = new RegExp(`${role}\\s+${role}@demo\\.ipt\\.example\\s+(demo-\\S+)`).exec(out);
  if (!m?.[1]) throw new Error(`no ${role} login in: ${out}`);
  return m[1];
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * Writes through HTTP until stopped: new patients (each commits with its audit event) and caseload reads (audited
 * by group commit), several at a time. `created` lists the new patients' ids as they are answered.
 */
function writeLoad(url: string, cookie: string) {
  const created: string[] = [];
  let stop = false;
  let n = 0;
  const create = async () => {
    const res = await fetch(`${url}/api/patients`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: `Backup load ${n++}`, yearOfBirth: 1980 }),
    });
    const body: unknown = await res.json();
    expect(res.status).toBe(201);
    if (typeof body === 'object' && body !== null && 'id' in body) created.push(String(body.id));
  };
  const read = async () => {
    const res = await fetch(`${url}/api/patients`, { headers: { cookie } });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
  };
  const running = (async () => {
    while (!stop) await Promise.all([create(), create(), read(), read()]);
  })();
  return {
    created,
    until: async (count: number) => {
      while (created.length < count) await new Promise((r) => setTimeout(r, 10));
    },
    stop: async () => {
      stop = true;
      await running;
    },
  };
}

type Digest = Record<string, { rows: number; sha256: string }>;

/**
 * This test's own read of a SQLite file, as ADR 0020 defines a table's digest: its rows in primary-key order (rowid
 * without one), each the JSON array of its columns in declared order (a blob as {"blob": hex}), one per line, SHA-256.
 */
function digest(file: string): Digest {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const names = db
      .prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\'")
      .pluck()
      .all() as string[];
    const result: Digest = {};
    for (const name of names.sort()) {
      const columns = db.pragma(`table_info("${name}")`) as { name: string; pk: number }[];
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      const order = key.length > 0 ? key.map((c) => `"${c.name}"`).join(', ') : 'rowid';
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`select * from "${name}" order by ${order}`).raw().iterate() as Iterable<
        unknown[]
      >) {
        const values = row.map((v) => (Buffer.isBuffer(v) ? { blob: v.toString('hex') } : v));
        hash.update(`${JSON.stringify(values)}\n`);
        rows++;
      }
      result[name] = { rows, sha256: hash.digest('hex') };
    }
    return result;
  } finally {
    db.close();
  }
}

/** The table lines `ipt backup` and `ipt restore` print. */
function printedTables(out: string): Digest {
  const result: Digest = {};
  for (const m of out.matchAll(/^ {4}(\S+)\s+(\d+)\s+([0-9a-f]{64})$/gm)) {
    if (m[1] && m[2] && m[3]) result[m[1]] = { rows: Number(m[2]), sha256: m[3] };
  }
  return result;
}

const throughEvent = (out: string) => Number(/audit trail through event #(\d+)/.exec(out)?.[1] ?? Number.NaN);

const rowsOf = (db: SQLite.Database, sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .all(...params)
    .map((r) => JSON.stringify(r));

/** A copy of `file` with the byte at `at` flipped. */
function flipped(file: string, at: number): string {
  const bytes = fs.readFileSync(file);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  const copy = `${file}.flipped-${at}`;
  fs.writeFileSync(copy, bytes);
  return copy;
}

/** Where a backup file's parts begin, and how long a whole part is (its size plus the 16-byte tag). */
function partsOf(file: string) {
  const bytes = fs.readFileSync(file);
  const magic = 'IPT-WORKBENCH-BACKUP\n'.length;
  const headerLength = bytes.readUInt32BE(magic);
  const header: unknown = JSON.parse(bytes.subarray(magic + 4, magic + 4 + headerLength).toString('utf8'));
  const chunk = typeof header === 'object' && header !== null && 'chunkBytes' in header ? Number(header.chunkBytes) : 0;
  return { at: magic + 4 + headerLength, frame: chunk + 16, size: bytes.length };
}

describe('ipt backup and ipt restore on SQLite', () => {
  const source = folder('source');
  const backupFile = path.join(root, 'demo.iptbackup');

  it('backs up the demo database while the server writes, and restores it identical to the snapshot, its audit trail verified', async () => {
    // Checkpoints every 20 events: some anchor events inside the snapshot, some come after it.
    const server = await serve(envOf(source, { IPT_AUDIT_CHECKPOINT_EVENTS: '20' }), ['--demo']);
    const cookie = await signIn(server.url, 'clinician@demo.ipt.example', demoPassword(server.out, 'clinician'));
    const load = writeLoad(server.url, cookie);
    await load.until(10);
    const backup = await runIpt(['backup', '--out', backupFile], envOf(source));
    const afterBackup = load.created.length;
    await load.until(afterBackup + 10);
    await load.stop();
    await server.stop();

    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toMatch(/^Backed up .*ipt\.sqlite to .*demo\.iptbackup in \d+\.\d+ s: /);
    const snapshotSeq = throughEvent(backup.out);
    const snapshot = printedTables(backup.out);
    expect(Object.keys(snapshot)).toContain('audit_events');
    // The backup file holds neither key, nor the data in the clear.
    const bytes = fs.readFileSync(backupFile);
    for (const secret of [
      fs.readFileSync(backupKeyFile, 'utf8').trim(),
      fs.readFileSync(`${source}.audit-key`, 'utf8').trim(),
    ]) {
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'hex'))).toBe(false);
    }
    expect(bytes.includes('Backup load')).toBe(false);
    expect(bytes.includes('demo.ipt.example')).toBe(false);

    const target = folder('restored');
    const restore = await runIpt(['restore', backupFile], restoreEnv(target, source));
    expect(restore.code, restore.err).toBe(0);
    expect(restore.out).toContain("every table identical to the backup's record");
    expect(restore.out).toMatch(new RegExp(`Audit trail intact: ${snapshotSeq} events, every link verified`));
    expect(restore.out).toContain(`A new checkpoint anchors the restored head (event #${snapshotSeq})`);
    expect(restore.out).toMatch(
      new RegExp(`Anchored by \\d+ checkpoint\\(s\\) in .*; the last records event #${snapshotSeq} `),
    );
    expect(restore.out).not.toContain('not anchored');

    // 1. Every row of the snapshot: the restored file, read by this test, against the backup's own read of the
    //    source inside its snapshot (printed table by table), and against what the restore printed.
    const restoredFile = path.join(target, 'ipt.sqlite');
    expect(digest(restoredFile)).toEqual(snapshot);
    expect(printedTables(restore.out)).toEqual(snapshot);

    // 2. One moment of the source: the restored trail is the source's up to the snapshot's event, and a patient
    //    is restored exactly when the event of its creation is (each committed with the other).
    const src = new SQLite(path.join(source, 'ipt.sqlite'), { readonly: true });
    const dst = new SQLite(restoredFile, { readonly: true });
    try {
      const trail = 'select * from audit_events where seq <= ? order by seq';
      expect(rowsOf(dst, trail, Number.MAX_SAFE_INTEGER)).toEqual(rowsOf(src, trail, snapshotSeq));
      expect(rowsOf(dst, trail, Number.MAX_SAFE_INTEGER)).toHaveLength(snapshotSeq);
      const createdAt = new Map(
        (
          src
            .prepare(
              "select entity_id as id, seq from audit_events where action = 'create' and entity_type = 'Patient'",
            )
            .all() as { id: string; seq: number }[]
        ).map((e) => [e.id, e.seq]),
      );
      const inSnapshot = load.created.filter((id) => (createdAt.get(id) ?? Number.POSITIVE_INFINITY) <= snapshotSeq);
      // The backup ran while patients were being added: some before its snapshot, some after.
      expect(inSnapshot.length).toBeGreaterThan(0);
      expect(inSnapshot.length).toBeLessThan(load.created.length);
      const restoredIds = new Set(dst.prepare('select id from patients').pluck().all() as string[]);
      for (const id of load.created) expect(restoredIds.has(id), id).toBe(inSnapshot.includes(id));
      const patients = 'select * from patients where id in (select value from json_each(?)) order by id';
      expect(rowsOf(dst, patients, JSON.stringify([...restoredIds]))).toEqual(
        rowsOf(src, patients, JSON.stringify([...restoredIds])),
      );
      for (const table of ['organisations', 'users', 'courses', 'sessions', 'course_records', 'administrations']) {
        expect(rowsOf(dst, `select * from ${table} order by id`), table).toEqual(
          rowsOf(src, `select * from ${table} order by id`),
        );
      }
    } finally {
      src.close();
      dst.close();
    }

    // The checkpoints carried are those of events inside the snapshot; the source's file went on past it.
    const seqs = (file: string) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l): number => Number((JSON.parse(l) as { seq: number }).seq));
    const carried = Number(/(\d+) audit checkpoint\(s\) carried/.exec(backup.out)?.[1]);
    expect(carried).toBeGreaterThan(0);
    const restoredSeqs = seqs(path.join(target, 'audit-checkpoints.log'));
    expect(restoredSeqs).toHaveLength(carried + 1);
    expect(Math.max(...restoredSeqs)).toBe(snapshotSeq);
    expect(Math.max(...seqs(path.join(source, 'audit-checkpoints.log')))).toBeGreaterThan(snapshotSeq);

    // 3. `ipt audit verify` on the restored folder, with the operator's audit key and the restored checkpoints.
    const verify = await runIpt(['audit', 'verify'], restoreEnv(target, source));
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(new RegExp(`Audit trail intact: ${snapshotSeq} events`));
    expect(verify.out).toMatch(new RegExp(`the last records event #${snapshotSeq} `));

    // 4. The restored folder serves: the demo clinician signs in with the password of the source.
    const again = await serve(restoreEnv(target, source));
    const restoredCookie = await signIn(again.url, 'clinician@demo.ipt.example', demoPassword(server.out, 'clinician'));
    const caseload = await fetch(`${again.url}/api/patients`, { headers: { cookie: restoredCookie } });
    expect(caseload.status).toBe(200);
    await again.stop();
  }, 120_000);

  it('refuses to back up without a key, over a file, or without a database, and writes nothing', async () => {
    const out = path.join(root, 'refused.iptbackup');
    const noKey = await runIpt(['backup', '--out', out], { ...envOf(source), IPT_BACKUP_KEY_FILE: '' });
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(
      /A backup is always encrypted, with a key you hold: set IPT_BACKUP_KEY_FILE\. Make one with/,
    );
    const overAFile = await runIpt(['backup', '--out', backupFile], envOf(source));
    expect(overAFile.code).toBe(2);
    expect(overAFile.err).toContain('already exists: a backup never overwrites a file');
    const noDatabase = await runIpt(['backup', '--out', out], envOf(folder('nothing')));
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.err).toMatch(/There is no database at .*ipt\.sqlite to back up/);
    const notMigrated = folder('not-migrated');
    fs.mkdirSync(notMigrated);
    new SQLite(path.join(notMigrated, 'ipt.sqlite')).close();
    const notOurs = await runIpt(['backup', '--out', out], envOf(notMigrated));
    expect(notOurs.code).toBe(2);
    expect(notOurs.err).toContain('is not an IPT Workbench database that can be backed up: it was never migrated');
    const noUsage = await runIpt(['backup'], envOf(source));
    expect(noUsage.code).toBe(2);
    expect(noUsage.err).toContain('Give the file to write: --out FILE');
    const notAFile = await runIpt(['restore', root], envOf(folder('never')));
    expect(notAFile.code).toBe(2);
    expect(notAFile.err).toContain(`There is no file ${root}`);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(source).filter((f) => f.startsWith('.backup-'))).toEqual([]);
  });

  it('refuses another backup key or a missing or wrong audit key, and writes nothing', async () => {
    const target = folder('never');
    const wrongBackupKey = await runIpt(['restore', backupFile], {
      ...restoreEnv(target, source),
      IPT_BACKUP_KEY: randomBytes(32).toString('hex'),
    });
    expect(wrongBackupKey.code).toBe(2);
    expect(wrongBackupKey.err).toMatch(
      /was encrypted with the backup key whose id is [0-9a-f]{16}, but IPT_BACKUP_KEY holds the key [0-9a-f]{16}\. .*Nothing was restored\./,
    );

    const noAuditKey = await runIpt(['restore', backupFile], envOf(target));
    expect(noAuditKey.code).toBe(2);
    expect(noAuditKey.err).toMatch(/keyed with the audit key whose id is [0-9a-f]{16}, and a backup never carries it/);

    const wrongAuditKey = await runIpt(
      ['restore', backupFile],
      envOf(target, { IPT_AUDIT_KEY: randomBytes(32).toString('hex') }),
    );
    expect(wrongAuditKey.code).toBe(2);
    expect(wrongAuditKey.err).toMatch(/keyed with the audit key whose id is [0-9a-f]{16}, but IPT_AUDIT_KEY holds/);

    const noKey = await runIpt(['restore', backupFile], { ...restoreEnv(target, source), IPT_BACKUP_KEY_FILE: '' });
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain('always encrypted');

    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(`${target}.audit-key`)).toBe(false);
  });

  it('refuses a file with a byte flipped (header, middle, last tag) or cut short, and writes nothing', async () => {
    const size = fs.statSync(backupFile).size;
    const { at } = partsOf(backupFile);
    const cut = `${backupFile}.cut`;
    fs.writeFileSync(cut, fs.readFileSync(backupFile).subarray(0, size - 1000));
    const altered = [
      flipped(backupFile, 40),
      flipped(backupFile, at + 10),
      flipped(backupFile, Math.floor(size / 2)),
      flipped(backupFile, size - 1),
      cut,
    ];
    const empty = folder('empty');
    fs.mkdirSync(empty);
    for (const file of altered) {
      const target = folder('never');
      const r = await runIpt(['restore', file], restoreEnv(target, source));
      expect(r.code, `${file}: ${r.err}`).toBe(1);
      expect(r.err).toMatch(
        /(was altered or cut short: part 1 \(at byte \d+\) fails its authentication check|is not an IPT Workbench backup .*: its header)/,
      );
      expect(r.err).toContain('Nothing was restored.');
      expect(fs.existsSync(target)).toBe(false);
      // Into a folder that exists: it is left as it was.
      const intoEmpty = await runIpt(['restore', file], restoreEnv(empty, source));
      expect(intoEmpty.code).toBe(1);
      expect(fs.readdirSync(empty)).toEqual([]);
    }
  });

  it('refuses a database that is not empty, a checkpoint file that is not, and a folder a server holds', async () => {
    const before = digest(path.join(source, 'ipt.sqlite'));
    const intoSource = await runIpt(['restore', backupFile], restoreEnv(source, source));
    expect(intoSource.code).toBe(2);
    expect(intoSource.err).toMatch(
      /The database .*ipt\.sqlite is not empty \(.*hold rows\): a restore never overwrites data/,
    );
    expect(digest(path.join(source, 'ipt.sqlite'))).toEqual(before);

    const withCheckpoints = folder('checkpoints');
    fs.mkdirSync(withCheckpoints);
    fs.writeFileSync(path.join(withCheckpoints, 'audit-checkpoints.log'), '{"v":1}\n');
    const r = await runIpt(['restore', backupFile], restoreEnv(withCheckpoints, source));
    expect(r.code).toBe(2);
    expect(r.err).toContain('already holds checkpoints');
    expect(fs.existsSync(path.join(withCheckpoints, 'ipt.sqlite'))).toBe(false);

    const served = folder('served');
    const server = await serve(restoreEnv(served, source));
    const busy = await runIpt(['restore', backupFile], restoreEnv(served, source));
    expect(busy.code).toBe(2);
    expect(busy.err).toContain('Another IPT Workbench server');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await server.stop();
  }, 60_000);

  it('shows progress on a long backup and restore, and finds a flipped byte or a dropped last part among many parts', async () => {
    const big = folder('big');
    expect((await runIpt(['migrate'], envOf(big))).code).toBe(0);
    const db = new SQLite(path.join(big, 'ipt.sqlite'));
    db.exec('create table bulk (id integer primary key, data blob not null)');
    const insert = db.prepare('insert into bulk (data) values (?)');
    db.transaction(() => {
      for (let i = 0; i < 40; i++) insert.run(randomBytes(1024 * 1024));
    })();
    db.close();

    const file = path.join(root, 'big.iptbackup');
    const backup = await runIpt(['backup', '--out', file], envOf(big));
    expect(backup.code, backup.err).toBe(0);
    for (const line of [
      'Copying the database: 0%',
      'Copying the database: 100%',
      'Encrypting: 10%',
      'Encrypting: 100%',
    ]) {
      expect(backup.err).toContain(line);
    }
    const target = folder('big-restored');
    const restore = await runIpt(['restore', file], envOf(target));
    expect(restore.code, restore.err).toBe(0);
    expect(restore.err).toMatch(/Decrypting: 50% \(\d+\.\d MB of \d+\.\d MB\)/);
    expect(restore.err).toContain('Decrypting: 100%');
    expect(digest(path.join(target, 'ipt.sqlite'))).toEqual(digest(path.join(big, 'ipt.sqlite')));
    console.log(
      `backup of ${(fs.statSync(file).size / 1e6).toFixed(1)} MB: ${/in (\d+\.\d+ s)/.exec(backup.out)?.[1]}; restore: ${/in (\d+\.\d+ s)/.exec(restore.out)?.[1]}`,
    );

    const { at, frame, size } = partsOf(file);
    const parts = Math.ceil((size - at) / frame);
    expect(parts).toBeGreaterThan(40);
    const inPart21 = await runIpt(['restore', flipped(file, at + 20 * frame + 100)], envOf(folder('never')));
    expect(inPart21.code).toBe(1);
    expect(inPart21.err).toContain('part 21 ');
    const lastDropped = `${file}.short`;
    fs.writeFileSync(lastDropped, fs.readFileSync(file).subarray(0, at + (parts - 1) * frame));
    const short = await runIpt(['restore', lastDropped], envOf(folder('never')));
    expect(short.code).toBe(1);
    expect(short.err).toContain(`part ${parts - 1} `);
  }, 120_000);
});

const postgresUrl = process.env.IPT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const missingTools = ['pg_dump', 'pg_restore', 'gpg', 'gpgconf'].filter((t) => spawnSync('which', [t]).status !== 0);

async function postgresAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const postgresSilent = !(await postgresAnswers());
if (postgresSilent && !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase())) {
  throw new Error(`PostgreSQL tier: nothing answered at ${postgresUrl}; CI must test on it.`);
}
/** Why the procedure cannot run here: its tools are not installed (the tests never install them), or no server. */
const postgresSkip =
  missingTools.length > 0
    ? `${missingTools.join(', ')} not on this machine; the tests do not install them`
    : postgresSilent
      ? `nothing answered at ${postgresUrl}`
      : null;
if (postgresSkip) {
  beforeEach(({ task }) => {
    task.file.meta.postgresTierSkipped = postgresSkip;
  });
}

/** Runs a shell pipeline as the README writes it (bash, pipefail), with the given environment. */
function sh(script: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', script], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('ipt backup and restore on PostgreSQL: the documented pg_dump procedure', () => {
  it('refuses ipt backup and ipt restore on a DATABASE_URL, pointing to the procedure', async () => {
    const env = envOf(folder('pg-refused'), { DATABASE_URL: postgresUrl });
    const backup = await runIpt(['backup', '--out', path.join(root, 'pg.iptbackup')], env);
    expect(backup.code).toBe(2);
    expect(backup.err).toContain('pg_dump --format=custom --no-owner');
    expect(backup.err).toContain('Operations: backup and restore');
    const restore = await runIpt(['restore', path.join(root, 'demo.iptbackup')], env);
    expect(restore.code).toBe(2);
    expect(restore.err).toContain('pg_restore --no-owner');
    expect(fs.existsSync(path.join(root, 'pg.iptbackup'))).toBe(false);
  });

  it.skipIf(postgresSkip !== null)(
    `dumps while the server writes, restores into a fresh database, and ipt audit verify passes${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`,
    async () => {
      const names = [`ipt_bk_${randomBytes(5).toString('hex')}`, `ipt_bk_${randomBytes(5).toString('hex')}`];
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      for (const name of names) await admin.query(`create database ${name}`);
      const urlOf = (name: string) => Object.assign(new URL(postgresUrl), { pathname: `/${name}` }).toString();
      const [sourceUrl, targetUrl] = names.map(urlOf);
      const gnupg = fs.mkdtempSync(path.join(root, 'gnupg-'));
      try {
        const dataDir = folder('pg-source');
        const env = envOf(dataDir, { DATABASE_URL: sourceUrl ?? '' });
        const seeded = await runIpt(['seed-demo'], env);
        expect(seeded.code, seeded.err).toBe(0);
        const server = await serve(env);
        const load = writeLoad(
          server.url,
          await signIn(server.url, 'clinician@demo.ipt.example', demoPassword(seeded.out, 'clinician')),
        );
        await load.until(10);
        // The README's procedure, word for word: the checkpoint file first, then the dump, encrypted.
        const procedure = {
          ...env,
          GNUPGHOME: gnupg,
          IPT_BACKUP_KEY_FILE: backupKeyFile,
          IPT_AUDIT_CHECKPOINTS: path.join(dataDir, 'audit-checkpoints.log'),
          BACKUP: path.join(root, 'ipt-pg'),
        };
        const dump = sh(
          'cp "$IPT_AUDIT_CHECKPOINTS" "$BACKUP.checkpoints.log" && ' +
            'pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" | ' +
            'gpg --batch --yes --pinentry-mode loopback --passphrase-file "$IPT_BACKUP_KEY_FILE" ' +
            '--symmetric --cipher-algo AES256 --output "$BACKUP.dump.gpg"',
          procedure,
        );
        const during = load.created.length;
        await load.until(during + 10);
        await load.stop();
        await server.stop();
        expect(dump.code, dump.err).toBe(0);

        const restore = sh(
          'gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$IPT_BACKUP_KEY_FILE" ' +
            '--decrypt "$BACKUP.dump.gpg" | ' +
            'pg_restore --no-owner --exit-on-error --single-transaction --dbname="$DATABASE_URL"',
          { ...procedure, DATABASE_URL: targetUrl },
        );
        expect(restore.code, restore.err).toBe(0);
        const verifyEnv = {
          ...procedure,
          DATABASE_URL: targetUrl,
          IPT_DATA_DIR: folder('pg-target'),
          IPT_AUDIT_KEY_FILE: `${dataDir}.audit-key`,
          IPT_AUDIT_CHECKPOINTS: `${procedure.BACKUP}.checkpoints.log`,
        };
        const verify = await runIpt(['audit', 'verify'], verifyEnv);
        expect(verify.code, verify.err).toBe(0);
        expect(verify.out).toMatch(/Audit trail intact: \d+ events/);
        expect(verify.out).toMatch(/Anchored by \d+ checkpoint\(s\)/);

        // The restored trail is the source's, event for event, up to the restored head; the demo's rows all came.
        const head = async (url: string) => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          try {
            const seq = Number((await c.query<{ seq: string }>('select seq from audit_chain_head')).rows[0]?.seq);
            const trail = await c.query<{ n: string; md5: string }>(
              "select count(*) as n, md5(string_agg(e::text, E'\\n' order by seq)) as md5 from audit_events e where seq <= $1",
              [seq],
            );
            const users = await c.query<{ md5: string }>(
              "select md5(string_agg(u::text, E'\\n' order by id)) as md5 from users u",
            );
            return { seq, trail: trail.rows[0], users: users.rows[0]?.md5 };
          } finally {
            await c.end();
          }
        };
        const restored = await head(targetUrl ?? '');
        const c = new pg.Client({ connectionString: sourceUrl });
        await c.connect();
        const sourceTrail = await c.query<{ n: string; md5: string }>(
          "select count(*) as n, md5(string_agg(e::text, E'\\n' order by seq)) as md5 from audit_events e where seq <= $1",
          [restored.seq],
        );
        const sourceUsers = await c.query<{ md5: string }>(
          "select md5(string_agg(u::text, E'\\n' order by id)) as md5 from users u",
        );
        const sourceSeq = Number((await c.query<{ seq: string }>('select seq from audit_chain_head')).rows[0]?.seq);
        await c.end();
        expect(restored.trail).toEqual(sourceTrail.rows[0]);
        expect(restored.users).toBe(sourceUsers.rows[0]?.md5);
        expect(Number(restored.trail?.n)).toBe(restored.seq);
        // The dump ran while the server wrote: the source went on past the restored head.
        expect(sourceSeq).toBeGreaterThan(restored.seq);

        // The encryption is authenticated: a flipped byte is refused by gpg.
        const altered = flipped(
          `${procedure.BACKUP}.dump.gpg`,
          Math.floor(fs.statSync(`${procedure.BACKUP}.dump.gpg`).size / 2),
        );
        const tampered = sh(
          'gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$IPT_BACKUP_KEY_FILE" --decrypt "$ALTERED" > /dev/null',
          { ...procedure, ALTERED: altered },
        );
        expect(tampered.code).not.toBe(0);
      } finally {
        spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: gnupg } });
        for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    120_000,
  );
});
