/** One migration chain for both databases. */
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-measures.js';
import * as m0003 from './migrations/0003-initial-phase.js';
import * as m0004 from './migrations/0004-answered-at.js';
import * as m0005 from './migrations/0005-risk-overrides.js';
import * as m0007 from './migrations/0007-audit-anchored.js';
import * as m0008 from './migrations/0008-throttles.js';
import * as m0009 from './migrations/0009-mfa.js';
import * as m0010 from './migrations/0010-email-outbox.js';
import * as m0011 from './migrations/0011-patient-invitations.js';
import type { Database } from './schema.js';

const chain: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-measures': m0002,
  '0003-initial-phase': m0003,
  '0004-answered-at': m0004,
  '0005-risk-overrides': m0005,
  '0007-audit-anchored': m0007,
  '0008-throttles': m0008,
  '0009-mfa': m0009,
  '0010-email-outbox': m0010,
  '0011-patient-invitations': m0011,
};

class InCodeProvider implements MigrationProvider {
  getMigrations() {
    return Promise.resolve(chain);
  }
}

export const latestMigration = Object.keys(chain).at(-1) ?? '';

export async function migrateToLatest(db: Kysely<Database>) {
  const migrator = new Migrator({ db, provider: new InCodeProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('A migration failed.', { cause: error });
  return results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
}

export async function migrationLevel(db: Kysely<Database>) {
  const migrator = new Migrator({ db, provider: new InCodeProvider() });
  const all = await migrator.getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined);
  return { applied: applied.length, latest: applied.at(-1)?.name ?? '' };
}
