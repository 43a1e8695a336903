/**
 * Statements built once and run many times (docs/decisions/0021-hot-paths.md).
 *
 * Kysely builds, transforms and compiles a query each time it runs: on the hot paths that was a third of the
 * server's time, more than the database itself (bench/api, issue 16). A prepared statement is built from its
 * builder once per kind of database and shape of values, with a marker in place of each value; each run then binds
 * the values where the markers were and executes the compiled SQL as it is (the driver's own statement cache on
 * SQLite, pg's on PostgreSQL), through the same Kysely executor: the same plugins, the same connection or
 * transaction, the same log.
 *
 *   const findCourse = prepared((q, v: { organisationId: string; id: string }) =>
 *     q.selectFrom('courses').selectAll().where('id', '=', v.id).where('organisationId', '=', v.organisationId));
 *   const rows = await findCourse(trx, { organisationId, id });
 *
 * The builder must only place the values, never compute with them (no `if`, no arithmetic, no `JSON.stringify`):
 * what it sees are markers. A value the compiled SQL does not carry as one whole parameter is refused when the
 * statement is first prepared, so a builder that computes with a value fails on its first run, in every test.
 * Values are strings, numbers or null, lists of them (an `in` list: one statement per length), or lists of rows of
 * them (a multi-row insert: one statement per number of rows).
 */
import { type Compilable, type CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './schema.js';
import type { Q } from './repositories/tx.js';

type Scalar = string | number | null;
type Row = { readonly [column: string]: Scalar };
/** A row is any object of scalars (a table's row interface has no index signature, so `object` here). */
type Value = Scalar | readonly Scalar[] | readonly object[];
type Values = { readonly [name: string]: Value };

/** Where a parameter of the compiled statement comes from: a value (by path) or a constant of the builder. */
type Slot =
  | { readonly name: string; readonly index?: number; readonly column?: string }
  | { readonly constant: unknown };

interface Statement<R> {
  readonly compiled: CompiledQuery<R>;
  readonly slots: readonly Slot[];
}

const MARK = '\u0001';

export type Prepared<V extends Values, R> = (q: Q, values: V) => Promise<R[]>;

export function prepared<V extends Values, R>(
  build: (q: Kysely<Database>, values: V) => Compilable<R>,
): Prepared<V, R> {
  const statements = new Map<string, Statement<R>>();
  return async (q, values) => {
    const key = shapeOf(q, values);
    let statement = statements.get(key);
    if (!statement) {
      statement = prepare(q, build, values);
      statements.set(key, statement);
    }
    const parameters = statement.slots.map((s) => ('constant' in s ? s.constant : bind(values, s)));
    const result = await q.executeQuery<R>({ ...statement.compiled, parameters });
    return result.rows;
  };
}

/** The kind of database, the length of each list and the columns of rows: what decides the SQL text. */
function shapeOf(q: Q, values: Values): string {
  // The kind of database, as dialect.ts's dialectOf tells it (not imported: dialect.ts prepares statements too).
  let key = q.getExecutor().adapter instanceof PostgresAdapter ? 'postgresql' : 'sqlite';
  for (const name in values) {
    const v = values[name];
    if (!Array.isArray(v)) continue;
    key += `|${name}:${v.length}`;
    // Rows: their columns decide the SQL too (an insert names them).
    const first: unknown = v[0];
    if (first !== null && typeof first === 'object') key += `(${Object.keys(first).join(',')})`;
  }
  return key;
}

function bind(values: Values, slot: { readonly name: string; readonly index?: number; readonly column?: string }) {
  const v = values[slot.name];
  if (slot.index === undefined) return v;
  const item = (v as readonly (Scalar | Row)[])[slot.index];
  return slot.column === undefined ? item : (item as Row)[slot.column];
}

function prepare<V extends Values, R>(
  q: Q,
  build: (q: Kysely<Database>, values: V) => Compilable<R>,
  values: V,
): Statement<R> {
  const paths = new Map<string, { name: string; index?: number; column?: string }>();
  const mark = (path: string, slot: { name: string; index?: number; column?: string }) => {
    const marker = `${MARK}${path}${MARK}`;
    paths.set(marker, slot);
    return marker;
  };
  // The markers are values of the same shape (strings in place of numbers): the builder only places them.
  const markers: { [name: string]: Value } = {};
  for (const name in values) {
    const v = values[name];
    if (!Array.isArray(v)) {
      markers[name] = mark(name, { name });
      continue;
    }
    const items = v as readonly (Scalar | Row)[];
    const first = items[0];
    if (first === undefined || first === null || typeof first !== 'object') {
      markers[name] = items.map((_, index) => mark(`${name}#${index}`, { name, index }));
      continue;
    }
    markers[name] = items.map((item, index) => {
      const row: Record<string, string> = {};
      for (const column in item as Row) row[column] = mark(`${name}#${index}.${column}`, { name, index, column });
      return row;
    });
  }
  const compiled = build(q, markers as V).compile();
  const unused = new Set(paths.keys());
  const slots = compiled.parameters.map((p): Slot => {
    if (typeof p === 'string' && p.includes(MARK)) {
      const slot = paths.get(p);
      if (!slot) throw new Error(`Prepared statement: a value was changed before it was bound (${JSON.stringify(p)}).`);
      unused.delete(p);
      return slot;
    }
    return { constant: p };
  });
  if (unused.size > 0) {
    const names = [...unused].map((m) => m.slice(1, -1)).join(', ');
    throw new Error(`Prepared statement: the values ${names} are not bound as parameters of the statement.`);
  }
  return { compiled, slots };
}
