/**
 * Test support for the integration tier: real servers over HTTP on a temporary SQLite file and, when reachable,
 * on a fresh database of the PostgreSQL server at IPT_TEST_POSTGRES_URL. In CI an unreachable PostgreSQL fails
 * the run: it is never skipped silently.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError, type Client, createClient } from '@ipt/contract';
import { type RunningServer, startServer } from '@ipt/server';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { beforeEach } from 'vitest';
import type { Database } from '../src/db/schema.js';

export interface DbTarget {
  readonly name: 'sqlite' | 'postgresql';
  /** Makes a fresh, empty database; returns the env for it and a function that removes it. */
  create(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
}

const postgresUrl = process.env.IPT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function tempDir(prefix = 'ipt-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a data dir and the audit key file the server made beside it (docs/decisions/0016). */
export function removeDataDir(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.audit-key`, { force: true });
}

const sqlite: DbTarget = {
  name: 'sqlite',
  create: async () => {
    const dir = tempDir();
    return { env: { IPT_DATA_DIR: dir }, drop: async () => removeDataDir(dir) };
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
        removeDataDir(dir);
      },
    };
  },
};

/** Error codes that mean nothing answered at the address (as opposed to a server that answered and refused). */
const nothingAnswered = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Why nothing answered at the PostgreSQL address, or null when a server answered. Any other failure throws. */
async function postgresSilence(): Promise<string | null> {
  const c = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return null;
  } catch (err) {
    const causes: unknown[] = err instanceof AggregateError ? err.errors : [];
    const codes = [err, ...causes].map((e) => (e instanceof Error && 'code' in e ? String(e.code) : ''));
    const code = codes.find((c) => nothingAnswered.has(c));
    if (code) return code;
    if (err instanceof Error && /timeout/i.test(err.message)) return 'no answer within 2 s';
    // A server answered and refused (authentication, a missing database…): a setup to put right, never a skip.
    throw new Error(`PostgreSQL at ${postgresUrl} answered but refused the test connection: ${String(err)}`, {
      cause: err,
    });
  }
}

/** In CI (CI set to anything but "", "0" or "false"), every tier must run. */
const inCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

declare module 'vitest' {
  interface TaskMeta {
    /** Set on a test module whose integration tests skipped the PostgreSQL tier: why (the reporter names it). */
    postgresTierSkipped?: string;
  }
}

/**
 * The databases every integration test runs on: SQLite, and PostgreSQL when a server answers at
 * IPT_TEST_POSTGRES_URL. In CI a silent PostgreSQL fails the test file. Elsewhere the skip is recorded on the test
 * module, and the pass/fail reporter names it at the end of the run.
 */
export async function dbTargets(): Promise<DbTarget[]> {
  const silence = await postgresSilence();
  if (silence === null) return [sqlite, postgres];
  const reason = `nothing answered at ${postgresUrl} (${silence})`;
  if (inCi) throw new Error(`PostgreSQL tier: ${reason}; CI must test on it.`);
  beforeEach(({ task }) => {
    task.file.meta.postgresTierSkipped = reason;
  });
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

/**
 * Where a client's requests come from. `from` is a loopback address other than 127.0.0.1 (any of 127.0.0.0/8 on
 * Linux): the client's socket is bound to it, so the server sees it as the peer address, as it would a real one.
 */
export interface ClientOptions {
  readonly from?: string;
}

export interface TestServer extends RunningServer {
  /** A typed client with its own cookie jar, signed in as `email`. */
  as(email: string, password: string, options?: ClientOptions): Promise<SignedIn>;
  anonymous(options?: ClientOptions): SignedIn;
  /**
   * A connection of its own to the server's database, as someone holding the database file or a database login
   * has: what it writes goes past the server (the tampering tests). The server's own reading connection refuses
   * writes (SQLite) and its writes go by group commit only.
   */
  direct(): Kysely<Database>;
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
  options: {
    demo?: boolean;
    clock?: () => Date;
    env?: Record<string, string>;
    webRoot?: string;
    /** Told of every statement the server's database runs. */
    onQuery?: (q: { readonly sql: string }) => void;
  } = {},
): Promise<TestServer> {
  const db = await target.create();
  const server = await startServer({
    env: { PORT: '0', LOG_LEVEL: 'silent', ...db.env, ...options.env },
    demo: options.demo ?? false,
    ...(options.clock && { clock: options.clock }),
    ...(options.onQuery && { onQuery: options.onQuery }),
    // A built web client to serve at `/` when a test gives one; none by default.
    webRoot: options.webRoot ?? tempDir('ipt-noweb-'),
  });
  const client = (clientOptions: ClientOptions = {}): SignedIn => {
    const send = clientOptions.from === undefined ? fetch : fetchFrom(clientOptions.from);
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
        fetch: send,
      }),
      raw: async (method, urlPath, init = {}) => {
        const res = await send(server.url + urlPath, {
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
  let direct: Kysely<Database> | undefined;
  const openDirect = (): Kysely<Database> => {
    const plugins = [new CamelCasePlugin()];
    const url = server.workbench.config.databaseUrl;
    if (url)
      return new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
        plugins,
      });
    const sqlite = new SQLite(server.workbench.db.location);
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
  };
  return {
    ...server,
    anonymous: client,
    direct: () => (direct ??= openDirect()),
    as: async (email, password, clientOptions) => {
      const c = client(clientOptions);
      await c.api.login({ body: { email, password } });
      return c;
    },
    drop: async () => {
      await direct?.destroy();
      await server.close();
      await db.drop();
    },
  };
}

/**
 * `fetch` over a socket bound to `localAddress`, for requests the server must see coming from that address. Only
 * what the clients above send: a URL string, a method, string headers and a string body.
 */
function fetchFrom(localAddress: string): typeof fetch {
  return (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (init.body != null && body === undefined) throw new Error('fetchFrom sends string bodies only');
    const headers = Object.fromEntries(new Headers(init.headers));
    return new Promise<Response>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: init.method ?? 'GET',
          headers,
          localAddress,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const answer = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const v of [value ?? []].flat()) answer.append(name, v);
            }
            const status = res.statusCode ?? 500;
            const empty = status === 204 || status === 304;
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: answer }));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
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
