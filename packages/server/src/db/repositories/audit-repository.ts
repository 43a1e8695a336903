/**
 * The audit trail's rows. One chain spans every organisation (its order is the order of commits), so these
 * functions are not scoped to one; the chain head is locked in `dialect.ts` (`lockAuditHead`).
 */
import type { AuditChainHeadTable, AuditEventTable } from '../schema.js';
import { prepared } from '../prepared.js';
import type { Q } from './tx.js';

export async function insertAuditEvents(q: Q, rows: readonly AuditEventTable[]) {
  await auditInsert(q, { rows });
}

const auditInsert = prepared((q, v: { rows: readonly AuditEventTable[] }) =>
  q.insertInto('auditEvents').values(v.rows),
);

export async function setAuditChainHead(q: Q, head: Pick<AuditChainHeadTable, 'seq' | 'hash' | 'keyId'>) {
  await chainHeadUpdate(q, { seq: head.seq, hash: head.hash, keyId: head.keyId });
}

const chainHeadUpdate = prepared((q, v: { seq: number; hash: string; keyId: string | null }) =>
  q.updateTable('auditChainHead').set({ seq: v.seq, hash: v.hash, keyId: v.keyId }).where('id', '=', 1),
);

/** A page of the chain from `fromSeq` on, in order. */
export function listAuditEventsFrom(q: Q, fromSeq: number, limit: number) {
  return q.selectFrom('auditEvents').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
}

export function findAuditChainHead(q: Q) {
  return q.selectFrom('auditChainHead').select(['seq', 'hash', 'keyId']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export function findAuditEvent(q: Q, seq: number) {
  return q.selectFrom('auditEvents').selectAll().where('seq', '=', seq).executeTakeFirst();
}

/** The kinds of record a route can name, for the audit event of a refused request. */
export type AuditTargetKind = 'Course' | 'Session' | 'CourseRecord' | 'Administration';

/**
 * The patient whose record a refused request named, for its audit event only (never answered to the caller): looked
 * up across organisations, because an attempt on another organisation's record belongs in that patient's history.
 */
export async function findTargetPatient(q: Q, kind: AuditTargetKind, id: string): Promise<string | null> {
  const table = { Course: 'courses', CourseRecord: 'courseRecords', Administration: 'administrations' } as const;
  const row =
    kind === 'Session'
      ? await q
          .selectFrom('sessions')
          .innerJoin('courses', 'courses.id', 'sessions.courseId')
          .select('courses.patientId')
          .where('sessions.id', '=', id)
          .executeTakeFirst()
      : await q.selectFrom(table[kind]).select('patientId').where('id', '=', id).executeTakeFirst();
  return row?.patientId ?? null;
}
