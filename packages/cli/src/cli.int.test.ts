/** The `ipt` command, run as a real process against a real SQLite file. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { latestMigration } from '@ipt/server';
import SQLite from 'better-sqlite3';
import { runIpt, iptMain } from '../test/run-ipt.js';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-cli-'));
const env = { ...process.env, IPT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' };

const ipt = (args: string[], stdin = '') => runIpt(args, env, stdin);

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.audit-key`, { force: true });
});

describe('the ipt command', () => {
  it('migrates a fresh database and reports the level', async () => {
    const r = await ipt(['migrate']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/sqlite at .*ipt\.sqlite: \d+ migration\(s\) applied, latest /);
    expect(r.out).toContain(`latest ${latestMigration}.`);
  });

  it('adds a user with a password from stdin, and refuses a duplicate or a bad role', async () => {
    const ok = await ipt(
      ['user', 'add', '--email', 'a@clinic.example', '--name', 'A', '--role', 'admin', '--password-stdin'],
      'a long admin passphrase\n',
    );
    expect(ok.out).toContain('Added admin a@clinic.example to My clinic.');
    expect(ok.out).not.toContain('passphrase');
    const dup = await ipt(['user', 'add', '--email', 'a@clinic.example', '--name', 'A', '--role', 'admin']);
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('already exists');
    const bad = await ipt(['user', 'add', '--email', 'b@clinic.example', '--name', 'B', '--role', 'wizard']);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.err).toContain('one of admin, supervisor');
  });

  it('refuses to load the demo clinic into a database that is not empty', async () => {
    const r = await ipt(['seed-demo']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not empty');
  });

  it('verifies the audit chain, and names the first broken link after tampering', async () => {
    await ipt(['user', 'add', '--email', 'c@clinic.example', '--name', 'C', '--role', 'clinician']);
    const intact = await ipt(['audit', 'verify']);
    expect(intact).toMatchObject({ code: 0 });
    // The marker that opens the keyed segment, then one event per user added.
    expect(intact.out).toMatch(/Audit trail intact: 3 events, every link verified/);
    expect(intact.out).toMatch(/Keyed \(HMAC-SHA-256, key [0-9a-f]{16} from .*\.audit-key\) from event #1/);
    expect(intact.out).toMatch(/Anchored by 2 checkpoint\(s\) in .*audit-checkpoints\.log; the last records event #3/);

    const db = new SQLite(path.join(dataDir, 'ipt.sqlite'));
    db.exec('drop trigger audit_events_no_update');
    db.prepare("update audit_events set entity_type = 'Nothing' where seq = 2").run();
    db.close();
    const broken = await ipt(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('BROKEN at event #2: its content was altered');
  });

  it('serves the demo clinic on a fresh database, prints its logins, and shuts down cleanly on SIGTERM', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-cli-serve-'));
    const child: ChildProcess = spawn(process.execPath, [iptMain, 'serve', '--demo'], {
      env: { ...env, IPT_DATA_DIR: fresh, PORT: '0' },
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving (http:\/\/\S+)/.exec(out);
        if (m?.[1] && out.includes('clinician@demo.ipt.example')) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect(out).toMatch(/clinician\s+clinician@demo\.ipt\.example\s+demo-\S{16}/);
    const health = await fetch(`${url.replace('localhost', '127.0.0.1')}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.rmSync(`${fresh}.audit-key`, { force: true });
  });
});

/** `ipt audit verify` beside a running server, and after an attacker with write access to the SQLite file. */
describe('ipt audit verify, against load and against an attacker', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-cli-audit-'));
    dirs.push(dir);
    return { dir, env: { ...env, IPT_DATA_DIR: dir } };
  };
  afterAll(() => {
    for (const dir of dirs) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(`${dir}.audit-key`, { force: true });
    }
  });
  const admin = { email: 'admin@clinic.example', password: 'a long admin passphrase' };
  const addUsers = async (e: NodeJS.ProcessEnv, n: number) => {
    for (let i = 0; i < n; i++) {
      const email = i === 0 ? admin.email : `user${i}@clinic.example`;
      const r = await runIpt(
        ['user', 'add', '--email', email, '--name', `U${i}`, '--role', 'admin', '--password-stdin'],
        e,
        `${admin.password}\n`,
      );
      expect(r.code).toBe(0);
    }
  };

  it('never reports a false break while the server writes (one consistent snapshot)', async () => {
    const { env: e } = fresh();
    await addUsers(e, 1);
    const child = spawn(process.execPath, [iptMain, 'serve'], { env: { ...e, PORT: '0' } });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving (http:\/\/\S+)/.exec(out);
        if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    let stop = false;
    let reads = 0;
    const load = (async () => {
      while (!stop) {
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            const res = await fetch(`${url}/api/patients`, { headers: { cookie } });
            await res.arrayBuffer();
            if (res.status === 200) reads++;
          }),
        );
      }
    })();
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await runIpt(['audit', 'verify'], e));
    stop = true;
    await load;
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(reads).toBeGreaterThan(50);
    expect(runs.map((r) => [r.code, r.err])).toEqual(runs.map(() => [0, '']));
  });

  it('exits 1 naming the break when the tail was removed and the head moved back', async () => {
    const { dir, env: e } = fresh();
    await addUsers(e, 4);
    const db = new SQLite(path.join(dir, 'ipt.sqlite'));
    const last = Number(db.prepare('select seq from audit_chain_head').pluck().get());
    db.exec('drop trigger audit_events_no_delete');
    db.prepare('delete from audit_events where seq > ?').run(last - 2);
    const hash = String(
      db
        .prepare('select hash from audit_events where seq = ?')
        .pluck()
        .get(last - 2),
    );
    db.prepare('update audit_chain_head set seq = ?, hash = ?').run(last - 2, hash);
    db.close();
    const r = await runIpt(['audit', 'verify'], e);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`BROKEN at event #${last - 1}: .*tail was removed`));
  });

  it('exits 1 naming the break when an event was edited and the chain re-hashed with plain SHA-256', async () => {
    const { dir, env: e } = fresh();
    await addUsers(e, 3);
    const db = new SQLite(path.join(dir, 'ipt.sqlite'));
    db.exec('drop trigger audit_events_no_update');
    const rows = db.prepare('select * from audit_events order by seq').all() as Record<
      string,
      string | number | null
    >[];
    const edited = rows.length - 1;
    let prevHash = String(rows[edited - 2]?.hash);
    for (const row of rows.slice(edited - 1)) {
      const changed: Record<string, string | number | null | undefined> = {
        ...row,
        prev_hash: prevHash,
        ip: row.seq === edited ? '203.0.113.9' : row.ip,
      };
      const columns = ['seq', 'id', 'at', 'organisation_id', 'user_id', 'role', 'action', 'entity_type', 'entity_id'];
      const fields = [...columns, 'patient_id', 'outcome', 'ip', 'operation', 'prev_hash'].map(
        (k): string | number | null => changed[k] ?? null,
      );
      const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
      db.prepare('update audit_events set ip = ?, prev_hash = ?, hash = ? where seq = ?').run(
        changed.ip,
        prevHash,
        hash,
        row.seq,
      );
      prevHash = hash;
    }
    db.prepare('update audit_chain_head set hash = ?').run(prevHash);
    db.close();
    const r = await runIpt(['audit', 'verify'], e);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`BROKEN at event #${edited}: its content was altered`));
  });
});
