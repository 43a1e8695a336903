/** Invitations to patients' accounts (migration 0011). */
import type { PatientInvitationTable } from '../schema.js';
import type { Q } from './tx.js';

export function insertInvitation(q: Q, row: PatientInvitationTable) {
  return q.insertInto('patientInvitations').values(row).execute();
}

/** By the SHA-256 of its token: the token is how the organisation becomes known. */
export function findInvitation(q: Q, idHash: string) {
  return q.selectFrom('patientInvitations').selectAll().where('idHash', '=', idHash).executeTakeFirst();
}

/** Spends the invitation for `userId`; false when it was spent already (by a request sent at the same time). */
export async function spendInvitation(q: Q, idHash: string, userId: string, at: string): Promise<boolean> {
  const res = await q
    .updateTable('patientInvitations')
    .set({ usedAt: at, userId })
    .where('idHash', '=', idHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
