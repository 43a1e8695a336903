/** Opens the database: the embedded SQLite file by default, PostgreSQL when a URL is given. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../config.js';
import type { DialectName } from './dialect.js';
import type { Database } from './schema.js';

// bigint columns (audit sequence numbers) come back as JS numbers; they stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface Db {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data is, for humans: the SQLite path or the PostgreSQL host and database (no password). */
  readonly location: string;
  close(): Promise<void>;
}

export function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Db {
  const plugins = [new CamelCasePlugin()];
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    const url = new URL(options.databaseUrl);
    return {
      db,
      dialect: 'postgresql',
      location: `postgresql://${url.host}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'ipt.sqlite');
  const sqlite = new SQLite(file);
  // A committed record survives power loss: WAL with a full fsync on commit (shared/DESIGN.md "Data").
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement on every execution; preparing was ~19% of the server's CPU in
 * the bench/api profile. Reuse prepared statements by SQL text (bounded, least recently used first out). Safe
 * because nothing streams rows from one statement twice at once.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Another server holds the data folder: said at start, with what to do (the CLI prints it and exits 2). */
export class DataDirInUse extends ConfigError {}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the data folder for this server alone, for as long as it runs (docs/decisions/0017-throttles.md). Two servers
 * on one SQLite file each keep their own throttles and caches and fail each other's writes with "database is locked".
 *
 * The lock is the operating system's: an exclusive lock SQLite takes on `server.lock` and holds until the connection
 * closes. The kernel releases it when the process ends, however it ends, so a server killed with SIGKILL leaves
 * nothing that stops the next one (a file that merely exists would). SQLite also tells two connections of one
 * process apart. `server.pid` beside it only says who holds it; the lock file is never deleted, since a second
 * server could otherwise lock a new file while the first still holds the old one.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'server.lock');
  const holderFile = path.join(dataDir, 'server.pid');
  const lock = new SQLite(file, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write in exclusive locking mode takes the exclusive lock and keeps it after the commit.
    lock.exec('create table if not exists holder (pid integer not null, started_at text not null)');
    lock.exec('begin exclusive');
    lock.prepare('delete from holder').run();
    lock.prepare('insert into holder (pid, started_at) values (?, ?)').run(process.pid, new Date().toISOString());
    lock.exec('commit');
  } catch (err) {
    lock.close();
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw err;
    throw new DataDirInUse(
      `Another IPT Workbench server (${holderOf(holderFile)}) is already serving the data folder ${dataDir}. ` +
        'Stop it first, or give this server its own IPT_DATA_DIR. Two servers on one SQLite file fail each ' +
        "other's requests; to run several, use PostgreSQL (DATABASE_URL).",
    );
  }
  const holder = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() });
  fs.writeFileSync(holderFile, `${holder}\n`, { mode: 0o644 });
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      lock.close();
    },
  };
}

/** Who holds the lock, as `server.pid` says (it may be missing or half-written: then the words say so). */
function holderOf(holderFile: string): string {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(holderFile, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && 'startedAt' in parsed) {
      return `process ${String(parsed.pid)}, started ${String(parsed.startedAt)}`;
    }
  } catch {
    // Unknown holder: fall through.
  }
  return 'process unknown';
}
