/**
 * Group commit for writes (ADR 0021), on a real SQLite file and a real PostgreSQL database: concurrent writes share
 * commits and every acknowledged one is there; a failing write is undone alone and its caller hears its own error;
 * a group whose commit fails acknowledges nothing; the reading connection writes nothing. The crash side (kill -9
 * during grouped writes) is crash.int.test.ts in packages/cli.
 */
import { type Db, migrateToLatest, openDatabase, repositories } from '@ipt/server';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dbTargets } from '../../test/harness.js';

const targets = await dbTargets();
const { organisationsRepository: organisations } = repositories;

describe.each(targets)('write groups on $name', (target) => {
  const open: { db: Db; drop: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) {
      await o.db.close();
      await o.drop();
    }
  });
  const fresh = async () => {
    const created = await target.create();
    const db = openDatabase({ dataDir: created.env.IPT_DATA_DIR as string, databaseUrl: created.env.DATABASE_URL });
    open.push({ db, drop: () => created.drop() });
    await db.exclusive((writer) => migrateToLatest(writer));
    return db;
  };
  const org = (n: number) => ({
    id: `org-${String(n).padStart(3, '0')}`,
    name: `Write group clinic ${n}`,
    isDemo: 0,
    mfaRequired: 0,
    createdAt: '2026-12-06T09:00:00.000Z',
  });
  const ids = async (db: Db) =>
    (await db.db.selectFrom('organisations').select('id').orderBy('id').execute()).map((r) => r.id);

  it('commits concurrent writes together, each acknowledged only when it is there', async () => {
    const db = await fresh();
    const before = db.writeStats;
    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        db.write((trx) => organisations.insertOrganisation(trx, org(n))).then(() => acknowledged.push(org(n).id)),
      ),
    );
    expect(acknowledged).toHaveLength(60);
    expect(await ids(db)).toEqual(acknowledged.sort());
    const after = db.writeStats;
    expect(after.works - before.works).toBe(60);
    // Shared commits: fewer groups than writes, and at least one group carried several.
    expect(after.groups - before.groups).toBeLessThan(60);
    expect(after.largest).toBeGreaterThan(1);
  });

  it('undoes a failing write alone: the others in its group commit, its caller gets its own error', async () => {
    const db = await fresh();
    const results = await Promise.allSettled([
      db.write((trx) => organisations.insertOrganisation(trx, org(1))),
      db.write(async (trx) => {
        await organisations.insertOrganisation(trx, org(2));
        throw new Error('the second write changes its mind after writing');
      }),
      db.write((trx) => organisations.insertOrganisation(trx, org(1))), // the same id again: a unique violation
      db.write(async (trx) => {
        // It sees the first write (before it in its group, or committed already), never the undone second.
        const seen = await trx.selectFrom('organisations').select('id').orderBy('id').execute();
        await organisations.insertOrganisation(trx, org(4));
        return seen.map((r) => r.id);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/changes its mind/);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/unique|UNIQUE/);
    // PostgreSQL's lanes may put the first write in another group, not yet committed: seen, or not yet; never a
    // write that was undone.
    expect((results[3] as PromiseFulfilledResult<string[]>).value).not.toContain('org-002');
    expect(await ids(db)).toEqual(['org-001', 'org-004']);
  });

  it('acknowledges nothing of a group whose commit step fails', async () => {
    const db = await fresh();
    // The step before commit (the audit log's append, in the server) fails for this group.
    db.beforeCommit(() => Promise.reject(new Error('the disk is full')));
    const results = await Promise.allSettled([
      db.write(async (trx) => {
        await organisations.insertOrganisation(trx, org(7));
        // What the server's pipeline does with a write's audit events: kept for the group's step before commit.
        expect(db.defer(trx, ['its audit event'])).toBe(true);
      }),
      db.append(['an audit event of a read']),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/disk is full/);
    expect(await ids(db)).toEqual([]);
    // The next group, with a working step, goes on.
    db.beforeCommit(() => Promise.resolve());
    await db.write((trx) => organisations.insertOrganisation(trx, org(8)));
    expect(await ids(db)).toEqual(['org-008']);
  });

  it('writes only through the group: the reading connection refuses a write on SQLite', async () => {
    const db = await fresh();
    const attempt = organisations.insertOrganisation(db.db, org(9));
    if (target.name === 'sqlite') {
      await expect(attempt).rejects.toThrow(/readonly/);
      expect(await ids(db)).toEqual([]);
    } else {
      // PostgreSQL: one pool; the server itself writes only by db.write (lint rule and the pipeline).
      await attempt;
      expect(await ids(db)).toEqual(['org-009']);
    }
    expect(await sql<{ one: number }>`select 1 as one`.execute(db.db)).toMatchObject({ rows: [{ one: 1 }] });
  });
});
