/**
 * The initial phase as records: episodes, life events, inventory entries, circle snapshots, and one each per course
 * of the problem-area choice, the formulation, the treatment contract and the initial-phase facts. Each record is a
 * versioned JSON document whose rules live in core (packages/core/src/initial); its kind says which.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('course_records')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The record's own id for lists, the kind itself for one-per-course records: unique per course. */
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addUniqueConstraint('course_records_slot_uq', ['course_id', 'slot'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
