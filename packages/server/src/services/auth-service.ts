/**
 * Sign-in, sessions and passwords (shared/DESIGN.md "Security model"; research/reliability-perf.md ).
 */
import type { Me, MfaChallenge, MfaEnrolment, MfaStatus } from '@ipt/contract';
import { Conflict, DomainError, type Role, Role as RoleName, RuleViolation } from '@ipt/core';
import type { Actor, MfaStage } from '../auth/actor.js';
import {
  HALF_SESSION_MS,
  mfaRoles,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  SecretBox,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  totpStep,
} from '../auth/mfa.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { limits, signInKeys, type ThrottleKey, Throttles, TooManyAttempts } from '../auth/throttles.js';
import { AuditAction, type AuditEntry } from '../audit/audit-log.js';
import * as sessionsRepo from '../db/repositories/auth-sessions-repository.js';
import * as mfaRepo from '../db/repositories/mfa-repository.js';
import { findOrganisationMfaRequired } from '../db/repositories/organisations-repository.js';
import type { Q } from '../db/repositories/tx.js';
import * as usersRepo from '../db/repositories/users-repository.js';
import * as invitationsRepo from '../db/repositories/invitations-repository.js';
import { findPatientInOrganisation } from '../db/repositories/patients-repository.js';
import { isUniqueViolation } from '../db/dialect.js';
import { LinkGone } from './links-service.js';
import { secretToken, tokenHash, uuidv7 } from '../ids.js';
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

/** A code of the second step that did not prove it: wrong, used already, or a recovery code not (or no longer) held. */
export class WrongCode extends RuleViolation {
  constructor(field: 'code' | 'recoveryCode', replayed = false) {
    super(
      field === 'recoveryCode'
        ? 'That recovery code did not work: it is not one of yours, or it has been used. Each one works once.'
        : replayed
          ? 'That code has been used already. Wait for your app to show the next one, then enter that.'
          : 'That code did not work. Enter the code your app shows now (check that the time on your phone is right).',
      field,
    );
  }
}

/** The second step: a code from the authenticator app, or one of the recovery codes. */
export interface SecondFactor {
  readonly code?: string | undefined;
  readonly recoveryCode?: string | undefined;
}

/** Wrong passwords a kiosk session takes; the last of them ends it (ADR 0010). */
const UNLOCK_TRIES = limits['kiosk-unlock'].free;

export class AuthService {
  /**
   * A session's seen-at stamp is written when it is a second old or more: a burst of reads costs one write, and the
   * idle timeout holds to the second at any setting (it was once a minute, which signed out an active user with a
   * one-minute timeout; docs/decisions/0017-throttles.md).
   */
  private static readonly TOUCH_GRANULARITY_MS = 1_000;

  /** Attempts to prove a password, counted in the database before the password is checked (ADR 0017). */
  private readonly throttles: Throttles;

  /** Seals the TOTP secrets at rest under a key derived from the operator's key (ADR 0019). */
  private readonly box: SecretBox;

  constructor(private readonly deps: ServiceDeps) {
    this.throttles = new Throttles(deps.db, deps.clock);
    this.box = new SecretBox(deps.audit.anchor.key.mfaSecretsKey);
  }

  /**
   * Signs in with a password. For a user with an authenticator app, or one whose organisation requires one, the
   * session it starts is a half-session: it can take only the second step (or set up the app), for five minutes.
   */
  async login(
    email: string,
    password: string,
    ip: string | null,
  ): Promise<{ token: string; result: Me | MfaChallenge }> {
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
      await db.write((trx) => this.deps.audit.inTransaction(trx, [failure('failure')]));
      throw new LoginFailed();
    }
    await this.throttles.succeeded({ clear: [keys.accountAddress], refund: shared, trust: keys.accountAddress });
    const stage = await this.stageOwed(user.organisationId, user.id, user.role as Role);
    const at = now.toISOString();
    const token = await db.write(async (trx) => {
      const started = await this.startSession(trx, user, stage, at);
      await this.deps.audit.inTransaction(trx, [
        {
          ...base,
          organisationId: user.organisationId,
          userId: user.id,
          role: user.role,
          // With a second step owed, the password opened a half-session only: the sign-in is audited when it is done.
          action: stage === null ? AuditAction.login : AuditAction.mfaChallenge,
          entityId: user.id,
          outcome: 'success',
        },
      ]);
      return started;
    });
    if (stage !== null) {
      const expiresAt = new Date(now.getTime() + HALF_SESSION_MS).toISOString();
      return { token, result: { step: stage === 'code' ? 'mfa-code' : 'mfa-enrol', expiresAt } };
    }
    const me = await usersRepo.findMe(db.db, user.organisationId, user.id);
    if (!me) throw new LoginFailed();
    return { token, result: me };
  }

  /**
   * A patient accepts an invitation (issue 12, part 1): their account is made with the password they chose, the
   * invitation is spent, and they are signed in, in one write. A spent or expired invitation answers 410; a patient
   * who has an account already, or an address another account has, answers 422 and makes nothing.
   */
  async acceptInvitation(token: string, password: string, ip: string | null): Promise<{ token: string; me: Me }> {
    const { db, clock } = this.deps;
    const idHash = tokenHash(token);
    const gone = () =>
      new LinkGone('This invitation has already been used or has expired. Ask your clinician for a new one.');
    // Before the write: hashing a password takes a while, and a write group waits for no one.
    const passwordHash = await hashPassword(password);
    const at = clock().toISOString();
    const made = await db.write(async (trx) => {
      const invitation = await invitationsRepo.findInvitation(trx, idHash);
      if (!invitation || invitation.usedAt !== null || invitation.expiresAt <= at) throw gone();
      const patient = await findPatientInOrganisation(trx, invitation.organisationId, invitation.patientId);
      if (!patient) throw gone();
      const userId = uuidv7();
      try {
        await usersRepo.insertUser(trx, {
          id: userId,
          organisationId: invitation.organisationId,
          email: invitation.email,
          displayName: patient.displayName,
          role: RoleName.patient,
          passwordHash,
          active: 1,
          patientId: patient.id,
          createdAt: at,
          updatedAt: at,
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw new RuleViolation(
          'An account already exists for you or for this email address. Sign in instead, or ask your clinician.',
          'password',
        );
      }
      if (!(await invitationsRepo.spendInvitation(trx, idHash, userId, at))) throw gone();
      const started = await this.startSession(trx, { id: userId, organisationId: invitation.organisationId }, null, at);
      const event = {
        organisationId: invitation.organisationId,
        userId,
        role: RoleName.patient,
        ip,
        patientId: patient.id,
      };
      await this.deps.audit.inTransaction(trx, [
        {
          ...event,
          action: AuditAction.create,
          entityType: 'User',
          entityId: userId,
          outcome: 'success',
          operation: 'acceptPatientInvitation',
        },
        {
          ...event,
          action: AuditAction.login,
          entityType: 'User',
          entityId: userId,
          outcome: 'success',
          operation: 'acceptPatientInvitation',
        },
      ]);
      return { token: started, organisationId: invitation.organisationId, userId };
    });
    const me = await usersRepo.findMe(db.db, made.organisationId, made.userId);
    if (!me) throw new Error('The new account vanished after its own write.');
    return { token: made.token, me };
  }

  /** Ends the caller's session and starts a full one for the same user in its place (a second step proved). */
  private async replaceSession(trx: Q, actor: Actor, at: string): Promise<string> {
    await sessionsRepo.endSession(trx, actor.sessionIdHash, at);
    return this.startSession(trx, { id: actor.userId, organisationId: actor.organisationId }, null, at);
  }

  /** A new session for the user: full (`stage` null) or a half-session owing a second step. Answers its token. */
  private async startSession(
    trx: Q,
    user: { readonly id: string; readonly organisationId: string },
    stage: MfaStage | null,
    at: string,
  ): Promise<string> {
    const token = secretToken();
    await sessionsRepo.insertAuthSession(trx, {
      idHash: tokenHash(token),
      userId: user.id,
      organisationId: user.organisationId,
      createdAt: at,
      lastSeenAt: at,
      endedAt: null,
      kioskLinkHash: null,
      mfaStage: stage,
    });
    return token;
  }

  /** Whether the organisation requires a second step of this user (staff roles, when its policy is on). */
  private async mfaRequired(organisationId: string, role: Role): Promise<boolean> {
    return mfaRoles.includes(role) && (await findOrganisationMfaRequired(this.deps.db.db, organisationId));
  }

  /** The second step a right password leaves owing: a code (an app is set up), setting one up (required), or none. */
  private async stageOwed(organisationId: string, userId: string, role: Role): Promise<MfaStage | null> {
    const mfa = await mfaRepo.findUserMfa(this.deps.db.db, organisationId, userId);
    if (mfa?.confirmedAt) return 'code';
    return (await this.mfaRequired(organisationId, role)) ? 'enrol' : null;
  }

  /** The actor behind a cookie token, or null when the session is unknown, ended, idle too long or too old. */
  async resolve(token: string): Promise<Actor | null> {
    const { db, clock, config } = this.deps;
    const idHash = tokenHash(token);
    const row = await sessionsRepo.findLiveSession(db.db, idHash);
    if (!row || row.active !== 1) return null;
    // A stage this server does not know is no session at all (fail closed).
    const stage = row.mfaStage === null ? null : row.mfaStage === 'code' || row.mfaStage === 'enrol' ? row.mfaStage : 0;
    if (stage === 0) return null;
    const now = clock().getTime();
    const idle = now - Date.parse(row.lastSeenAt);
    const age = now - Date.parse(row.createdAt);
    // A half-session lasts five minutes: the second step is taken then or the password is asked again.
    const lifetime = stage === null ? config.sessionAbsoluteMs : Math.min(HALF_SESSION_MS, config.sessionAbsoluteMs);
    if (idle > config.sessionIdleMs || age > lifetime) {
      await db.write((trx) => sessionsRepo.endSession(trx, idHash, clock().toISOString()));
      return null;
    }
    if (idle >= AuthService.TOUCH_GRANULARITY_MS)
      await db.write((trx) => sessionsRepo.touchSession(trx, idHash, clock().toISOString()));
    return {
      userId: row.userId,
      organisationId: row.organisationId,
      role: row.role as Role,
      displayName: row.displayName,
      sessionIdHash: idHash,
      patientId: row.patientId,
      kioskLocked: row.kioskLinkHash !== null,
      ...(stage !== null && { mfaStage: stage }),
    };
  }

  async logout(actor: Actor, ip: string | null) {
    await this.deps.db.write(async (trx) => {
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
      await db.write(async (trx) => {
        if (ends) await sessionsRepo.endSession(trx, actor.sessionIdHash, clock().toISOString());
        await this.deps.audit.inTransaction(trx, [
          { ...this.selfEvent(actor, ip, AuditAction.unlockFailed, 'unlockKiosk'), outcome: 'failure' },
        ]);
      });
      if (ends) throw new NotAuthenticated();
      throw new RuleViolation('That password is not correct.', 'password');
    }
    await this.throttles.succeeded({ clear: [key] });
    await db.write(async (trx) => {
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
    await db.write(async (trx) => {
      await usersRepo.setPasswordHash(trx, actor.organisationId, actor.userId, passwordHash, at);
      await sessionsRepo.endOtherSessions(trx, actor.organisationId, actor.userId, actor.sessionIdHash, at);
      await this.deps.audit.inTransaction(trx, [
        this.selfEvent(actor, ip, AuditAction.passwordChange, 'changePassword'),
      ]);
    });
  }

  /** Where the user stands with two-step sign-in. */
  async mfaStatus(actor: Actor): Promise<MfaStatus> {
    const { db } = this.deps;
    const mfa = await mfaRepo.findUserMfa(db.db, actor.organisationId, actor.userId);
    const enabledAt = mfa?.confirmedAt ?? null;
    return {
      enabled: enabledAt !== null,
      required: await this.mfaRequired(actor.organisationId, actor.role),
      enabledAt,
      recoveryCodesLeft:
        enabledAt === null ? 0 : await mfaRepo.countRecoveryCodesLeft(db.db, actor.organisationId, actor.userId),
    };
  }

  /**
   * Starts setting up an authenticator app: a new secret, sealed at rest, answered this once (as an otpauth:// URI
   * for a QR code and as text for typing in). Starting again replaces a secret not yet confirmed.
   */
  async startMfaEnrolment(actor: Actor, ip: string | null): Promise<MfaEnrolment> {
    const { db, clock } = this.deps;
    const existing = await mfaRepo.findUserMfa(db.db, actor.organisationId, actor.userId);
    if (existing?.confirmedAt) {
      throw new Conflict('Two-step sign-in is on already. To move it to another app, turn it off first.');
    }
    const me = await usersRepo.findMe(db.db, actor.organisationId, actor.userId);
    if (!me) throw new NotAuthenticated();
    const secret = newTotpSecret();
    const at = clock().toISOString();
    await db.write(async (trx) => {
      const started = await mfaRepo.startUserMfa(trx, {
        userId: actor.userId,
        organisationId: actor.organisationId,
        secretSealed: this.box.seal(actor.userId, secret),
        createdAt: at,
      });
      if (!started) throw new Conflict('Two-step sign-in is on already. To move it to another app, turn it off first.');
      await this.deps.audit.inTransaction(trx, [this.selfEvent(actor, ip, AuditAction.update, 'startMfaEnrolment')]);
    });
    return {
      secret,
      otpauthUri: otpauthUri(secret, me.email),
      issuer: TOTP_ISSUER,
      accountName: me.email,
      digits: 6,
      periodSeconds: TOTP_PERIOD_SECONDS,
      algorithm: 'SHA1',
    };
  }

  /**
   * Finishes setting up with a code the app shows for the new secret. Answers ten recovery codes (only their hashes
   * are kept), ends every session of the user, this one included, and starts a new full session.
   */
  async confirmMfaEnrolment(
    actor: Actor,
    ip: string | null,
    code: string,
  ): Promise<{ token: string; recoveryCodes: string[]; me: Me }> {
    const { db, clock } = this.deps;
    const mfa = await mfaRepo.findUserMfa(db.db, actor.organisationId, actor.userId);
    if (!mfa) throw new Conflict('Start setting up two-step sign-in first: there is no new secret to confirm.');
    if (mfa.confirmedAt) throw new Conflict('Two-step sign-in is on already.');
    const key: ThrottleKey = { kind: 'mfa-code', subject: actor.userId };
    await this.reserveCodeTry(actor, ip, key, 'confirmMfaEnrolment');
    const now = clock();
    const step = totpStep(this.openSecret(actor.userId, mfa.secretSealed), code, now, null);
    if (step === null) {
      await this.codeFailed(actor, ip, 'confirmMfaEnrolment', 'failure');
      throw new WrongCode('code');
    }
    await this.throttles.succeeded({ clear: [key] });
    const recoveryCodes = newRecoveryCodes();
    const at = now.toISOString();
    const token = await db.write(async (trx) => {
      if (!(await mfaRepo.confirmUserMfa(trx, actor.organisationId, actor.userId, step, at))) {
        throw new Conflict('Two-step sign-in is on already.');
      }
      await mfaRepo.deleteRecoveryCodes(trx, actor.organisationId, actor.userId);
      await mfaRepo.insertRecoveryCodes(
        trx,
        recoveryCodes.map((c) => ({
          id: uuidv7(),
          userId: actor.userId,
          organisationId: actor.organisationId,
          codeHash: recoveryCodeHash(c),
          usedAt: null,
          createdAt: at,
        })),
      );
      // Sessions opened with a password alone end; this device goes on in a new session.
      await sessionsRepo.endOtherSessions(trx, actor.organisationId, actor.userId, actor.sessionIdHash, at);
      const started = await this.replaceSession(trx, actor, at);
      await this.deps.audit.inTransaction(trx, [
        this.selfEvent(actor, ip, AuditAction.mfaEnrolled, 'confirmMfaEnrolment'),
        // Set up on the way in (the organisation requires it): this is when the sign-in is done.
        ...(actor.mfaStage === 'enrol' ? [this.selfEvent(actor, ip, AuditAction.login, 'confirmMfaEnrolment')] : []),
      ]);
      return started;
    });
    return { token, recoveryCodes, me: await this.me(actor) };
  }

  /**
   * The second step of signing in, on the half-session the password opened: a code from the app (not one used
   * before) or an unused recovery code. The half-session ends and a full session starts (a new token).
   */
  async verifyMfa(actor: Actor, ip: string | null, factor: SecondFactor): Promise<{ token: string; me: Me }> {
    const { db, clock } = this.deps;
    if (actor.mfaStage !== 'code') throw new Conflict('You are signed in already: there is no code to enter.');
    const proof = await this.proveSecondFactor(actor, ip, factor, 'verifyMfa');
    const at = clock().toISOString();
    const token = await db.write(async (trx) => {
      const started = await this.replaceSession(trx, actor, at);
      await this.deps.audit.inTransaction(trx, [
        { ...this.selfEvent(actor, ip, AuditAction.mfaVerified, 'verifyMfa'), ...proof },
        this.selfEvent(actor, ip, AuditAction.login, 'verifyMfa'),
      ]);
      return started;
    });
    return { token, me: await this.me(actor) };
  }

  /**
   * Turns two-step sign-in off: the current password and a code (or a recovery code) prove it is the user. Not while
   * the organisation requires it. The secret and the recovery codes are removed; the user's other sessions end.
   */
  async disableMfa(actor: Actor, ip: string | null, password: string, factor: SecondFactor): Promise<void> {
    const { db, clock } = this.deps;
    const mfa = await mfaRepo.findUserMfa(db.db, actor.organisationId, actor.userId);
    if (!mfa?.confirmedAt) throw new Conflict('Two-step sign-in is not on for your account.');
    if (await this.mfaRequired(actor.organisationId, actor.role)) {
      throw new RuleViolation(
        'Your organisation requires two-step sign-in, so it cannot be turned off. An administrator can change that.',
      );
    }
    const passwordKey: ThrottleKey = { kind: 'password-check', subject: actor.userId };
    const reservation = await this.throttles.reserve([passwordKey]);
    if (!reservation.granted) throw new TooManyAttempts('password-check', reservation.retryAfterMs);
    const user = await usersRepo.findUserCredentials(db.db, actor.organisationId, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, password))) {
      throw new RuleViolation('Your password is not correct.', 'password');
    }
    await this.throttles.succeeded({ clear: [passwordKey] });
    const proof = await this.proveSecondFactor(actor, ip, factor, 'disableMfa');
    const at = clock().toISOString();
    await db.write(async (trx) => {
      await mfaRepo.deleteRecoveryCodes(trx, actor.organisationId, actor.userId);
      await mfaRepo.deleteUserMfa(trx, actor.organisationId, actor.userId);
      await sessionsRepo.endOtherSessions(trx, actor.organisationId, actor.userId, actor.sessionIdHash, at);
      await this.deps.audit.inTransaction(trx, [
        { ...this.selfEvent(actor, ip, AuditAction.mfaVerified, 'disableMfa'), ...proof },
        this.selfEvent(actor, ip, AuditAction.mfaDisabled, 'disableMfa'),
      ]);
    });
  }

  /**
   * Checks a code of the second step, counted before it is checked by the same throttle as passwords (ADR 0017): a
   * code from the app is accepted once (its time step must be later than the last one accepted, by a compare-and-set),
   * a recovery code once. A failure is audited (`mfa-failed`) and answered 422; too many, 429. Answers what proved it,
   * for the audit event of the success.
   */
  private async proveSecondFactor(
    actor: Actor,
    ip: string | null,
    factor: SecondFactor,
    operation: string,
  ): Promise<Pick<AuditEntry, 'entityType' | 'entityId'>> {
    const { db, clock } = this.deps;
    const mfa = await mfaRepo.findUserMfa(db.db, actor.organisationId, actor.userId);
    if (!mfa?.confirmedAt) throw new Conflict('Two-step sign-in is not on for your account.');
    const key: ThrottleKey = { kind: 'mfa-code', subject: actor.userId };
    await this.reserveCodeTry(actor, ip, key, operation);
    const now = clock();
    const at = now.toISOString();
    if (factor.recoveryCode !== undefined) {
      const hash = recoveryCodeHash(factor.recoveryCode);
      const id = await db.write((trx) => mfaRepo.useRecoveryCode(trx, actor.organisationId, actor.userId, hash, at));
      if (id === undefined) {
        await this.codeFailed(actor, ip, operation, 'failure');
        throw new WrongCode('recoveryCode');
      }
      await this.throttles.succeeded({ clear: [key] });
      return { entityType: 'MfaRecoveryCode', entityId: id };
    }
    const secret = this.openSecret(actor.userId, mfa.secretSealed);
    const code = factor.code ?? '';
    const step = totpStep(secret, code, now, mfa.lastStep);
    const used =
      step !== null &&
      (await db.write((trx) => mfaRepo.useTotpStep(trx, actor.organisationId, actor.userId, step, at)));
    if (!used) {
      await this.codeFailed(actor, ip, operation, 'failure');
      // A right code that was used already (or just now, by a request sent at the same time) says so.
      throw new WrongCode('code', totpStep(secret, code, now, null) !== null);
    }
    await this.throttles.succeeded({ clear: [key] });
    return { entityType: 'User', entityId: actor.userId };
  }

  /** Counts a try of a code before it is checked; refuses (429, audited) while the user's codes must wait. */
  private async reserveCodeTry(actor: Actor, ip: string | null, key: ThrottleKey, operation: string) {
    const reservation = await this.throttles.reserve([key]);
    if (!reservation.granted) {
      await this.codeFailed(actor, ip, operation, 'denied');
      throw new TooManyAttempts('mfa-code', reservation.retryAfterMs);
    }
  }

  /** A code that did not prove the second step (`failure`), or a try refused while waiting (`denied`). */
  private async codeFailed(actor: Actor, ip: string | null, operation: string, outcome: 'failure' | 'denied') {
    await this.deps.db.write((trx) =>
      this.deps.audit.inTransaction(trx, [{ ...this.selfEvent(actor, ip, AuditAction.mfaFailed, operation), outcome }]),
    );
  }

  /** The user's TOTP secret. One that does not open was sealed under another operator's key: a setup to put right. */
  private openSecret(userId: string, sealed: string): string {
    const secret = this.box.open(userId, sealed);
    if (secret === null) {
      throw new Error(
        'A TOTP secret does not open with this server’s key: the audit key (IPT_AUDIT_KEY or its file) is not the one it was sealed with. Recovery codes still work.',
      );
    }
    return secret;
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
