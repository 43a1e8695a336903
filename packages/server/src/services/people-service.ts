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
import type { Q } from '../db/repositories/tx.js';
import type { ServiceDeps } from './deps.js';
import { Pipeline, type Work } from './pipeline.js';

export interface NewUser {
  readonly organisationId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: RoleT;
  readonly password: string;
}

export class PeopleService {
  private readonly pipeline: Pipeline;
  constructor(private readonly deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  /**
   * A new organisation (a clinic or service); every record belongs to exactly one. `mfaRequired`: its staff must sign
   * in with a second step (off unless asked; docs/decisions/0019-mfa.md).
   */
  async createOrganisation(
    name: string,
    options: { readonly mfaRequired?: boolean } = {},
  ): Promise<{ id: string; name: string }> {
    const row = {
      id: uuidv7(),
      name,
      isDemo: 0,
      mfaRequired: options.mfaRequired === true ? 1 : 0,
      createdAt: this.deps.clock().toISOString(),
    };
    await this.deps.db.write((trx) => organisations.insertOrganisation(trx, row));
    return { id: row.id, name };
  }

  /**
   * The organisation's sign-in policy, set by an administrator: its staff must sign in with a second step. Sessions
   * already open go on; each next sign-in asks for the second step (or for setting up an app first).
   */
  setMfaRequired(ctx: RequestContext, required: boolean): Promise<{ mfaRequired: boolean }> {
    return this.pipeline.write(ctx, async (w) => {
      await organisations.setOrganisationMfaRequired(w.q, w.organisationId, required);
      w.audit(AuditAction.update, 'Organisation', w.organisationId, null);
      return { mfaRequired: required };
    });
  }

  /** Whether the database holds any organisation yet (the demo clinic loads only into an empty one). */
  async anyOrganisation(): Promise<boolean> {
    return (await organisations.listOrganisationDemoFlags(this.deps.db.db)).length > 0;
  }

  async findOrganisationByName(name: string) {
    return organisations.findOrganisationByName(this.deps.db.db, name);
  }

  list(ctx: RequestContext): Promise<User[]> {
    return this.pipeline.read(ctx, async (w) => {
      w.audit(AuditAction.search, 'User', null, null);
      return users.listUsers(w.q, w.organisationId);
    });
  }

  /** Adds a user to the caller's organisation. */
  async create(ctx: RequestContext, input: Omit<NewUser, 'organisationId'>): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return uniqueEmail(() =>
      this.pipeline.write(ctx, async (w) => {
        const user = await addUser(w.q, { ...input, organisationId: w.organisationId }, passwordHash, w.at);
        w.audit(AuditAction.create, 'User', user.id, null);
        return user;
      }),
    );
  }

  /** Adds a user from `ipt user add`: no signed-in caller, so audited as the system. */
  async insert(input: NewUser): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    const at = this.deps.clock().toISOString();
    return uniqueEmail(() =>
      this.deps.db.write(async (trx) => {
        const user = await addUser(trx, input, passwordHash, at);
        await this.deps.audit.inTransaction(trx, [
          {
            organisationId: input.organisationId,
            userId: null,
            role: null,
            action: AuditAction.create,
            entityType: 'User',
            entityId: user.id,
            patientId: null,
            outcome: 'success',
            ip: null,
            operation: 'cli:user-add',
          },
        ]);
        return user;
      }),
    );
  }

  link(ctx: RequestContext, supervisorId: string, superviseeId: string) {
    return this.pipeline
      .write(ctx, (w) => this.linkIn(w, supervisorId, superviseeId))
      .catch((err: unknown) => {
        if (isUniqueViolation(err))
          throw new RuleViolation('This supervisor already supervises this user.', 'superviseeId');
        throw err;
      });
  }

  private async linkIn(w: Work, supervisorId: string, superviseeId: string) {
    const org = w.organisationId;
    const [supervisor, supervisee] = await Promise.all([
      users.findUserInOrganisation(w.q, org, supervisorId),
      users.findUserInOrganisation(w.q, org, superviseeId),
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
      createdAt: w.at,
    };
    await organisations.insertSupervisionLink(w.q, row);
    w.audit(AuditAction.create, 'SupervisionLink', row.id, null);
    return { id: row.id, supervisorId, superviseeId };
  }
}

async function uniqueEmail<T>(add: () => Promise<T>): Promise<T> {
  try {
    return await add();
  } catch (err) {
    if (isUniqueViolation(err)) throw new RuleViolation('A user with this email already exists.', 'email');
    throw err;
  }
}

async function addUser(q: Q, input: NewUser, passwordHash: string, at: string): Promise<User> {
  const id = uuidv7();
  const email = input.email.toLowerCase();
  await users.insertUser(q, {
    id,
    organisationId: input.organisationId,
    email,
    displayName: input.displayName,
    role: input.role,
    passwordHash,
    active: 1,
    patientId: null,
    createdAt: at,
    updatedAt: at,
  });
  return { id, email, displayName: input.displayName, role: input.role, active: true };
}
