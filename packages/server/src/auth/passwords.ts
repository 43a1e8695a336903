/**
 * Password hashing: Argon2id with m=19456 KiB, t=2, p=1, the OWASP minimum (research/reliability-perf.md A.3, R-09).
 */
import { hash, verify } from '@node-rs/argon2';

/** `algorithm: 2` is Argon2id in @node-rs/argon2's const enum, which verbatimModuleSyntax cannot import. */
const params = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

/** A hash of nothing anyone knows, verified against when the account does not exist, so timing does not tell. */
let decoy: Promise<string> | null = null;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword('decoy-password-for-unknown-accounts');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
