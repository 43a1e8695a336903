/** A throwaway PostgreSQL database for one run: created fresh, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The `pg` driver, resolved from @ipt/server (whose dependency it is), so the bench runs the very driver the server
 * runs and need not declare a second copy of it.
 */
export function loadPg() {
  const require = createRequire(import.meta.resolve('@ipt/server'));
  return require('pg');
}

/**
 * Connects to the admin URL. Resolves to { unavailable: reason } when nothing answers there (PostgreSQL is optional),
 * otherwise to { version, durability, create(), close() }; create() makes a fresh database: { name, url, drop() }.
 */
export async function openPostgres(pg, adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    await admin.end().catch(() => {});
    return { unavailable: err instanceof Error ? err.message : String(err) };
  }
  const { rows } = await admin.query(
    `select current_setting('server_version') as version, current_setting('fsync') as fsync,
            current_setting('synchronous_commit') as synchronous_commit, current_setting('wal_sync_method') as wal_sync_method`,
  );
  const info = rows[0];
  return {
    version: info.version,
    durability: `fsync=${info.fsync}, synchronous_commit=${info.synchronous_commit}, wal_sync_method=${info.wal_sync_method}`,
    async create() {
      // Random suffix: runs side by side never meet; the name is safe to splice into DDL (hex only).
      const name = `ipt_bench_${randomBytes(6).toString('hex')}`;
      await admin.query(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        name,
        url: url.toString(),
        // WITH (FORCE) ends any connection a crashed server left behind, so the drop cannot hang or fail on it.
        drop: () => admin.query(`drop database if exists ${name} with (force)`),
      };
    },
    close: () => admin.end(),
  };
}

/** The URL without its password, for printing. */
export function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Runs `fn(pg, server, db)` on a fresh PostgreSQL database, dropped afterwards whatever happens. Returns null (and
 * says why in `notes`) when PostgreSQL is switched off, its driver cannot be loaded, or nothing answers.
 */
export async function withFreshPostgres(postgresUrl, notes, fn) {
  if (!postgresUrl) {
    notes.push('PostgreSQL: skipped (BENCH_POSTGRES=0).');
    return null;
  }
  let pg;
  try {
    pg = loadPg();
  } catch (err) {
    notes.push(`PostgreSQL: skipped, the pg driver could not be loaded from @ipt/server (${err.message}).`);
    return null;
  }
  const server = await openPostgres(pg, postgresUrl);
  if (server.unavailable) {
    notes.push(`PostgreSQL: skipped, nothing answered at ${redact(postgresUrl)} (${server.unavailable}).`);
    return null;
  }
  try {
    const db = await server.create();
    try {
      return await fn(pg, server, db);
    } finally {
      await db.drop();
    }
  } finally {
    await server.close();
  }
}
