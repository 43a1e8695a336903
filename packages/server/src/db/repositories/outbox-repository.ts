/**
 * The email outbox's rows (migration 0010). Emails are written by services inside their own write; the server's
 * sender (mail/outbox.ts) drains them across organisations, claiming each row before it sends it.
 */
import type { EmailOutboxTable } from '../schema.js';
import type { Q } from './tx.js';

export function insertEmail(q: Q, row: EmailOutboxTable) {
  return q.insertInto('emailOutbox').values(row).execute();
}

/** Up to `limit` emails due now and not claimed by a server (or whose claim has lapsed), oldest first. */
export function listDueEmails(q: Q, now: string, limit: number) {
  return q
    .selectFrom('emailOutbox')
    .select(['id', 'organisationId', 'toAddress', 'subject', 'body', 'attempts'])
    .where('sentAt', 'is', null)
    .where('failedAt', 'is', null)
    .where('nextAttemptAt', '<=', now)
    .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', now)]))
    .orderBy('nextAttemptAt')
    .limit(limit)
    .execute();
}

/** Takes one email for sending until `until`; false when another server holds it or it has gone already. */
export async function claimEmail(q: Q, id: string, now: string, until: string): Promise<boolean> {
  const res = await q
    .updateTable('emailOutbox')
    .set({ claimedUntil: until })
    .where('id', '=', id)
    .where('sentAt', 'is', null)
    .where('failedAt', 'is', null)
    .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The mail server took it: sent, its body erased, its claim released. */
export function markEmailSent(q: Q, id: string, at: string) {
  return q
    .updateTable('emailOutbox')
    .set({ sentAt: at, body: '', claimedUntil: null, lastError: null })
    .where('id', '=', id)
    .execute();
}

/** It did not go: tried again at `nextAttemptAt`, or given up (`failedAt`, body erased) after the last attempt. */
export function markEmailNotSent(
  q: Q,
  id: string,
  outcome: { attempts: number; nextAttemptAt: string; failedAt: string | null; error: string },
) {
  return q
    .updateTable('emailOutbox')
    .set({
      attempts: outcome.attempts,
      nextAttemptAt: outcome.nextAttemptAt,
      failedAt: outcome.failedAt,
      lastError: outcome.error.slice(0, 500),
      claimedUntil: null,
      ...(outcome.failedAt !== null && { body: '' }),
    })
    .where('id', '=', id)
    .execute();
}
