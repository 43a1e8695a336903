/**
 * Measurement-based care: administrations scored by a recorded scorer version, risk flags and safety reviews,
 * single-use questionnaire links (and kiosk hand-overs), measure schedules, chart annotations, text packs.
 */
import type { Kysely } from 'kysely';

const text = 'text' as const;
const int = 'integer' as const;
const real = 'double precision' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('courses')
    .addColumn('perinatal', int, (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('administrations')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', text, (c) => c.notNull().references('patients.id'))
    .addColumn('course_id', text, (c) => c.notNull().references('courses.id'))
    .addColumn('session_id', text, (c) => c.references('sessions.id'))
    .addColumn('instrument_id', text, (c) => c.notNull())
    .addColumn('instrument_version', text, (c) => c.notNull())
    .addColumn('answers_json', text, (c) => c.notNull())
    .addColumn('scorable', int, (c) => c.notNull())
    .addColumn('total', real)
    .addColumn('band', text)
    .addColumn('flags_json', text, (c) => c.notNull())
    .addColumn('reason', text)
    .addColumn('scorer_version', text, (c) => c.notNull())
    .addColumn('mode', text, (c) => c.notNull())
    .addColumn('administered_at', text, (c) => c.notNull())
    .addColumn('entered_by', text, (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('administrations_course_idx').on('administrations').column('course_id').execute();

  await db.schema
    .createTable('risk_flags')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', text, (c) => c.notNull().references('patients.id'))
    .addColumn('course_id', text, (c) => c.notNull().references('courses.id'))
    .addColumn('administration_id', text, (c) => c.notNull().references('administrations.id'))
    .addColumn('instrument_id', text, (c) => c.notNull())
    .addColumn('item', text, (c) => c.notNull())
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('label', text, (c) => c.notNull())
    .addColumn('answer_label', text, (c) => c.notNull())
    .addColumn('weight', real, (c) => c.notNull())
    .addColumn('raised_at', text, (c) => c.notNull())
    .addColumn('review_id', text)
    .execute();
  await db.schema.createIndex('risk_flags_patient_idx').on('risk_flags').column('patient_id').execute();

  await db.schema
    .createTable('safety_reviews')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', text, (c) => c.notNull().references('patients.id'))
    .addColumn('risk_level', text, (c) => c.notNull())
    .addColumn('asked', text, (c) => c.notNull())
    .addColumn('assessment_json', text, (c) => c.notNull())
    .addColumn('safety_plan_json', text, (c) => c.notNull())
    .addColumn('review_by', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('measure_links')
    .addColumn('id_hash', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', text, (c) => c.notNull().references('patients.id'))
    .addColumn('course_id', text, (c) => c.notNull().references('courses.id'))
    .addColumn('session_id', text)
    .addColumn('instrument_id', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .addColumn('administration_id', text)
    .execute();

  await db.schema.alterTable('auth_sessions').addColumn('kiosk_link_hash', text).execute();

  await db.schema
    .createTable('measure_schedules')
    .addColumn('course_id', text, (c) => c.primaryKey().notNull().references('courses.id'))
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('rules_json', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('annotations')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('course_id', text, (c) => c.notNull().references('courses.id'))
    .addColumn('date', text, (c) => c.notNull())
    .addColumn('label', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('instrument_text_packs')
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('instrument_id', text, (c) => c.notNull())
    .addColumn('pack_json', text, (c) => c.notNull())
    .addColumn('imported_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('instrument_text_packs_pk', ['organisation_id', 'instrument_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
