/**
 * Prepared statements (ADR 0021) on a real SQLite database: values land where their markers were, lists and rows of
 * every length, and a builder that computes with a value instead of placing it is refused on its first run.
 * Also the SQL rewrite that keeps SQLite from preparing a statement again for every new value.
 */
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, sql, SqliteDialect } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { planStableParameters } from './connect.js';
import { prepared } from './prepared.js';
import type { Database } from './schema.js';

let db: Kysely<Database>;
let statements: string[];

beforeAll(async () => {
  statements = [];
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
    plugins: [new CamelCasePlugin()],
    log: (e) => void statements.push(e.query.sql),
  });
  await sql`create table organisations (id text primary key, name text not null, is_demo integer not null, mfa_required integer not null, created_at text not null)`.execute(
    db,
  );
});

const byIds = prepared((q, v: { ids: readonly string[]; name: string }) =>
  q
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', v.ids)
    .where('name', '!=', v.name)
    .orderBy('id'),
);
const insert = prepared((q, v: { rows: readonly Database['organisations'][] }) =>
  q.insertInto('organisations').values(v.rows),
);
const org = (id: string, name = `Clinic ${id}`) => ({ id, name, isDemo: 0, mfaRequired: 0, createdAt: '2026-12-06' });

describe('prepared statements', () => {
  it('inserts rows and reads lists of any length, each length its own statement, each value in its place', async () => {
    await insert(db, { rows: [org('a'), org('b'), org('c', 'Hidden')] });
    await insert(db, { rows: [org('d')] });
    expect(await byIds(db, { ids: ['a', 'c', 'd'], name: 'Hidden' })).toEqual([
      { id: 'a', name: 'Clinic a' },
      { id: 'd', name: 'Clinic d' },
    ]);
    expect(await byIds(db, { ids: ['b'], name: 'nobody' })).toEqual([{ id: 'b', name: 'Clinic b' }]);
    // The same shape again reuses the statement: same SQL, new values.
    expect(await byIds(db, { ids: ['c'], name: 'nobody' })).toEqual([{ id: 'c', name: 'Hidden' }]);
    expect(statements.filter((s) => s.startsWith('select')).at(-1)).toBe(
      statements.filter((s) => s.startsWith('select')).at(-2),
    );
  });

  it('takes a value with a quote, a marker-like text or a null as data, never as SQL', async () => {
    await insert(db, { rows: [org('e', "O'Brien; drop table organisations --")] });
    expect(await byIds(db, { ids: ['e'], name: '\u0001name\u0001' })).toEqual([
      { id: 'e', name: "O'Brien; drop table organisations --" },
    ]);
  });

  it('refuses a builder that computes with a value instead of placing it', async () => {
    const computed = prepared((q, v: { name: string }) =>
      q.selectFrom('organisations').select('id').where('name', '=', v.name.toUpperCase()),
    );
    await expect(computed(db, { name: 'x' })).rejects.toThrow(/changed before it was bound/);
    const dropped = prepared((q, _v: { name: string }) => q.selectFrom('organisations').select('id'));
    await expect(dropped(db, { name: 'x' })).rejects.toThrow(/name are not bound/);
  });
});

describe('planStableParameters', () => {
  it('writes each parameter as +? and leaves quoted text and identifiers as they are', () => {
    expect(planStableParameters('select * from "a?" where x = ? and y in (?, ?) and z = \'?\' limit ?')).toBe(
      'select * from "a?" where x = +? and y in (+?, +?) and z = \'?\' limit +?',
    );
    expect(planStableParameters("select 'it''s ?' as t, [b?] from c where d = ?")).toBe(
      "select 'it''s ?' as t, [b?] from c where d = +?",
    );
  });

  it('keeps the statement working on SQLite: same rows with +? as with ?', () => {
    const s = new SQLite(':memory:');
    s.exec("create table t (id text primary key, n integer); insert into t values ('a', 1), ('b', 2);");
    const q = 'select id from t where id in (?, ?) and n >= ? order by id limit ?';
    expect(s.prepare(planStableParameters(q)).all('a', 'b', 2, 5)).toEqual(s.prepare(q).all('a', 'b', 2, 5));
    expect(s.prepare(planStableParameters('insert into t values (?, ?)')).run('c', 3).changes).toBe(1);
  });
});
