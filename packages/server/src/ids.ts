import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time (one call to the system's generator for 256 ids, not one each). */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits; sortable by creation time. */
export function uuidv7(now = Date.now()): string {
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = Buffer.from(pool.subarray(used, used + 16));
  used += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A secret token of 256 random bits, URL-safe. */
export function secretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored of a secret token (a session cookie, a questionnaire link, an invitation): its SHA-256, so a copy
 * of the database hands out nothing.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
