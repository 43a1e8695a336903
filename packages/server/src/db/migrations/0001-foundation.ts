/** The first room: organisations, people, access, the course of IPT, its sessions and phases, audit. */
import { type Kysely, sql } from 'kysely';
import { makeAppendOnly } from '../dialect.js';

const text = 'text' as const;
const int = 'integer' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('is_demo', int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('active', int, (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', int, (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', text)
    .addColumn('patient_id', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_org_idx').on('users').column('organisation_id').execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id_hash', text, (c) => c.primaryKey().notNull())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('ended_at', text)
    .execute();
  await db.schema.createIndex('auth_sessions_user_idx').on('auth_sessions').column('user_id').execute();

  await db.schema
    .createTable('supervision_links')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('supervisor_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('supervisee_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('supervision_links_pair_uq', ['supervisor_id', 'supervisee_id'])
    .execute();

  await db.schema
    .createTable('patients')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('year_of_birth', int, (c) => c.notNull())
    .addColumn('pronouns', text)
    .addColumn('contact_json', text)
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('deleted_at', text)
    .execute();
  await db.schema.createIndex('patients_org_idx').on('patients').column('organisation_id').execute();

  await db.schema
    .createTable('care_team_members')
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', text, (c) => c.notNull().references('patients.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('added_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('care_team_members_pk', ['patient_id', 'user_id'])
    .execute();
  await db.schema.createIndex('care_team_members_user_idx').on('care_team_members').column('user_id').execute();

  await db.schema
    .createTable('courses')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('patient_id', text, (c) => c.notNull().references('patients.id'))
    .addColumn('format', text, (c) => c.notNull())
    .addColumn('school_preset', text, (c) => c.notNull())
    .addColumn('planned_sessions', int, (c) => c.notNull())
    .addColumn('initial_sessions', int, (c) => c.notNull())
    .addColumn('termination_sessions', int, (c) => c.notNull())
    .addColumn('schedule_weekday', int, (c) => c.notNull())
    .addColumn('schedule_time', text, (c) => c.notNull())
    .addColumn('start_date', text, (c) => c.notNull())
    .addColumn('phase', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('courses_patient_idx').on('courses').column('patient_id').execute();

  await db.schema
    .createTable('phase_transitions')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('course_id', text, (c) => c.notNull().references('courses.id'))
    .addColumn('from_phase', text, (c) => c.notNull())
    .addColumn('to_phase', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('by_user_id', text, (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema.createIndex('phase_transitions_course_idx').on('phase_transitions').column('course_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('course_id', text, (c) => c.notNull().references('courses.id'))
    .addColumn('number', int, (c) => c.notNull())
    .addColumn('date', text, (c) => c.notNull())
    .addColumn('attendance', text, (c) => c.notNull())
    .addColumn('length_minutes', int)
    .addColumn('note', text, (c) => c.notNull())
    .addColumn('phase', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('sessions_course_number_uq', ['course_id', 'number'])
    .execute();

  await db.schema
    .createTable('record_revisions')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    .addColumn('record_type', text, (c) => c.notNull())
    .addColumn('record_id', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('data_json', text, (c) => c.notNull())
    .addColumn('changed_at', text, (c) => c.notNull())
    .addColumn('changed_by', text, (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('record_revisions_uq', ['record_type', 'record_id', 'version'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey().notNull())
    .addColumn('id', text, (c) => c.notNull().unique())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('organisation_id', text)
    .addColumn('user_id', text)
    .addColumn('role', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('entity_type', text, (c) => c.notNull())
    .addColumn('entity_id', text)
    .addColumn('patient_id', text)
    .addColumn('outcome', text, (c) => c.notNull())
    .addColumn('ip', text)
    .addColumn('operation', text)
    .addColumn('prev_hash', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .execute();
  await makeAppendOnly(db, 'audit_events');
  await db.schema.createIndex('audit_events_patient_idx').on('audit_events').column('patient_id').execute();

  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', int, (c) => c.primaryKey().notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .execute();
  await sql`insert into audit_chain_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration is not reversible: restore from a backup instead.');
}
