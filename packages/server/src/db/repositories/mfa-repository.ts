/**
 * Two-step sign-in (docs/decisions/0019-mfa.md): a user's authenticator app and recovery codes. Every query names the
 * organisation with the user. The sealed secret never leaves the server; a code is accepted by a compare-and-set on
 * `last_step`, and a recovery code by an update that only an unused code matches, so two requests at once cannot both
 * use one.
 */
import type { MfaRecoveryCodeTable, UserMfaTable } from '../schema.js';
import type { Q } from './tx.js';

export function findUserMfa(q: Q, organisationId: string, userId: string) {
  return q
    .selectFrom('userMfa')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/**
 * Starts (or starts again) setting up an app: a new sealed secret, not yet confirmed. A confirmed app is left as it
 * is (the update matches only a row being set up, of this organisation); answers whether a row was written.
 */
export async function startUserMfa(
  q: Q,
  row: Pick<UserMfaTable, 'userId' | 'organisationId' | 'secretSealed' | 'createdAt'>,
): Promise<boolean> {
  const res = await q
    .insertInto('userMfa')
    .values({ ...row, confirmedAt: null, lastStep: null, updatedAt: row.createdAt })
    .onConflict((oc) =>
      oc
        .column('userId')
        .doUpdateSet({ secretSealed: row.secretSealed, lastStep: null, updatedAt: row.createdAt })
        .where('userMfa.organisationId', '=', row.organisationId)
        .where('userMfa.confirmedAt', 'is', null),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Confirms the app being set up, with the step of the code that proved it; false when none was being set up. */
export async function confirmUserMfa(q: Q, organisationId: string, userId: string, step: number, at: string) {
  const res = await q
    .updateTable('userMfa')
    .set({ confirmedAt: at, lastStep: step, updatedAt: at })
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .where('confirmedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Uses the code of time step `step`: true only when no code of this step or a later one was accepted before (a
 * compare-and-set, so the same code sent twice at once is accepted once).
 */
export async function useTotpStep(q: Q, organisationId: string, userId: string, step: number, at: string) {
  const res = await q
    .updateTable('userMfa')
    .set({ lastStep: step, updatedAt: at })
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .where('confirmedAt', 'is not', null)
    .where((eb) => eb.or([eb('lastStep', 'is', null), eb('lastStep', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function deleteUserMfa(q: Q, organisationId: string, userId: string) {
  return q
    .deleteFrom('userMfa')
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export function insertRecoveryCodes(q: Q, rows: readonly MfaRecoveryCodeTable[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return q
    .insertInto('mfaRecoveryCodes')
    .values([...rows])
    .execute();
}

export function deleteRecoveryCodes(q: Q, organisationId: string, userId: string) {
  return q
    .deleteFrom('mfaRecoveryCodes')
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Uses the recovery code with this hash: its id, or undefined when the user has no such unused code. */
export async function useRecoveryCode(
  q: Q,
  organisationId: string,
  userId: string,
  codeHash: string,
  at: string,
): Promise<string | undefined> {
  const row = await q
    .selectFrom('mfaRecoveryCodes')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  // Only the request whose update finds the code still unused has used it.
  const res = await q
    .updateTable('mfaRecoveryCodes')
    .set({ usedAt: at })
    .where('organisationId', '=', organisationId)
    .where('id', '=', row.id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? row.id : undefined;
}

export async function countRecoveryCodesLeft(q: Q, organisationId: string, userId: string): Promise<number> {
  const row = await q
    .selectFrom('mfaRecoveryCodes')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
