/**
 * The email outbox (issue 12, part 6): an email is a row written in the same transaction as what it is about (a
 * questionnaire link), and the server sends it afterwards, retrying until the mail server takes it. A restart loses
 * nothing: the row waits. A row is claimed before it is sent, so two servers on one PostgreSQL never send it twice,
 * and its body (which holds a single-use link) is erased once it has gone.
 */
import type { Kysely } from 'kysely';

const text = 'text' as const;
const int = 'integer' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', text, (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', text, (c) => c.notNull().references('organisations.id'))
    /** What the email is for, e.g. `measure-link`: one email per purpose and subject, never two. */
    .addColumn('purpose', text, (c) => c.notNull())
    .addColumn('to_address', text, (c) => c.notNull())
    .addColumn('subject', text, (c) => c.notNull())
    /** Erased (empty) once sent: it may hold a single-use link. */
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', text, (c) => c.notNull())
    /** A server is sending it until then; another may take it over after. */
    .addColumn('claimed_until', text)
    .addColumn('sent_at', text)
    /** Given up after the last attempt. */
    .addColumn('failed_at', text)
    .addColumn('last_error', text)
    .execute();
  await db.schema
    .createIndex('email_outbox_due_idx')
    .on('email_outbox')
    .columns(['sent_at', 'next_attempt_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore from a backup instead.');
}
