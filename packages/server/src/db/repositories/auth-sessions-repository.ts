import { prepared } from '../prepared.js';
import type { AuthSessionTable } from '../schema.js';
import type { Q } from './tx.js';

export function insertAuthSession(q: Q, row: AuthSessionTable) {
  return q.insertInto('authSessions').values(row).execute();
}

/**
 * Sessions are found by the SHA-256 of their 256-bit random cookie token, which no two organisations share: the
 * token is how the organisation becomes known.
 */
export async function findLiveSession(q: Q, idHash: string) {
  const [row] = await liveSession(q, { idHash });
  return row;
}

const liveSession = prepared((q, v: { idHash: string }) =>
  q
    .selectFrom('authSessions')
    .innerJoin('users', 'users.id', 'authSessions.userId')
    .select([
      'authSessions.idHash',
      'authSessions.createdAt',
      'authSessions.lastSeenAt',
      'authSessions.kioskLinkHash',
      'authSessions.mfaStage',
      'users.id as userId',
      'users.organisationId',
      'users.role',
      'users.displayName',
      'users.active',
      'users.patientId',
    ])
    .where('authSessions.idHash', '=', v.idHash)
    .where('authSessions.endedAt', 'is', null),
);

export async function touchSession(q: Q, idHash: string, at: string) {
  await touch(q, { idHash, at });
}

const touch = prepared((q, v: { idHash: string; at: string }) =>
  q.updateTable('authSessions').set({ lastSeenAt: v.at }).where('idHash', '=', v.idHash),
);

export function endSession(q: Q, idHash: string, at: string) {
  return q
    .updateTable('authSessions')
    .set({ endedAt: at })
    .where('idHash', '=', idHash)
    .where('endedAt', 'is', null)
    .execute();
}

export function endOtherSessions(q: Q, organisationId: string, userId: string, keepIdHash: string, at: string) {
  return q
    .updateTable('authSessions')
    .set({ endedAt: at })
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .where('idHash', '!=', keepIdHash)
    .where('endedAt', 'is', null)
    .execute();
}

export function setKioskLock(q: Q, idHash: string, kioskLinkHash: string | null) {
  return q.updateTable('authSessions').set({ kioskLinkHash }).where('idHash', '=', idHash).execute();
}
