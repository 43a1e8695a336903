/**
 * Patients' accounts, by invitation (issue 12, part 1): the clinician invites the patient at an email address; the
 * invitation is a single-use link (only the SHA-256 of its 256-bit token is kept) that lets the patient choose a
 * password once, before it expires. A patient record has at most one account (`users.patient_id`, unique).
 */
import type { Kysely } from 'kysely';

const text = 'text' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patient_invitations')
    .addColumn('id_hash', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', text, (c) => c.notNull().references('patients.id'))
    .addColumn('email', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    /** The account the invitation made. */
    .addColumn('user_id', text, (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('patient_invitations_patient_idx')
    .on('patient_invitations')
    .column('patient_id')
    .execute();
  // One account per patient record (NULLs, the staff, are not compared).
  await db.schema.createIndex('users_patient_uq').on('users').column('patient_id').unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
