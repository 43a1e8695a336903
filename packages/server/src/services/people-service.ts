/** Users and supervision links of an organisation. */
import type { User } from '@ipt/contract';
import { Role, RuleViolation, type Role as RoleT } from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { AuditAction } from '../audit/audit-log.js';
import { isUniqueViolation } from '../db/dialect.js';
import * as organisations from '../db/repositories/organisations-repository.js';
import * as users from '../db/repositories/users-repository.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import type { ServiceDeps } from './deps.js';

export interface NewUser {
  readonly organisationId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: RoleT;
  readonly password: string;
}

export class PeopleService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A new organisation (a clinic or service); every record belongs to exactly one. */
  async createOrganisation(name: string): Promise<{ id: string; name: string }> {
    const row = { id: uuidv7(), name, isDemo: 0, createdAt: this.deps.clock().toISOString() };
    await organisations.insertOrganisation(this.deps.db.db, row);
    return { id: row.id, name };
  }

  async findOrganisationByName(name: string) {
    return organisations.findOrganisationByName(this.deps.db.db, name);
  }

  async list(ctx: RequestContext): Promise<User[]> {
    const rows = await users.listUsers(this.deps.db.db, ctx.actor.organisationId);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.search, 'User', null, null));
    return rows;
  }

  async create(ctx: RequestContext, input: Omit<NewUser, 'organisationId'>): Promise<User> {
    return this.insert({ ...input, organisationId: ctx.actor.organisationId }, ctx);
  }

  /** Adds a user; used by the API (with an actor) and by `ipt user add` (without one, audited as the system). */
  async insert(input: NewUser, ctx?: RequestContext): Promise<User> {
    const at = this.deps.clock().toISOString();
    const passwordHash = await hashPassword(input.password);
    const id = uuidv7();
    try {
      await this.deps.db.db.transaction().execute(async (trx) => {
        await users.insertUser(trx, {
          id,
          organisationId: input.organisationId,
          email: input.email.toLowerCase(),
          displayName: input.displayName,
          role: input.role,
          passwordHash,
          active: 1,
          failedLogins: 0,
          lockedUntil: null,
          patientId: null,
          createdAt: at,
          updatedAt: at,
        });
        await this.deps.audit.inTransaction(trx, [
          ctx
            ? clinicalEvent(ctx, AuditAction.create, 'User', id, null)
            : {
                organisationId: input.organisationId,
                userId: null,
                role: null,
                action: AuditAction.create,
                entityType: 'User',
                entityId: id,
                patientId: null,
                outcome: 'success',
                ip: null,
                operation: 'cli:user-add',
              },
        ]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new RuleViolation('A user with this email already exists.', 'email');
      throw err;
    }
    return { id, email: input.email.toLowerCase(), displayName: input.displayName, role: input.role, active: true };
  }

  async link(ctx: RequestContext, supervisorId: string, superviseeId: string) {
    const q = this.deps.db.db;
    const org = ctx.actor.organisationId;
    const [supervisor, supervisee] = await Promise.all([
      users.findUserInOrganisation(q, org, supervisorId),
      users.findUserInOrganisation(q, org, superviseeId),
    ]);
    if (!supervisor || supervisor.role !== Role.supervisor) {
      throw new RuleViolation('The supervisor must be a user with the supervisor role.', 'supervisorId');
    }
    const supervisable: readonly string[] = [Role.clinician, Role.trainee, Role.facilitator];
    if (!supervisee || !supervisable.includes(supervisee.role)) {
      throw new RuleViolation('The supervisee must be a clinician, trainee or facilitator.', 'superviseeId');
    }
    const row = {
      id: uuidv7(),
      organisationId: org,
      supervisorId,
      superviseeId,
      createdAt: this.deps.clock().toISOString(),
    };
    try {
      await q.transaction().execute(async (trx) => {
        await organisations.insertSupervisionLink(trx, row);
        await this.deps.audit.inTransaction(trx, [
          clinicalEvent(ctx, AuditAction.create, 'SupervisionLink', row.id, null),
        ]);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new RuleViolation('This supervisor already supervises this user.', 'superviseeId');
      throw err;
    }
    return { id: row.id, supervisorId, superviseeId };
  }
}
