/**
 * The audit trail's rows. One chain spans every organisation (its order is the order of commits), so these
 * functions are not scoped to one; the chain head is locked in `dialect.ts` (`lockAuditHead`).
 */
import type { AuditChainHeadTable, AuditEventTable } from '../schema.js';
import type { Q } from './tx.js';

export function insertAuditEvents(q: Q, rows: readonly AuditEventTable[]) {
  return q.insertInto('auditEvents').values(rows).execute();
}

export function setAuditChainHead(q: Q, head: Pick<AuditChainHeadTable, 'seq' | 'hash'>) {
  return q.updateTable('auditChainHead').set(head).where('id', '=', 1).execute();
}

/** A page of the chain from `fromSeq` on, in order. */
export function listAuditEventsFrom(q: Q, fromSeq: number, limit: number) {
  return q.selectFrom('auditEvents').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
}

export function findAuditChainHead(q: Q) {
  return q.selectFrom('auditChainHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}
