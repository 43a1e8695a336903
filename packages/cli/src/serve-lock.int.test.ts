/**
 * One server per SQLite data folder (issue 11, part 4; docs/decisions/0017-throttles.md): a second `ipt serve` on
 * the same folder refuses to start and says why, instead of starting and failing requests with "database is
 * locked"; a server killed with SIGKILL leaves nothing that stops the next one. Real processes, a real SQLite file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '@ipt/server';
import { afterAll, describe, expect, it } from 'vitest';
import { iptMain } from '../test/run-ipt.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-cli-lock-'));
const env = { ...process.env, IPT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '', PORT: '0' };
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.audit-key`, { force: true });
});

/** Runs `ipt serve`: it either says it is serving (the child runs on) or exits, with what it printed. */
function serve(): Promise<{ child: ChildProcess; url?: string; code?: number | null; err: string }> {
  const child = spawn(process.execPath, [iptMain, 'serve'], { env });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1].replace('localhost', '127.0.0.1'), err });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ child, code, err: `${out}${err}` }));
  });
}

/** `ipt serve` that must start. */
async function serving() {
  const { child, url, code, err } = await serve();
  if (url === undefined) throw new Error(`ipt serve exited (${String(code)}): ${err}`);
  return { child, url };
}

const exited = (child: ChildProcess) =>
  new Promise<number | string | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode);
    else child.on('exit', (code, signal) => resolve(code ?? signal));
  });

describe('one server per SQLite data folder', () => {
  it('refuses a second server on the folder with a clear message, and starts again after a SIGKILL', async () => {
    const first = await serving();
    const health = await fetch(`${first.url}/api/health`);
    expect(health.status).toBe(200);

    const second = await serve();
    expect(second.url, 'a second server started on the same folder').toBeUndefined();
    expect(second.code).toBe(2);
    expect(second.err).toContain(`Another IPT Workbench server (process ${String(first.child.pid)}`);
    expect(second.err).toContain(dataDir);
    expect(second.err).toMatch(/DATABASE_URL/);

    // In the same process as well: the lock is the operating system's, not a file that merely exists.
    await expect(startServer({ env: { ...env, LOG_LEVEL: 'silent' }, webRoot: dataDir })).rejects.toThrow(
      /Another IPT Workbench server/,
    );

    // The first server still answers: the refused ones touched nothing.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    // A server killed outright leaves its lock behind only until the kernel releases it with the process.
    first.child.kill('SIGKILL');
    expect(await exited(first.child)).toBe('SIGKILL');
    const restarted = await serving();
    expect((await fetch(`${restarted.url}/api/health`)).status).toBe(200);
    restarted.child.kill('SIGTERM');
    expect(await exited(restarted.child)).toBe(0);

    // And once it has stopped cleanly, the folder is free for the next server.
    const again = await serving();
    expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
  });
});
