/**
 * Two-step sign-in (issue 11, part 3; docs/decisions/0019-mfa.md).
 *
 * - `organisations.mfa_required`: the organisation's policy; its staff (clinical roles, supervisors, administrators)
 *   must sign in with a second step. Off for every existing organisation.
 * - `auth_sessions.mfa_stage`: null for a full session; `code` or `enrol` for the half-session a right password opens
 *   when a second step is owed (a code, or setting up an app first). A half-session reaches nothing but that step.
 * - `user_mfa`: one row per user with an authenticator app, or setting one up (`confirmed_at` null). The TOTP secret
 *   is sealed with AES-256-GCM under a key derived from the operator's key, which the database never holds;
 *   `last_step` is the time step of the last code accepted, so no code is accepted twice.
 * - `mfa_recovery_codes`: the SHA-256 of each single-use recovery code (128 random bits each), `used_at` once used.
 */
import type { Kysely } from 'kysely';

const text = 'text' as const;
const int = 'integer' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('organisations')
    .addColumn('mfa_required', int, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('auth_sessions').addColumn('mfa_stage', text).execute();

  await db.schema
    .createTable('user_mfa')
    .addColumn('user_id', text, (c) => c.primaryKey().notNull().references('users.id'))
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    /** `v1.<iv>.<ciphertext>.<tag>`, base64url: AES-256-GCM, the user's id as associated data. */
    .addColumn('secret_sealed', text, (c) => c.notNull())
    .addColumn('confirmed_at', text)
    .addColumn('last_step', int)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_mfa_org_idx').on('user_mfa').column('organisation_id').execute();

  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('code_hash', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mfa_recovery_codes_user_idx')
    .on('mfa_recovery_codes')
    .columns(['user_id', 'code_hash'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
