/**
 * Sign-in, sessions and passwords (shared/DESIGN.md "Security model"; research/reliability-perf.md ).
 */
import { createHash } from 'node:crypto';
import type { Me } from '@ipt/contract';
import { DomainError, type Role, RuleViolation } from '@ipt/core';
import type { Actor } from '../auth/actor.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { limits, signInKeys, type ThrottleKey, Throttles, TooManyAttempts } from '../auth/throttles.js';
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

/** Wrong passwords a kiosk session takes; the last of them ends it (ADR 0010). */
const UNLOCK_TRIES = limits['kiosk-unlock'].free;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  /**
   * A session's seen-at stamp is written when it is a second old or more: a burst of reads costs one write, and the
   * idle timeout holds to the second at any setting (it was once a minute, which signed out an active user with a
   * one-minute timeout; docs/decisions/0017-throttles.md).
   */
  private static readonly TOUCH_GRANULARITY_MS = 1_000;

  /** Attempts to prove a password, counted in the database before the password is checked (ADR 0017). */
  private readonly throttles: Throttles;

  constructor(private readonly deps: ServiceDeps) {
    this.throttles = new Throttles(deps.db.db, deps.clock);
  }

  async login(email: string, password: string, ip: string | null): Promise<{ token: string; me: Me }> {
    const { db, clock } = this.deps;
    const now = clock();
    const keys = signInKeys(email, ip);
    // An address the account signed in from is spared the account-wide and address-wide waits, so guessing from
    // elsewhere never keeps a clinician out of their own desk (ADR 0017).
    const shared: ThrottleKey[] = (await this.throttles.isTrusted(keys.accountAddress))
      ? []
      : [keys.account, keys.address];
    const reservation = await this.throttles.reserve([keys.accountAddress, ...shared]);
    const user = await usersRepo.findUserByEmail(db.db, email);
    const base = { ip, operation: 'login', entityType: 'User', patientId: null } as const;
    const failure = (outcome: 'failure' | 'denied'): AuditEntry => ({
      ...base,
      organisationId: user?.organisationId ?? null,
      userId: user?.id ?? null,
      role: user?.role ?? null,
      action: AuditAction.loginFailed,
      entityId: user?.id ?? null,
      outcome,
    });
    if (!reservation.granted) {
      // Refused without checking the password or counting: the wait can be sat out, never extended.
      await this.deps.audit.record(failure('denied'));
      throw new TooManyAttempts('sign-in', reservation.retryAfterMs);
    }
    const ok = await verifyPassword(user ? user.passwordHash : null, password);
    if (!user || !ok || user.active !== 1) {
      // The failure was counted before the password was checked.
      await db.db.transaction().execute((trx) => this.deps.audit.inTransaction(trx, [failure('failure')]));
      throw new LoginFailed();
    }
    await this.throttles.succeeded({ clear: [keys.accountAddress], refund: shared, trust: keys.accountAddress });
    const token = secretToken();
    const at = now.toISOString();
    await db.db.transaction().execute(async (trx) => {
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
    if (idle >= AuthService.TOUCH_GRANULARITY_MS) await sessionsRepo.touchSession(db.db, idHash, clock().toISOString());
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
   * patient holding the device cannot guess their way into the clinician's records. Each try is counted before the
   * password is checked: thirty at once are thirty tries, and those past the fifth are not checked at all.
   */
  async unlock(actor: Actor, ip: string | null, password: string) {
    const { db, clock } = this.deps;
    const key: ThrottleKey = { kind: 'kiosk-unlock', subject: actor.sessionIdHash };
    const reservation = await this.throttles.reserve([key]);
    const tries = reservation.granted ? (reservation.failures[0] ?? UNLOCK_TRIES) : UNLOCK_TRIES;
    const user = reservation.granted
      ? await usersRepo.findUserCredentials(db.db, actor.organisationId, actor.userId)
      : undefined;
    if (!user || !(await verifyPassword(user.passwordHash, password))) {
      const ends = tries >= UNLOCK_TRIES;
      // The failed try is audited with the count and the session's end (no clinical data: the user only).
      await db.db.transaction().execute(async (trx) => {
        if (ends) await sessionsRepo.endSession(trx, actor.sessionIdHash, clock().toISOString());
        await this.deps.audit.inTransaction(trx, [
          { ...this.selfEvent(actor, ip, AuditAction.unlockFailed, 'unlockKiosk'), outcome: 'failure' },
        ]);
      });
      if (ends) throw new NotAuthenticated();
      throw new RuleViolation('That password is not correct.', 'password');
    }
    await this.throttles.succeeded({ clear: [key] });
    await db.db.transaction().execute(async (trx) => {
      await sessionsRepo.setKioskLock(trx, actor.sessionIdHash, null);
      await this.deps.audit.inTransaction(trx, [this.selfEvent(actor, ip, AuditAction.update, 'unlockKiosk')]);
    });
  }

  async me(actor: Actor): Promise<Me> {
    const me = await usersRepo.findMe(this.deps.db.db, actor.organisationId, actor.userId);
    if (!me) throw new NotAuthenticated();
    return me;
  }

  /**
   * Changes the password and ends every other session of the user. Guesses of the current password (on a session
   * left open, or stolen) are counted before they are checked and slowed like sign-ins (ADR 0017).
   */
  async changePassword(actor: Actor, ip: string | null, currentPassword: string, newPassword: string) {
    const { db, clock } = this.deps;
    const key: ThrottleKey = { kind: 'password-check', subject: actor.userId };
    const reservation = await this.throttles.reserve([key]);
    if (!reservation.granted) throw new TooManyAttempts('password-check', reservation.retryAfterMs);
    const user = await usersRepo.findUserCredentials(db.db, actor.organisationId, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError('Your current password is not correct.', 'currentPassword');
    }
    await this.throttles.succeeded({ clear: [key] });
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
