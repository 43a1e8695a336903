import { Session, SessionRevision } from '@ipt/contract';
import { z } from 'zod';
import { uuidv7 } from '../../ids.js';
import type { Q } from './tx.js';

/** Keeps the version a record had before an update: nothing is overwritten without a trace. */
export function insertRevision(
  q: Q,
  r: {
    organisationId: string;
    recordType: string;
    recordId: string;
    version: number;
    data: unknown;
    at: string;
    by: string;
  },
) {
  return q
    .insertInto('recordRevisions')
    .values({
      id: uuidv7(),
      organisationId: r.organisationId,
      recordType: r.recordType,
      recordId: r.recordId,
      version: r.version,
      dataJson: JSON.stringify(r.data),
      changedAt: r.at,
      changedBy: r.by,
    })
    .execute();
}

export function listRevisions(q: Q, organisationId: string, recordType: string, recordId: string) {
  return q
    .selectFrom('recordRevisions')
    .innerJoin('users', 'users.id', 'recordRevisions.changedBy')
    .select([
      'recordRevisions.version',
      'recordRevisions.dataJson',
      'recordRevisions.changedAt',
      'users.displayName as changedBy',
    ])
    .where('recordRevisions.organisationId', '=', organisationId)
    .where('recordRevisions.recordType', '=', recordType)
    .where('recordRevisions.recordId', '=', recordId)
    .orderBy('recordRevisions.version', 'desc')
    .execute();
}

/** A session as kept before a change, with the reason when its finished work made one necessary. */
const KeptSession = Session.extend({ changeReason: z.string().optional() });

/** Every earlier version of a session, newest first, parsed. */
export async function listSessionRevisions(
  q: Q,
  organisationId: string,
  sessionId: string,
): Promise<z.output<typeof SessionRevision>[]> {
  const rows = await listRevisions(q, organisationId, 'Session', sessionId);
  return rows.map((r) => {
    const { changeReason, ...session } = KeptSession.parse(JSON.parse(r.dataJson));
    return SessionRevision.parse({ ...r, session, reason: changeReason ?? null });
  });
}
