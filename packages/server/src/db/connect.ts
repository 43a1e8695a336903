/** Opens the database: the embedded SQLite file by default, PostgreSQL when a URL is given. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../config.js';
import type { DialectName } from './dialect.js';
import type { Database } from './schema.js';
import { WriteGroup, type WriteGroupStats } from './write-group.js';

// bigint columns (audit sequence numbers) come back as JS numbers; they stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface Db {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data is, for humans: the SQLite path or the PostgreSQL host and database (no password). */
  readonly location: string;
  /**
   * Runs a write transaction by group commit (write-group.ts): with the writes that wait beside it, in its own
   * savepoint, acknowledged once their one commit is durable. Every write of the server goes this way.
   */
  write<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Keeps `items` for the before-commit step of the write group `trx` belongs to, if the work running on it now
   * succeeds; false when `trx` is not a group's connection.
   */
  defer(trx: Kysely<Database>, items: readonly unknown[]): boolean;
  /** Hands `items` to the next group's before-commit step alone; resolves once that group's commit is durable. */
  append(items: readonly unknown[]): Promise<void>;
  /** The step that runs last in every group's transaction with what its works deferred (the audit log's). */
  beforeCommit(step: (trx: Kysely<Database>, items: readonly unknown[]) => Promise<void>): void;
  /** Runs `work` alone on the writing connection, outside any group (the migrations, which take their own). */
  exclusive<T>(work: (writer: Kysely<Database>) => Promise<T>): Promise<T>;
  /** How many group commits and writes so far. */
  readonly writeStats: WriteGroupStats;
  close(): Promise<void>;
}

/** One statement the database ran: its SQL and how long it took. For measuring (bench/api/queries.js), never logged. */
export interface QueryObservation {
  readonly sql: string;
  readonly ms: number;
  readonly failed: boolean;
}

export interface OpenDatabaseOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  /** Told of every statement, after it ran. */
  readonly onQuery?: ((q: QueryObservation) => void) | undefined;
}

export function openDatabase(options: OpenDatabaseOptions): Db {
  const plugins = [new CamelCasePlugin()];
  const { onQuery } = options;
  const log = onQuery
    ? (e: LogEvent) => onQuery({ sql: e.query.sql, ms: e.queryDurationMillis, failed: e.level === 'error' })
    : undefined;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, Client: NamedStatementClient });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins, ...(log && { log }) });
    const url = new URL(options.databaseUrl);
    return withWriteGroup(db, 'postgresql', `postgresql://${url.host}${url.pathname}`);
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'ipt.sqlite');
  // Two connections (ADR 0021): one that writes, used by the write group alone, and one that only reads, so that
  // requests read committed data while a group's transaction is open. WAL lets the reader go on beside the writer.
  const writer = new SQLite(file);
  // A committed record survives power loss: WAL with a full fsync on commit (shared/DESIGN.md "Data").
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 5000');
  const reader = new SQLite(file);
  // Any write through the reading connection fails at once instead of waiting for the writer's lock.
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  const kysely = (connection: SQLite.Database) =>
    new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(connection) }),
      plugins,
      ...(log && { log }),
    });
  return withWriteGroup(kysely(reader), 'sqlite', file, kysely(writer));
}

/**
 * The database behind its one write path: reads on `db`, writes by group commit on `writer` (the same pool of
 * connections on PostgreSQL; SQLite's own writing connection).
 */
export function withWriteGroup(
  db: Kysely<Database>,
  dialect: DialectName,
  location: string,
  writer: Kysely<Database> = db,
): Db {
  // PostgreSQL: four of the pool's ten connections write (their groups meet at the audit chain head); SQLite: one.
  const group = new WriteGroup(writer, { lanes: dialect === 'postgresql' ? 4 : 1 });
  return {
    db,
    dialect,
    location,
    write: (work) => group.run(work),
    exclusive: (work) => group.exclusive(work),
    defer: (trx, items) => group.defer(trx, items),
    append: (items) => group.append(items),
    beforeCommit: (step) => {
      group.beforeCommit = step;
    },
    get writeStats() {
      return group.stats;
    },
    close: async () => {
      await group.idle();
      await db.destroy();
      if (writer !== db) await writer.destroy();
    },
  };
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
        stmt = sqlite.prepare(planStableParameters(sql));
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * Writes every bound parameter `?` as `+?`, outside quoted text and identifiers (ADR 0021).
 *
 * better-sqlite3 builds SQLite with STAT4, and then the query planner may look at the value bound to a parameter
 * that it compares with an indexed column: such a statement is prepared again on its first step after every new
 * binding, which is every execution. That cost 20 µs of a 24 µs primary-key read with an ORDER BY (bench/api,
 * issue 16), and every statement of a request paid it. `+?` is the same value (a bound parameter has no affinity to
 * lose), but it is an expression, not a parameter, so the plan never depends on it and the prepared statement is
 * reused as it is. The plan is then the one chosen without the value, as on PostgreSQL's generic plans.
 */
export function planStableParameters(sql: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql.charAt(i);
    if (quote !== null) {
      out += c;
      // A doubled quote inside quoted text is the quote character itself, and the text goes on.
      if (c === quote) {
        if (sql.charAt(i + 1) === quote) out += sql.charAt(++i);
        else quote = null;
      }
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
      out += c;
    } else if (c === '[') {
      const end = sql.indexOf(']', i);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?' && !/[\w?]/.test(sql.charAt(i - 1))) {
      out += '+?';
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * A PostgreSQL client that prepares each statement once per connection, by name (ADR 0021): PostgreSQL then parses
 * and plans it once, not on every execution, and each later run sends only its values. The name is a digest of the
 * SQL text, so one text is one statement and two texts never share a name. Kysely runs every query as
 * `query(text, values)`; one without values, or anything else (a query config, a callback), goes to pg as it is.
 */
class NamedStatementClient extends pg.Client {
  private static readonly names = new Map<string, string>();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const plain = this.query.bind(this) as (...args: unknown[]) => unknown;
    // An own property, not an override: pg's overloads of query() cannot be restated by a subclass.
    Object.defineProperty(this, 'query', {
      value: (...args: unknown[]) => {
        const [text, values, callback] = args;
        // With values only: a statement without any (begin, commit, a migration's several commands) goes as it is.
        if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined) {
          return plain(...args);
        }
        let name = NamedStatementClient.names.get(text);
        if (name === undefined) {
          name = `ipt_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
          NamedStatementClient.names.set(text, name);
        }
        return plain({ name, text, values });
      },
    });
  }
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
