/**
 * When a questionnaire was answered, apart from when it was recorded: a paper form entered after the session says
 * the day the patient filled it in (issue 10, "Scores on their sessions"). Every administration recorded before
 * this had both at once, so `answered_at` starts as a copy of `administered_at`; new rows always fill it. The column
 * stays nullable because SQLite cannot add a NOT NULL column without a default, and the schema guard wants both
 * databases alike; readers fall back to `administered_at` all the same.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('administrations').addColumn('answered_at', 'text').execute();
  await sql`update administrations set answered_at = administered_at`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
