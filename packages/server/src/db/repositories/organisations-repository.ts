/** Organisations (the tenants) and the links between their people that are not patients' records. */
import type { OrganisationTable, SupervisionLinkTable } from '../schema.js';
import type { Q } from './tx.js';

export function insertOrganisation(q: Q, row: OrganisationTable) {
  return q.insertInto('organisations').values(row).execute();
}

/** Before any tenant is known: `ipt user add --organisation NAME` names the organisation. */
export function findOrganisationByName(q: Q, name: string) {
  return q.selectFrom('organisations').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
}

/** Every organisation's demo flag: at start, whether the database is empty, the demo, or a real clinic's. */
export function listOrganisationDemoFlags(q: Q) {
  return q.selectFrom('organisations').select(['isDemo']).execute();
}

/** Whether the organisation requires its staff to sign in with a second step (docs/decisions/0019-mfa.md). */
export async function findOrganisationMfaRequired(q: Q, organisationId: string): Promise<boolean> {
  const row = await q
    .selectFrom('organisations')
    .select('mfaRequired')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return row?.mfaRequired === 1;
}

export function setOrganisationMfaRequired(q: Q, organisationId: string, required: boolean) {
  return q
    .updateTable('organisations')
    .set({ mfaRequired: required ? 1 : 0 })
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

export function insertSupervisionLink(q: Q, row: SupervisionLinkTable) {
  return q.insertInto('supervisionLinks').values(row).execute();
}
