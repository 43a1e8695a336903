/** Opens the database: the embedded SQLite file by default, PostgreSQL when a URL is given. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
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
