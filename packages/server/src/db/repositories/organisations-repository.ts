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

export function insertSupervisionLink(q: Q, row: SupervisionLinkTable) {
  return q.insertInto('supervisionLinks').values(row).execute();
}
