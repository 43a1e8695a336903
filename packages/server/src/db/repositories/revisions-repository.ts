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
