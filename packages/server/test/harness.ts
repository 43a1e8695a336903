/**
 * Test support for the integration tier: real servers over HTTP on a temporary SQLite file and, when reachable,
 * on a fresh database of the PostgreSQL server at IPT_TEST_POSTGRES_URL. In CI an unreachable PostgreSQL fails
 * the run: it is never skipped silently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError, type Client, createClient } from '@ipt/contract';
import { type RunningServer, startServer } from '@ipt/server';
import pg from 'pg';

export interface DbTarget {
  readonly name: 'sqlite' | 'postgresql';
  /** Makes a fresh, empty database; returns the env for it and a function that removes it. */
  create(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
}

const postgresUrl = process.env.IPT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function tempDir(prefix = 'ipt-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const sqlite: DbTarget = {
  name: 'sqlite',
  create: async () => {
    const dir = tempDir();
    return { env: { IPT_DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  },
};

const postgres: DbTarget = {
  name: 'postgresql',
  create: async () => {
    const name = `ipt_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const dir = tempDir();
    return {
      env: { IPT_DATA_DIR: dir, DATABASE_URL: url.toString() },
      drop: async () => {
        const c = new pg.Client({ connectionString: postgresUrl });
        await c.connect();
        // The server's pool may still be saying goodbye: wait for it rather than cut it off (which would surface
        // as an unhandled "terminating connection" error in the closing client).
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name}${attempt >= 20 ? ' with (force)' : ''}`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        await c.end();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** The databases every integration test runs on. */
export async function dbTargets(): Promise<DbTarget[]> {
  if (await postgresReachable()) return [sqlite, postgres];
  if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${postgresUrl}; CI must test on it.`);
  console.warn(`PostgreSQL not reachable at ${postgresUrl}: integration tests run on SQLite only.`);
  return [sqlite];
}

/** A clock the test can move: idle and absolute session timeouts without waiting. */
export function movableClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export interface TestServer extends RunningServer {
  /** A typed client with its own cookie jar, signed in as `email`. */
  as(email: string, password: string): Promise<SignedIn>;
  anonymous(): SignedIn;
  drop(): Promise<void>;
}

export interface SignedIn {
  readonly api: Client;
  /** Raw HTTP with this client's cookie, for the malformed requests the typed client cannot send. */
  raw(method: string, urlPath: string, init?: { body?: string; headers?: Record<string, string> }): Promise<Response>;
  cookie(): string;
}

export async function startTestServer(
  target: DbTarget,
  options: { demo?: boolean; clock?: () => Date; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const db = await target.create();
  const server = await startServer({
    env: { PORT: '0', LOG_LEVEL: 'silent', ...db.env, ...options.env },
    demo: options.demo ?? false,
    ...(options.clock && { clock: options.clock }),
    webRoot: tempDir('ipt-noweb-'),
  });
  const client = (): SignedIn => {
    let cookie = '';
    const keep = (res: Response) => {
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? '';
    };
    return {
      api: createClient({
        baseUrl: server.url,
        headers: (): Record<string, string> => (cookie ? { cookie } : {}),
        onResponse: keep,
      }),
      raw: async (method, urlPath, init = {}) => {
        const res = await fetch(server.url + urlPath, {
          method,
          body: init.body,
          headers: { ...(cookie && { cookie }), ...init.headers },
        });
        keep(res);
        return res;
      },
      cookie: () => cookie,
    };
  };
  return {
    ...server,
    anonymous: client,
    as: async (email, password) => {
      const c = client();
      await c.api.login({ body: { email, password } });
      return c;
    },
    drop: async () => {
      await server.close();
      await db.drop();
    },
  };
}

/** The problem details of a call that must fail (and fails the test when it does not). */
export async function problemOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return { ...err.problem, status: err.status };
    throw err;
  }
  throw new Error('expected the call to fail');
}
