/**
 * What the proofs share: the real server as the operator runs it (the built CLI, `ipt serve`, in its own process),
 * `ipt audit verify`, a throwaway PostgreSQL database, signing in, and small HTTP helpers.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, loadPg, openPostgres } from '../api/postgres.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const cliMain = path.join(repoRoot, 'packages', 'cli', 'dist', 'main.js');

/** The node that runs this script (Node 24 from node_modules/.bin under `npm run`). */
export const nodeBin = process.execPath;

/** `--name value` and `--name=value` flags as numbers or strings, with defaults. */
export function flags(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`Unknown argument ${argv[i]}`);
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`Unknown flag --${m[1]}; known: ${Object.keys(defaults).join(', ')}`);
    const raw = m[2] ?? argv[++i];
    out[key] = typeof defaults[key] === 'number' ? Number(raw) : raw;
    if (typeof defaults[key] === 'number' && !Number.isFinite(out[key])) throw new Error(`--${m[1]} takes a number`);
  }
  return out;
}

/** A data folder and a fixed audit key: the server and `ipt audit verify` get the same ones (ADR 0016). */
export function freshEnv(databaseUrl, extra = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-proof-'));
  return {
    dataDir,
    env: {
      IPT_DATA_DIR: dataDir,
      IPT_AUDIT_KEY: randomBytes(32).toString('hex'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // SQLite unless a database is given: a DATABASE_URL in the caller's environment is not inherited.
      DATABASE_URL: databaseUrl ?? '',
      ...extra,
    },
    remove: () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.audit-key`, { force: true });
    },
  };
}

/**
 * Starts `ipt serve [--demo]` with `env`; resolves to { url, child, logins, kill(signal), stop() } once it prints
 * where it serves. The demo logins are read from the data folder (the server keeps them there).
 */
export async function startCli(env, { demo = true } = {}) {
  const child = spawn(nodeBin, [cliMain, 'serve', ...(demo ? ['--demo'] : [])], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in 60 s.\n${out}\n${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /serving (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? signal}) before it was ready.\n${out}\n${err}`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const loginsFile = path.join(env.IPT_DATA_DIR, 'demo-logins.json');
  const logins = demo && fs.existsSync(loginsFile) ? JSON.parse(fs.readFileSync(loginsFile, 'utf8')) : [];
  return {
    url,
    child,
    logins,
    stderr: () => err,
    exited,
    kill: (signal) => {
      child.kill(signal);
      return exited;
    },
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs one CLI command to its end: { code, stdout, stderr }. */
export function runCli(args, env) {
  return new Promise((resolve) => {
    const child = spawn(nodeBin, [cliMain, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `ipt audit verify` with the server's env: { ok, code, text }. */
export async function auditVerify(env) {
  const r = await runCli(['audit', 'verify'], env);
  return { ok: r.code === 0, code: r.code, text: `${r.stdout}${r.stderr}`.trim() };
}

/**
 * A fresh PostgreSQL database: { url, pg, admin, drop() }, or null with the reason printed when PostgreSQL does not
 * answer at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) or BENCH_POSTGRES=0.
 */
export async function freshPostgres() {
  if (process.env.BENCH_POSTGRES === '0') {
    console.log('PostgreSQL: skipped (BENCH_POSTGRES=0).');
    return null;
  }
  const pg = loadPg();
  const server = await openPostgres(pg, process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  if (server.unavailable) {
    console.log(`PostgreSQL: skipped, nothing answered (${server.unavailable}).`);
    return null;
  }
  const db = await server.create();
  return {
    pg,
    url: db.url,
    name: db.name,
    durability: server.durability,
    drop: async () => {
      await db.drop();
      await server.close();
    },
  };
}

/** One request; never throws on an HTTP status. Resolves to { status, json, text, headers } or { error }. */
export async function request(baseUrl, method, urlPath, { cookie, body, rawBody, headers = {}, signal } = {}) {
  const h = { ...headers };
  if (cookie) h.cookie = cookie;
  if (body !== undefined || rawBody !== undefined) h['content-type'] ??= 'application/json';
  try {
    const res = await fetch(baseUrl + urlPath, {
      method,
      headers: h,
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal,
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  } catch (error) {
    return { status: 0, error };
  }
}

/** Signs in; returns the `cookie` header value. Throws on failure. */
export async function signIn(baseUrl, email, password) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`Sign-in as ${email} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const set = res.headers.getSetCookie().find((c) => c.includes('ipt_session='));
  if (!set) throw new Error('Sign-in answered without a session cookie.');
  return set.split(';')[0];
}

/** A 2xx answer's JSON, or a thrown error naming the request. */
export async function ok(baseUrl, method, urlPath, options) {
  const r = await request(baseUrl, method, urlPath, options);
  if (r.status < 200 || r.status > 299) {
    throw new Error(`${method} ${urlPath} answered ${r.status}: ${r.text?.slice(0, 300) ?? r.error}`);
  }
  return r;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Adds users through the API as the admin; returns [{ email, password, role }]. */
export async function addUsers(baseUrl, adminCookie, role, count, prefix) {
  const users = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${role}-${i}@proof.example`;
    const password = `proof-${randomBytes(9).toString('base64url')}`;
    await ok(baseUrl, 'POST', '/api/users', {
      cookie: adminCookie,
      body: { email, displayName: `Proof ${role} ${i}`, role, password },
    });
    users.push({ email, password, role });
  }
  return users;
}

/** Course-creation body used throughout. */
export const courseBody = {
  schoolPreset: 'iptuk',
  plannedSessions: 16,
  schedule: { weekday: 1, time: '10:00' },
  startDate: '2026-01-05',
};

export function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Percentile of a sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
