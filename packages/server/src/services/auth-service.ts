/**
 * Sign-in, sessions and passwords (shared/DESIGN.md "Security model"; research/reliability-perf.md ).
 */
import { createHash } from 'node:crypto';
import type { Me } from '@ipt/contract';
import { DomainError, type Role, RuleViolation } from '@ipt/core';
import type { Actor } from '../auth/actor.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { AuditAction, type AuditEntry } from '../audit/audit-log.js';
import * as sessionsRepo from '../db/repositories/auth-sessions-repository.js';
import * as usersRepo from '../db/repositories/users-repository.js';
import { secretToken } from '../ids.js';
import type { ServiceDeps } from './deps.js';

/** One message for every failed sign-in: it never tells whether the account exists or is locked. */
export class LoginFailed extends DomainError {
  constructor() {
    super('We could not sign you in with that email and password. After several tries, wait a few minutes.');
  }
}

export class NotAuthenticated extends DomainError {
  constructor() {
    super('Please sign in.');
  }
}

/** After this many consecutive failures the account waits: 1 s, doubling per failure, at most 15 minutes. */
const FREE_FAILURES = 5;
const MAX_LOCK_MS = 15 * 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  /** Seen-at stamps are written at most once a minute, so reads do not each cost a durable write. */
  private static readonly TOUCH_EVERY_MS = 60_000;

  constructor(private readonly deps: ServiceDeps) {}

  async login(email: string, password: string, ip: string | null): Promise<{ token: string; me: Me }> {
    const { db, clock } = this.deps;
    const now = clock();
    const user = await usersRepo.findUserByEmail(db.db, email);
    const locked = user?.lockedUntil != null && user.lockedUntil > now.toISOString();
    const ok = await verifyPassword(user && !locked ? user.passwordHash : null, password);
    const base = { ip, operation: 'login', entityType: 'User', patientId: null } as const;
    if (!user || locked || !ok || user.active !== 1) {
      await db.db.transaction().execute(async (trx) => {
        if (user && !locked && !ok) {
          const failed = user.failedLogins + 1;
          const lockMs = failed >= FREE_FAILURES ? Math.min(1000 * 2 ** (failed - FREE_FAILURES), MAX_LOCK_MS) : 0;
          const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
          await usersRepo.recordLoginFailure(trx, user.organisationId, user.id, failed, lockedUntil);
        }
        await this.deps.audit.inTransaction(trx, [
          {
            ...base,
            organisationId: user?.organisationId ?? null,
            userId: user?.id ?? null,
            role: user?.role ?? null,
            action: AuditAction.loginFailed,
            entityId: user?.id ?? null,
            outcome: 'failure',
          },
        ]);
      });
      throw new LoginFailed();
    }
    const token = secretToken();
    const at = now.toISOString();
    await db.db.transaction().execute(async (trx) => {
      await usersRepo.clearLoginFailures(trx, user.organisationId, user.id);
      await sessionsRepo.insertAuthSession(trx, {
        idHash: hashToken(token),
        userId: user.id,
        organisationId: user.organisationId,
        createdAt: at,
        lastSeenAt: at,
        endedAt: null,
        kioskLinkHash: null,
      });
      await this.deps.audit.inTransaction(trx, [
        {
          ...base,
          organisationId: user.organisationId,
          userId: user.id,
          role: user.role,
          action: AuditAction.login,
          entityId: user.id,
          outcome: 'success',
        },
      ]);
    });
    const me = await usersRepo.findMe(db.db, user.organisationId, user.id);
    if (!me) throw new LoginFailed();
    return { token, me };
  }

  /** The actor behind a cookie token, or null when the session is unknown, ended, idle too long or too old. */
  async resolve(token: string): Promise<Actor | null> {
    const { db, clock, config } = this.deps;
    const idHash = hashToken(token);
    const row = await sessionsRepo.findLiveSession(db.db, idHash);
    if (!row || row.active !== 1) return null;
    const now = clock().getTime();
    const idle = now - Date.parse(row.lastSeenAt);
    const age = now - Date.parse(row.createdAt);
    if (idle > config.sessionIdleMs || age > config.sessionAbsoluteMs) {
      await sessionsRepo.endSession(db.db, idHash, clock().toISOString());
      return null;
    }
    if (idle > AuthService.TOUCH_EVERY_MS) await sessionsRepo.touchSession(db.db, idHash, clock().toISOString());
    return {
      userId: row.userId,
      organisationId: row.organisationId,
      role: row.role as Role,
      displayName: row.displayName,
      sessionIdHash: idHash,
      kioskLocked: row.kioskLinkHash !== null,
    };
  }

  async logout(actor: Actor, ip: string | null) {
    await this.deps.db.db.transaction().execute(async (trx) => {
      await sessionsRepo.endSession(trx, actor.sessionIdHash, this.deps.clock().toISOString());
      await this.deps.audit.inTransaction(trx, [this.selfEvent(actor, ip, AuditAction.logout, 'logout')]);
    });
  }

  /**
   * Ends kiosk mode: the clinician proves it is them with their password. Five wrong tries end the session, so a
   * patient holding the device cannot guess their way into the clinician's records.
   */
  async unlock(actor: Actor, ip: string | null, password: string) {
    const { db, clock } = this.deps;
    const user = await usersRepo.findUserCredentials(db.db, actor.organisationId, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, password))) {
      const failed = (user?.failedLogins ?? 0) + 1;
      const ends = failed >= FREE_FAILURES;
      // The failed try is audited with the count and the session's end (no clinical data: the user only).
      await db.db.transaction().execute(async (trx) => {
        await usersRepo.recordLoginFailure(trx, actor.organisationId, actor.userId, failed, null);
        if (ends) await sessionsRepo.endSession(trx, actor.sessionIdHash, clock().toISOString());
        await this.deps.audit.inTransaction(trx, [
          { ...this.selfEvent(actor, ip, AuditAction.unlockFailed, 'unlockKiosk'), outcome: 'failure' },
        ]);
      });
      if (ends) throw new NotAuthenticated();
      throw new RuleViolation('That password is not correct.', 'password');
    }
    await db.db.transaction().execute(async (trx) => {
      await usersRepo.clearLoginFailures(trx, actor.organisationId, actor.userId);
      await sessionsRepo.setKioskLock(trx, actor.sessionIdHash, null);
      await this.deps.audit.inTransaction(trx, [this.selfEvent(actor, ip, AuditAction.update, 'unlockKiosk')]);
    });
  }

  async me(actor: Actor): Promise<Me> {
    const me = await usersRepo.findMe(this.deps.db.db, actor.organisationId, actor.userId);
    if (!me) throw new NotAuthenticated();
    return me;
  }

  /** Changes the password and ends every other session of the user. */
  async changePassword(actor: Actor, ip: string | null, currentPassword: string, newPassword: string) {
    const { db, clock } = this.deps;
    const user = await usersRepo.findUserCredentials(db.db, actor.organisationId, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError('Your current password is not correct.', 'currentPassword');
    }
    const passwordHash = await hashPassword(newPassword);
    const at = clock().toISOString();
    await db.db.transaction().execute(async (trx) => {
      await usersRepo.setPasswordHash(trx, actor.organisationId, actor.userId, passwordHash, at);
      await sessionsRepo.endOtherSessions(trx, actor.organisationId, actor.userId, actor.sessionIdHash, at);
      await this.deps.audit.inTransaction(trx, [
        this.selfEvent(actor, ip, AuditAction.passwordChange, 'changePassword'),
      ]);
    });
  }

  private selfEvent(actor: Actor, ip: string | null, action: AuditEntry['action'], operation: string): AuditEntry {
    return {
      organisationId: actor.organisationId,
      userId: actor.userId,
      role: actor.role,
      action,
      entityType: 'User',
      entityId: actor.userId,
      patientId: null,
      outcome: 'success',
      ip,
      operation,
    };
  }
}
