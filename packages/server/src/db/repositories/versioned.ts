import type { Updateable } from 'kysely';
import type { Database } from '../schema.js';
import type { Q } from './tx.js';

/** Tables of versioned clinical records: every update names the version it read. */
export type VersionedTable = 'patients' | 'courses' | 'sessions' | 'courseRecords';

/**
 * Applies `changes` only if the row is still at `version`, bumping the version in the same statement; returns
 * whether it was. The one mechanism behind "nothing is ever silently overwritten" (shared/DESIGN.md "Data").
 */
export async function updateIfVersion<T extends VersionedTable>(
  q: Q,
  table: T,
  key: { organisationId: string; id: string; version: number },
  changes: Omit<Updateable<Database[T]>, 'version' | 'updatedAt'>,
  at: string,
): Promise<boolean> {
  // Widened from T to the union: Kysely cannot type `set` over a generic table name.
  const versioned: VersionedTable = table;
  const res = await q
    .updateTable(versioned)
    .set({ ...(changes as object), version: key.version + 1, updatedAt: at })
    .where('id', '=', key.id)
    .where('organisationId', '=', key.organisationId)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
