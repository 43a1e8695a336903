/**
 * The database side of `ipt backup` and `ipt restore` on SQLite (docs/decisions/0020-backup-restore.md): an online,
 * consistent copy of the file beside a running server, a digest of every table to prove a round trip identical,
 * and the checks a restore makes before it puts a database in place.
 *
 * The copy is SQLite's online backup API run inside one read transaction of the copying connection: in WAL mode that
 * transaction's snapshot is taken at its first read and held until it ends, and the backup reads its pages through
 * it, so the copy, the digests and the audit head all describe one moment while the server keeps committing (the
 * backup never restarts, as it would without the transaction when another process writes).
 */
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { z } from 'zod';
import { type Db, withWriteGroup } from './connect.js';
import type { Database } from './schema.js';

/** One table's content: its rows, and a SHA-256 over them in primary-key order. */
export interface TableDigest {
  readonly name: string;
  readonly rows: number;
  readonly sha256: string;
}

/** What a snapshot holds, read in the same transaction as its pages. */
export interface SqliteSnapshot {
  readonly tables: readonly TableDigest[];
  readonly audit: { readonly seq: number; readonly hash: string; readonly keyId: string | null };
  /** The last migration applied to the copied database. */
  readonly migration: string;
  readonly pages: number;
}

/** Tables that a freshly migrated database already fills (the migrator's own bookkeeping). */
const bookkeeping = new Set(['kysely_migration', 'kysely_migration_lock', 'audit_chain_head']);

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function tableNames(sqlite: SQLite.Database): string[] {
  return sqlite
    .prepare(
      "select name from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name",
    )
    .pluck()
    .all()
    .filter((n): n is string => typeof n === 'string');
}

/**
 * A digest of every table: the rows in primary-key order (rowid when there is none), each as the JSON array of its
 * columns in their declared order (a blob as `{"blob": "<hex>"}`), one per line, hashed with SHA-256. Two databases
 * with the same digests hold the same rows, value for value.
 */
export function digestTables(sqlite: SQLite.Database): TableDigest[] {
  return tableNames(sqlite).map((name) => {
    const columns = sqlite.pragma(`table_info(${quote(name)})`) as { name: string; pk: number }[];
    const key = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => quote(c.name));
    const hash = createHash('sha256');
    let rows = 0;
    const select = sqlite.prepare(`select * from ${quote(name)} order by ${key.length > 0 ? key.join(', ') : 'rowid'}`);
    for (const row of select.raw().iterate()) {
      const values = Array.isArray(row)
        ? row.map((v: unknown) => (Buffer.isBuffer(v) ? { blob: v.toString('hex') } : v))
        : row;
      hash.update(JSON.stringify(values));
      hash.update('\n');
      rows++;
    }
    return { name, rows, sha256: hash.digest('hex') };
  });
}

/** The file is not an IPT Workbench database: not SQLite, or never migrated. */
export class NotAWorkbenchDatabase extends Error {}

const HeadRow = z.object({ seq: z.number(), hash: z.string(), key_id: z.string().nullable() });

function auditHead(sqlite: SQLite.Database): SqliteSnapshot['audit'] {
  const row = HeadRow.safeParse(sqlite.prepare('select seq, hash, key_id from audit_chain_head where id = 1').get());
  if (!row.success) throw new NotAWorkbenchDatabase('it has no audit chain head: it was never migrated');
  return { seq: row.data.seq, hash: row.data.hash, keyId: row.data.key_id };
}

function lastMigration(sqlite: SQLite.Database): string {
  const name: unknown = sqlite.prepare('select name from kysely_migration order by name desc limit 1').pluck().get();
  return typeof name === 'string' ? name : '';
}

/**
 * Copies the SQLite database at `source` to `dest` (a new file) online and consistently, beside a server that keeps
 * writing, and describes the copy from the same snapshot. `onPages` reports the pages copied so far.
 */
export async function snapshotSqlite(
  source: string,
  dest: string,
  onPages?: (done: number, total: number) => void,
): Promise<SqliteSnapshot> {
  const sqlite = new SQLite(source, { fileMustExist: true, timeout: 5000 });
  try {
    if (!tableNames(sqlite).includes('audit_chain_head')) throw new NotAWorkbenchDatabase('it was never migrated');
    // A deferred transaction: its snapshot is taken by the first read below, and every later read, the backup's
    // included, sees that snapshot until the commit.
    sqlite.exec('begin');
    const audit = auditHead(sqlite);
    const migration = lastMigration(sqlite);
    const tables = digestTables(sqlite);
    const result = await sqlite.backup(dest, {
      progress: ({ totalPages, remainingPages }) => {
        onPages?.(totalPages - remainingPages, totalPages);
        // About 4 MiB per step at 4 KiB pages: fast, and the event loop still turns between steps.
        return 1024;
      },
    });
    sqlite.exec('commit');
    onPages?.(result.totalPages, result.totalPages);
    return { tables, audit, migration, pages: result.totalPages };
  } finally {
    sqlite.close();
  }
}

/** The tables of an existing database that hold data (a freshly migrated one holds none). */
export function tablesHoldingData(file: string): string[] {
  const sqlite = new SQLite(file, { fileMustExist: true, timeout: 5000 });
  try {
    const holding = tableNames(sqlite).filter(
      (name) => !bookkeeping.has(name) && sqlite.prepare(`select 1 from ${quote(name)} limit 1`).get() !== undefined,
    );
    if (tableNames(sqlite).includes('audit_chain_head') && auditHead(sqlite).seq > 0) holding.push('audit_chain_head');
    return holding;
  } finally {
    sqlite.close();
  }
}

/** What a restore checks on the decrypted file before it is put in place. */
export interface SqliteFileCheck {
  /** `PRAGMA integrity_check`'s findings; empty when the file is sound. */
  readonly problems: readonly string[];
  readonly tables: readonly TableDigest[];
  readonly audit: SqliteSnapshot['audit'];
  readonly migration: string;
}

export function checkSqliteFile(file: string): SqliteFileCheck {
  const sqlite = new SQLite(file, { fileMustExist: true, timeout: 5000 });
  try {
    const findings: unknown = sqlite.pragma('integrity_check');
    const problems = (Array.isArray(findings) ? findings : [findings])
      .map((r: unknown) =>
        typeof r === 'object' && r !== null && 'integrity_check' in r ? String(r.integrity_check) : String(r),
      )
      .filter((f) => f !== 'ok');
    if (problems.length > 0) return { problems, tables: [], audit: { seq: 0, hash: '', keyId: null }, migration: '' };
    sqlite.exec('begin');
    const result = {
      problems,
      tables: digestTables(sqlite),
      audit: auditHead(sqlite),
      migration: lastMigration(sqlite),
    };
    sqlite.exec('commit');
    return result;
  } finally {
    sqlite.close();
  }
}

/** A Kysely database over one SQLite file by its path (the file a restore is about to put in place). */
export function openSqliteFile(file: string): Db {
  const sqlite = new SQLite(file, { fileMustExist: true, timeout: 5000 });
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  return withWriteGroup(db, 'sqlite', file);
}
