/** Walks the audit chain and reports the first broken link: an altered, removed or reordered event. */
import type { Kysely } from 'kysely';
import { findAuditChainHead, listAuditEventsFrom } from '../db/repositories/audit-repository.js';
import type { Database } from '../db/schema.js';
import { auditHash } from './audit-log.js';

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
}

const GENESIS = '0'.repeat(64);

export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let checked = 0;
  for (;;) {
    const rows = await listAuditEventsFrom(db, expectedSeq, pageSize);
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      if (row.seq !== expectedSeq) {
        return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: `event ${expectedSeq} is missing` } };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'does not link to the event before it' } };
      }
      const { hash, ...unhashed } = row;
      if (auditHash(unhashed) !== hash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'its content was altered' } };
      }
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await findAuditChainHead(db);
  if (Number(head.seq) !== checked || head.hash !== prevHash) {
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: checked + 1,
        reason: `the chain head expects ${Number(head.seq)} events; the tail was removed`,
      },
    };
  }
  return { ok: true, checked };
}
