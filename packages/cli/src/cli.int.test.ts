/** The `ipt` command, run as a real process against a real SQLite file. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { runIpt, iptMain } from '../test/run-ipt.js';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-cli-'));
const env = { ...process.env, IPT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' };

const ipt = (args: string[], stdin = '') => runIpt(args, env, stdin);

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the ipt command', () => {
  it('migrates a fresh database and reports the level', async () => {
    const r = await ipt(['migrate']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/sqlite at .*ipt\.sqlite: 3 migration\(s\) applied, latest 0003-initial-phase/);
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
    expect(intact.out).toMatch(/Audit trail intact: 2 events/);

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
  });
});
