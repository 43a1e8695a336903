/**
 * Two-step sign-in's parts (docs/decisions/0019-mfa.md): TOTP codes (RFC 6238 through otplib: 6 digits, 30-second
 * steps, HMAC-SHA-1 as every authenticator app reads them), the sealing of the secret at rest, and the recovery codes.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Role } from '@ipt/core';
import { generateSecret, generateURI, verifySync } from 'otplib';

/** Whom an organisation's policy asks for a second step: everyone who reaches clinical records or manages users. */
export const mfaRoles: readonly Role[] = [Role.clinician, Role.trainee, Role.facilitator, Role.supervisor, Role.admin];

export const TOTP_ISSUER = 'IPT Workbench';
export const TOTP_PERIOD_SECONDS = 30;
/** A half-session (password right, second step owed) lasts this long. */
export const HALF_SESSION_MS = 5 * 60_000;

/** A new TOTP secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32 as apps take it. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function otpauthUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret, period: TOTP_PERIOD_SECONDS, digits: 6 });
}

/**
 * The time step of `code` when it is the code of this step, the one before or the one after (±30 s of clock drift
 * between phone and server), and later than `afterStep` (a code already used is not accepted again); otherwise null.
 */
export function totpStep(secret: string, code: string, now: Date, afterStep: number | null): number | null {
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterStep !== null && { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * Seals TOTP secrets at rest: AES-256-GCM with a fresh 96-bit IV each time, and the user's id as associated data, so
 * a sealed secret copied onto another user's row does not open. The key is derived from the operator's key, which
 * the database never holds: a copy of the database does not give out anyone's second factor.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The MFA sealing key must be 32 bytes.');
  }

  seal(userId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aadOf(userId)));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv, sealed, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The secret, or null when the sealed text is not this key's for this user (another key, another row, an edit). */
  open(userId: string, sealedText: string): string | null {
    const [version, iv, sealed, tag, ...rest] = sealedText.split('.');
    if (version !== 'v1' || iv === undefined || sealed === undefined || tag === undefined || rest.length > 0) {
      return null;
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aadOf(userId)));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

const aadOf = (userId: string) => `ipt-workbench mfa secret v1\n${userId}`;

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODES = 10;
const RECOVERY_CODE_CHARS = 26;

/** Ten recovery codes of 130 random bits each (26 characters of base32), in groups of five for reading. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = randomBytes(RECOVERY_CODE_CHARS);
    // 32 divides 256: taking each byte modulo 32 keeps every character equally likely.
    const chars = [...bytes].map((b) => CROCKFORD[b % 32] ?? '0').join('');
    return chars.match(/.{1,5}/g)?.join('-') ?? chars;
  });
}

/** A recovery code as stored: upper case, without spaces or dashes, with the letters Crockford reads as digits. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The SHA-256 of a recovery code: 130 random bits need no slow hash (no dictionary reaches them). */
export function recoveryCodeHash(typed: string): string {
  return createHash('sha256')
    .update(`ipt-workbench recovery code v1\n${normaliseRecoveryCode(typed)}`)
    .digest('hex');
}
