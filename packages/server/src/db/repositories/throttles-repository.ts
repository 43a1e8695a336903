/**
 * Throttle rows (docs/decisions/0017-throttles.md). Every attempt is counted before its password is checked, by a
 * compare-and-set on `writes` inside one transaction for all the attempt's keys: on PostgreSQL a second writer of the
 * same row waits for the first to commit and then finds `writes` moved on; on SQLite writers take turns. Either way
 * N parallel attempts count N.
 */
import type { AuthThrottleTable } from '../schema.js';
import type { Q } from './tx.js';

export type ThrottleRow = AuthThrottleTable;

/** Makes a row for each key that has none yet; rows that exist are left as they are. */
export function ensureThrottles(q: Q, keys: readonly { key: string; kind: string }[], at: string) {
  return q
    .insertInto('authThrottles')
    .values(
      keys.map(({ key, kind }) => ({
        key,
        kind,
        failures: 0,
        writes: 0,
        lastFailureAt: null,
        waitUntil: null,
        trustedUntil: null,
        updatedAt: at,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export function findThrottles(q: Q, keys: readonly string[]): Promise<ThrottleRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return q.selectFrom('authThrottles').selectAll().where('key', 'in', keys).orderBy('key').execute();
}

/** Counts a failure in advance: writes the row only if no one has written it since `writes` was read. */
export async function countFailure(
  q: Q,
  key: string,
  writesRead: number,
  next: { failures: number; lastFailureAt: string; waitUntil: string | null; updatedAt: string },
): Promise<boolean> {
  const res = await q
    .updateTable('authThrottles')
    .set({ ...next, writes: writesRead + 1 })
    .where('key', '=', key)
    .where('writes', '=', writesRead)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A success: the key's failures and wait are forgotten; `trustedUntil`, when given, marks the address as known. */
export function clearThrottle(q: Q, key: string, at: string, trustedUntil: string | null) {
  return q
    .updateTable('authThrottles')
    .set((eb) => ({
      failures: 0,
      lastFailureAt: null,
      waitUntil: null,
      writes: eb('writes', '+', 1),
      updatedAt: at,
      ...(trustedUntil !== null && { trustedUntil }),
    }))
    .where('key', '=', key)
    .execute();
}

/** Gives back the failure counted in advance for an attempt that succeeded. */
export function refundFailure(q: Q, key: string, at: string) {
  return q
    .updateTable('authThrottles')
    .set((eb) => ({
      failures: eb
        .case()
        .when('failures', '>', 0)
        .then(eb('failures', '-', 1))
        .else(0)
        .end(),
      writes: eb('writes', '+', 1),
      updatedAt: at,
    }))
    .where('key', '=', key)
    .execute();
}

/** Forgets rows not written since `before`, except addresses still known (trusted) at `now`. */
export function pruneThrottles(q: Q, before: string, now: string) {
  return q
    .deleteFrom('authThrottles')
    .where('updatedAt', '<', before)
    .where((eb) => eb.or([eb('trustedUntil', 'is', null), eb('trustedUntil', '<', now)]))
    .execute();
}
