/**
 * Every difference between SQLite and PostgreSQL lives here; repositories never branch on the dialect.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { prepared } from './prepared.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgresql';

/** True when the error is a unique-constraint violation, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Takes the audit chain head for the rest of the transaction. PostgreSQL: a row lock serialises appenders across
 * processes. SQLite: a write transaction is already exclusive once it writes, and the head row is written next.
 */
export async function lockAuditHead(trx: Kysely<Database>, dialect: DialectName) {
  const [row] = await chainHead[dialect](trx, {});
  if (!row) throw new Error('The audit chain head row is missing.');
  return { seq: Number(row.seq), hash: row.hash, keyId: row.keyId };
}

const chainHeadAs = (forUpdate: boolean) =>
  prepared((q, _v: Record<string, never>) => {
    const query = q.selectFrom('auditChainHead').select(['seq', 'hash', 'keyId']).where('id', '=', 1);
    return forUpdate ? query.forUpdate() : query;
  });
const chainHead = { postgresql: chainHeadAs(true), sqlite: chainHeadAs(false) };

/**
 * Runs `fn` on one consistent snapshot of the database, so that rows read by several statements agree with each
 * other while others keep committing. PostgreSQL: a read-only REPEATABLE READ transaction (its snapshot is taken at
 * its first statement). SQLite: one read transaction (in WAL mode its snapshot is taken at its first read and held
 * until it ends; writers carry on).
 */
export function readSnapshot<T>(
  db: Kysely<Database>,
  dialect: DialectName,
  fn: (q: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const trx = db.transaction();
  return (dialect === 'postgresql' ? trx.setIsolationLevel('repeatable read').setAccessMode('read only') : trx).execute(
    fn,
  );
}

/** A normalised description of the schema, for the two-database guard test. */
export async function describeSchema(db: Kysely<Database>) {
  const tables = await db.introspection.getTables();
  const normaliseType = (t: string) => {
    const s = t.toLowerCase();
    if (['int4', 'int8', 'integer', 'bigint'].includes(s)) return 'integer';
    if (['text', 'varchar'].includes(s)) return 'text';
    if (['float8', 'double precision', 'real'].includes(s)) return 'real';
    return s;
  };
  return tables
    .filter((t) => !t.name.startsWith('kysely_'))
    .map((t) => ({
      name: t.name,
      columns: t.columns
        .map((c) => ({ name: c.name, type: normaliseType(c.dataType), nullable: c.isNullable }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function ping(db: Kysely<Database>) {
  await sql`select 1`.execute(db);
}

/** Which database a Kysely instance talks to (for migrations, which receive only the instance). */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgresql' : 'sqlite';
}

/** Makes a table append-only: UPDATE and DELETE fail inside the database itself. */
export async function makeAppendOnly(db: Kysely<unknown>, table: string) {
  if (dialectOf(db) === 'postgresql') {
    await sql
      .raw(
        `create function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${table} is append-only'; end $$;
         create trigger ${table}_no_change before update or delete on ${table} for each row execute function ${table}_append_only();`,
      )
      .execute(db);
    return;
  }
  for (const op of ['update', 'delete']) {
    await sql
      .raw(
        `create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${table} is append-only'); end;`,
      )
      .execute(db);
  }
}
