import type { Me, User } from '@ipt/contract';
import type { Role } from '@ipt/core';
import type { UserTable } from '../schema.js';
import type { Q } from './tx.js';

export function toUser(row: Pick<UserTable, 'id' | 'email' | 'displayName' | 'role' | 'active'>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role as Role,
    active: row.active === 1,
  };
}

/** At sign-in, before any organisation is known: emails are unique across organisations. */
export function findUserByEmail(q: Q, email: string) {
  return q.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findMe(q: Q, organisationId: string, userId: string): Promise<Me | undefined> {
  const row = await q
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([
      'users.id',
      'users.email',
      'users.displayName',
      'users.role',
      'users.organisationId',
      'organisations.name as organisationName',
    ])
    .where('users.organisationId', '=', organisationId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row && { ...row, role: row.role as Role };
}

export function insertUser(q: Q, row: UserTable) {
  return q.insertInto('users').values(row).execute();
}

/** What checking the user's own password needs (kiosk unlock, password change). */
export function findUserCredentials(q: Q, organisationId: string, userId: string) {
  return q
    .selectFrom('users')
    .select(['passwordHash'])
    .where('organisationId', '=', organisationId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export function setPasswordHash(q: Q, organisationId: string, userId: string, passwordHash: string, at: string) {
  return q
    .updateTable('users')
    .set({ passwordHash, updatedAt: at })
    .where('organisationId', '=', organisationId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function listUsers(q: Q, organisationId: string): Promise<User[]> {
  const rows = await q
    .selectFrom('users')
    .select(['id', 'email', 'displayName', 'role', 'active'])
    .where('organisationId', '=', organisationId)
    .orderBy('displayName')
    .execute();
  return rows.map(toUser);
}

export function findUserInOrganisation(q: Q, organisationId: string, userId: string) {
  return q
    .selectFrom('users')
    .select(['id', 'email', 'displayName', 'role', 'active'])
    .where('organisationId', '=', organisationId)
    .where('id', '=', userId)
    .executeTakeFirst();
}
