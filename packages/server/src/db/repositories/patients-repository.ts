import type { CareTeamMember, Patient } from '@ipt/contract';
import type { CareTeamRole } from '@ipt/core';
import type { Actor } from '../../auth/actor.js';
import type { PatientTable } from '../schema.js';
import { prepared } from '../prepared.js';
import { canReach, type Reach } from './access-repository.js';
import type { Q } from './tx.js';

export function toPatient(row: PatientTable): Patient {
  return {
    id: row.id,
    displayName: row.displayName,
    yearOfBirth: row.yearOfBirth,
    pronouns: row.pronouns,
    contact: row.contactJson === null ? null : (JSON.parse(row.contactJson) as Patient['contact']),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function insertPatient(q: Q, row: PatientTable) {
  return q.insertInto('patients').values(row).execute();
}

export async function findReachablePatient(q: Q, actor: Actor, patientId: string, reach: Reach) {
  const values = { organisationId: actor.organisationId, userId: actor.userId, patientId };
  const [row] = await reachablePatient[reach](q, values);
  return row;
}

const reachablePatientAs = (reach: Reach) =>
  prepared((q, v: { organisationId: string; userId: string; patientId: string }) =>
    q.selectFrom('patients').selectAll().where('id', '=', v.patientId).where(canReach(v, reach)),
  );
const reachablePatient = { read: reachablePatientAs('read'), write: reachablePatientAs('write') };

export function findPatientInOrganisation(q: Q, organisationId: string, patientId: string) {
  return q
    .selectFrom('patients')
    .selectAll()
    .where('id', '=', patientId)
    .where('organisationId', '=', organisationId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export function listReachablePatients(q: Q, actor: Actor) {
  return q.selectFrom('patients').selectAll().where(canReach(actor, 'read')).orderBy('displayName').execute();
}

export function listOrganisationPatients(q: Q, organisationId: string) {
  return q
    .selectFrom('patients')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('deletedAt', 'is', null)
    .orderBy('displayName')
    .execute();
}

export async function listCareTeam(q: Q, organisationId: string, patientId: string): Promise<CareTeamMember[]> {
  const rows = await careTeam(q, { organisationId, patientId });
  return rows.map((r) => ({ ...r, role: r.role as CareTeamRole }));
}

const careTeam = prepared((q, v: { organisationId: string; patientId: string }) =>
  q
    .selectFrom('careTeamMembers')
    .innerJoin('users', 'users.id', 'careTeamMembers.userId')
    .select(['users.id as userId', 'users.displayName', 'users.role'])
    .where('careTeamMembers.organisationId', '=', v.organisationId)
    .where('careTeamMembers.patientId', '=', v.patientId)
    .orderBy('users.displayName'),
);

export function addCareTeamMember(
  q: Q,
  row: { organisationId: string; patientId: string; userId: string; addedAt: string },
) {
  return q
    .insertInto('careTeamMembers')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function removeCareTeamMember(q: Q, organisationId: string, patientId: string, userId: string) {
  return q
    .deleteFrom('careTeamMembers')
    .where('organisationId', '=', organisationId)
    .where('patientId', '=', patientId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}
