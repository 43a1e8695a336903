/**
 * Throttles held in the database (issue 11; docs/decisions/0017-throttles.md): one row per thing being slowed (an
 * account from an address, an account, an address, a user's current-password checks, a kiosk session's unlocks),
 * keyed by a SHA-256 so no typed email or address is kept. An attempt is counted here before its password is checked,
 * by a compare-and-set on `writes`. The per-user failure count and lock on `users` go: a lock there let anyone who
 * knew an email lock its clinician out.
 */
import type { Kysely } from 'kysely';

const text = 'text' as const;
const int = 'integer' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_throttles')
    .addColumn('key', text, (c) => c.primaryKey().notNull())
    .addColumn('kind', text, (c) => c.notNull())
    /** Failures counted, those in flight included; forgotten after a success or a quiet spell. */
    .addColumn('failures', int, (c) => c.notNull().defaultTo(0))
    /** Bumped by every write: the compare-and-set that makes counting atomic on both databases. */
    .addColumn('writes', int, (c) => c.notNull().defaultTo(0))
    .addColumn('last_failure_at', text)
    /** No attempt is checked before this instant. */
    .addColumn('wait_until', text)
    /** An account signed in from this address until then: it is spared the account-wide and address-wide waits. */
    .addColumn('trusted_until', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_throttles_updated_idx').on('auth_throttles').column('updated_at').execute();
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
