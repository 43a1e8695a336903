/**
 * An audit trail that cannot be cut quietly (docs/decisions/0016): the chain head remembers the id of the key its
 * keyed segment is written with, and neither the trail nor its head can be emptied inside the database. PostgreSQL's
 * TRUNCATE skips row triggers, so it gets its own statement triggers; SQLite has no TRUNCATE (its DELETE without a
 * WHERE clause already meets the row trigger of migration 0001).
 */
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_chain_head').addColumn('key_id', 'text').execute();
  if (dialectOf(db) === 'postgresql') {
    await sql
      .raw(
        `create trigger audit_events_no_truncate before truncate on audit_events
           for each statement execute function audit_events_append_only();
         create function audit_chain_head_kept() returns trigger language plpgsql as $$
           begin raise exception 'audit_chain_head cannot be removed'; end $$;
         create trigger audit_chain_head_no_delete before delete on audit_chain_head
           for each row execute function audit_chain_head_kept();
         create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
           for each statement execute function audit_chain_head_kept();`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create trigger audit_chain_head_no_delete before delete on audit_chain_head
         begin select raise(abort, 'audit_chain_head cannot be removed'); end;`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
