import { describeSchema, openDatabase, migrateToLatest } from '@ipt/server';
import { describe, expect, it } from 'vitest';
import { dbTargets } from '../../test/harness.js';

const targets = await dbTargets();

describe('the schema guard', () => {
  it('migrates SQLite and PostgreSQL to the same tables, columns, types and nullability', async () => {
    expect(targets.map((t) => t.name)).toContain('postgresql');
    const schemas = [];
    for (const target of targets) {
      const created = await target.create();
      const db = openDatabase({ dataDir: created.env.IPT_DATA_DIR as string, databaseUrl: created.env.DATABASE_URL });
      try {
        await db.exclusive((writer) => migrateToLatest(writer));
        schemas.push(await describeSchema(db.db));
      } finally {
        await db.close();
        await created.drop();
      }
    }
    expect(schemas[0]?.length).toBeGreaterThan(10);
    expect(schemas[1]).toEqual(schemas[0]);
  });
});
