/**
 * Risk overrides: a step that went ahead with a risk flag open (leaving the initial phase, finishing a session's
 * note), with the clinician's written reason (DOMAIN §10.2; issue "Risk enforced"). The flags stay open; only a
 * safety review closes them. Append-only, like the reviews.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('risk_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    /** `leave-initial-phase` or `finish-session-work` (core's RiskGatedStep). */
    .addColumn('step', 'text', (c) => c.notNull())
    /** The session whose note was finished, or null for a phase move. */
    .addColumn('session_id', 'text')
    .addColumn('flag_ids_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_overrides_patient_idx').on('risk_overrides').column('patient_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
