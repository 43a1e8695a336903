import { roles } from '@ipt/core';
import { z } from 'zod';
import { Id } from './common.js';

export const RoleSchema = z.enum(roles);

export const LoginRequest = z
  .strictObject({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: 'Must be an email address.' })),
    password: z.string().min(1, 'Enter your password.').max(256),
  })
  .meta({ id: 'LoginRequest' });

/**
 * Passwords: at least 12 characters, at most 128, any characters (OWASP ASVS 5 §6.2; research/reliability-perf.md
 * A.2–A.3). No composition rules.
 */
export const NewPassword = z.string().min(12, 'Use at least 12 characters.').max(128, 'Use at most 128 characters.');

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword })
  .meta({ id: 'ChangePasswordRequest' });

export const Me = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    organisationId: Id,
    organisationName: z.string(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/**
 * Two-step sign-in (docs/decisions/0019-mfa.md): a code from an authenticator app (TOTP, RFC 6238), or one of the
 * recovery codes shown once when it was set up.
 */
export const TotpCode = z
  .string()
  // Apps show the code as "123 456": spaces and dashes typed with it are dropped.
  .overwrite((s) => s.replace(/[\s-]/g, ''))
  .regex(/^\d{6}$/, 'Enter the 6-digit code your authenticator app shows now.');

/** A recovery code as typed: 26 letters and digits, in groups or not, any case. */
export const RecoveryCode = z
  .string()
  .trim()
  .min(1, 'Enter one of your recovery codes.')
  .max(64, 'A recovery code has 26 letters and digits.');

/** Exactly one of the two: a code from the app, or a recovery code. */
const oneFactor = <T extends { code?: string | undefined; recoveryCode?: string | undefined }>(v: T) =>
  (v.code === undefined) !== (v.recoveryCode === undefined);
const oneFactorMessage = {
  message: 'Enter the code from your authenticator app, or a recovery code (one of them).',
  path: ['code'],
};

/** The second step of signing in: the code that proves the second factor, on the half-session the password opened. */
export const VerifyMfaRequest = z
  .strictObject({ code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine(oneFactor, oneFactorMessage)
  .meta({ id: 'VerifyMfaRequest' });

/** Turning two-step sign-in off: the current password and a code (or a recovery code). */
export const DisableMfaRequest = z
  .strictObject({
    password: z.string().min(1, 'Enter your password.').max(256),
    code: TotpCode.optional(),
    recoveryCode: RecoveryCode.optional(),
  })
  .refine(oneFactor, oneFactorMessage)
  .meta({ id: 'DisableMfaRequest' });

/** Ends setting up: a code the app shows for the new secret, which proves the app has it. */
export const ConfirmMfaEnrolmentRequest = z.strictObject({ code: TotpCode }).meta({ id: 'ConfirmMfaEnrolmentRequest' });

/**
 * A secret being set up: the otpauth:// URI an authenticator app reads (as a QR code), and the secret for typing in
 * by hand. Shown while setting up only; never answered again once confirmed.
 */
export const MfaEnrolment = z
  .object({
    secret: z.string(),
    otpauthUri: z.string(),
    issuer: z.string(),
    accountName: z.string(),
    /** The app's settings, for typing the secret in by hand: 6 digits, a new code every 30 seconds, SHA-1. */
    digits: z.literal(6),
    periodSeconds: z.literal(30),
    algorithm: z.literal('SHA1'),
  })
  .meta({ id: 'MfaEnrolment' });
export type MfaEnrolment = z.infer<typeof MfaEnrolment>;

/** Set up: ten single-use recovery codes, shown this once, and the signed-in user (a new session). */
export const MfaEnrolled = z.object({ recoveryCodes: z.array(z.string()), me: Me }).meta({ id: 'MfaEnrolled' });

/** Where the signed-in user stands with two-step sign-in. */
export const MfaStatus = z
  .object({
    enabled: z.boolean(),
    /** The organisation requires it for this user's role: it cannot be turned off. */
    required: z.boolean(),
    enabledAt: z.string().nullable(),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'MfaStatus' });
export type MfaStatus = z.infer<typeof MfaStatus>;

/**
 * The password was right, and a second step is owed: a code (`mfa-code`), or setting up an app first because the
 * organisation requires it (`mfa-enrol`). The session the cookie now carries can do only that, until `expiresAt`.
 */
export const MfaChallenge = z
  .object({ step: z.enum(['mfa-code', 'mfa-enrol']), expiresAt: z.string() })
  .meta({ id: 'MfaChallenge' });
export type MfaChallenge = z.infer<typeof MfaChallenge>;

/** Signing in answers the user (one step), or the second step still owed. */
export const LoginResult = z.union([Me, MfaChallenge]).meta({ id: 'LoginResult' });
export type LoginResult = z.infer<typeof LoginResult>;

/** The organisation's sign-in policy, set by its administrators. */
export const OrganisationMfa = z
  .strictObject({
    /** Clinical staff, supervisors and administrators must sign in with a second step. */
    mfaRequired: z.boolean(),
  })
  .meta({ id: 'OrganisationMfa' });
