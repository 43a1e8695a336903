/**
 * Throttles that hold under concurrency and across server processes (issue 11; docs/decisions/0017-throttles.md).
 *
 * An attempt to prove a password is reserved before the password is checked: in one transaction, every key the
 * attempt falls under gets a failure counted in advance, or, when any key must still wait, none does and the attempt
 * is refused without counting. A success gives the counted failure back. So N parallel wrong tries count N, and a
 * wait can be sat out but never extended by the tries it refuses.
 *
 * Keys for signing in: the account from this address (the attacker's own address slows down, the clinician's does
 * not), the account from every address it has not signed in from, and the address across accounts. An address the
 * account signed in from is known for 30 days and is spared the last two. Nothing is locked: each wait ends.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { DomainError } from '@ipt/core';
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import * as throttlesRepo from '../db/repositories/throttles-repository.js';

export interface Limit {
  /** Failures before any wait. */
  readonly free: number;
  /** The wait after the first failure beyond the free ones, doubling with each further one… */
  readonly firstWaitMs: number;
  /** …up to this. */
  readonly maxWaitMs: number;
  /** Failures are forgotten this long after the last one (at least the longest wait). */
  readonly forgetAfterMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const limits = {
  /** One account from one address: five tries, then 1 s doubling to 15 min (ADR 0004's wait, now per address). */
  'sign-in:account-address': { free: 5, firstWaitMs: SECOND, maxWaitMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
  /**
   * One account from addresses it has not signed in from: twenty, then 1 s doubling to 1 min, so fewer than 100
   * failures an hour however many addresses guess (ASVS 4.0.3 2.2.1; NIST SP 800-63B §5.2.2).
   */
  'sign-in:account': { free: 20, firstWaitMs: SECOND, maxWaitMs: MINUTE, forgetAfterMs: HOUR },
  /** One address across accounts (password spraying): thirty, then 1 s doubling to 15 min. */
  'sign-in:address': { free: 30, firstWaitMs: SECOND, maxWaitMs: 15 * MINUTE, forgetAfterMs: HOUR },
  /** Guessing the current password to change it, on a session that may be stolen: as one account from one address. */
  'password-check': { free: 5, firstWaitMs: SECOND, maxWaitMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
  /**
   * Codes of the second step (an authenticator app's or a recovery code), per user, whoever sends them: five, then 1 s
   * doubling to 15 min (ADR 0019). Whoever guesses here already holds the password.
   */
  'mfa-code': { free: 5, firstWaitMs: SECOND, maxWaitMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
  /** Unlocking a kiosk session: five tries in all (ADR 0010); the fifth wrong one ends the session. */
  'kiosk-unlock': { free: 5, firstWaitMs: 12 * HOUR, maxWaitMs: 12 * HOUR, forgetAfterMs: 12 * HOUR },
} as const satisfies Record<string, Limit>;

export type ThrottleKind = keyof typeof limits;

export interface ThrottleKey {
  readonly kind: ThrottleKind;
  /** What is slowed: an email and an address, an email, an address, a user id, a session. Only its hash is kept. */
  readonly subject: string;
}

/** How long an account stays known at an address after signing in from it. */
const TRUSTED_FOR_MS = 30 * 24 * HOUR;
/** Rows untouched for longer than every forget period are removed, at most this often per process. */
const PRUNE_EVERY_MS = 10 * MINUTE;
const PRUNE_AFTER_MS = 25 * HOUR;
/** Compare-and-set rounds before an attempt is refused rather than counted twice (fails closed). */
const MAX_ROUNDS = 100;

/** The wait after `failures` failures under `limit`, in ms (0: none). */
export function waitAfter(limit: Limit, failures: number): number {
  if (failures < limit.free) return 0;
  return Math.min(limit.firstWaitMs * 2 ** Math.min(failures - limit.free, 40), limit.maxWaitMs);
}

/** What a sign-in throttle keys an address by: an IPv4 address, or an IPv6 one's /64 (one subscriber's network). */
export function addressOf(ip: string | null): string {
  if (ip === null || ip === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!net.isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** The keys of a sign-in attempt for `email` from `ip`. */
export function signInKeys(email: string, ip: string | null) {
  const address = addressOf(ip);
  return {
    accountAddress: { kind: 'sign-in:account-address', subject: `${email}\n${address}` },
    account: { kind: 'sign-in:account', subject: email },
    address: { kind: 'sign-in:address', subject: address },
  } as const satisfies Record<string, ThrottleKey>;
}

/** Too many tries for now: answered 429 with `Retry-After`, in words that say how long. */
export class TooManyAttempts extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(what: 'sign-in' | 'password-check' | 'mfa-code', retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / SECOND));
    const wait = seconds <= 90 ? plural(seconds, 'second') : plural(Math.ceil(seconds / 60), 'minute');
    super(
      what === 'sign-in'
        ? `Too many tries to sign in. Wait ${wait}, then try again. The account is not locked: this only slows guessing.`
        : what === 'mfa-code'
          ? `Too many wrong codes. Wait ${wait}, then try again with the code your app shows then.`
          : `Too many wrong current passwords. Wait ${wait}, then try again.`,
    );
    this.retryAfterSeconds = seconds;
  }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export type Reservation =
  | {
      readonly granted: true /** Failures per key, this attempt's included, in the order given. */;
      readonly failures: readonly number[];
    }
  | { readonly granted: false; readonly retryAfterMs: number };

/** Someone else wrote a row between our read and our write: the whole reservation starts again. */
class Contended extends Error {}

const hashOf = (k: ThrottleKey) => createHash('sha256').update(`${k.kind}\n${k.subject}`).digest('hex');

export class Throttles {
  private lastPrune = 0;

  private readonly db: Kysely<Database>;

  constructor(
    private readonly database: Db,
    private readonly clock: () => Date,
  ) {
    this.db = database.db;
  }

  /** Whether the account of `key` signed in from its address within the last 30 days. */
  async isTrusted(key: ThrottleKey): Promise<boolean> {
    const [row] = await throttlesRepo.findThrottles(this.db, [hashOf(key)]);
    return row?.trustedUntil != null && Date.parse(row.trustedUntil) > this.clock().getTime();
  }

  /**
   * Counts one failure in advance on every key, or on none when any key must still wait (then the longest wait is
   * returned). Atomic across keys and across server processes.
   */
  async reserve(keys: readonly ThrottleKey[]): Promise<Reservation> {
    const now = this.clock();
    const at = now.toISOString();
    const entries = keys.map((k) => ({ key: hashOf(k), kind: k.kind, limit: limits[k.kind] }));
    // One order for every writer, so two reservations never wait on each other's rows in a circle.
    const ordered = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    await this.prune(now);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      await this.database.write((trx) => throttlesRepo.ensureThrottles(trx, ordered, at));
      try {
        return await this.database.write(async (trx) => {
          const rows = await throttlesRepo.findThrottles(
            trx,
            ordered.map((e) => e.key),
          );
          const plans = ordered.map((e) => {
            const row = rows.find((r) => r.key === e.key);
            if (!row) throw new Contended(); // pruned in between: make it again
            const lastFailure = row.lastFailureAt === null ? null : Date.parse(row.lastFailureAt);
            const forgotten = lastFailure === null || now.getTime() - lastFailure > e.limit.forgetAfterMs;
            const waitUntil = forgotten || row.waitUntil === null ? 0 : Date.parse(row.waitUntil);
            return { ...e, row, failures: (forgotten ? 0 : row.failures) + 1, waitMs: waitUntil - now.getTime() };
          });
          const retryAfterMs = Math.max(0, ...plans.map((p) => p.waitMs));
          if (retryAfterMs > 0) return { granted: false, retryAfterMs } as const;
          for (const p of plans) {
            const wait = waitAfter(p.limit, p.failures);
            const counted = await throttlesRepo.countFailure(trx, p.key, p.row.writes, {
              failures: p.failures,
              lastFailureAt: at,
              waitUntil: wait > 0 ? new Date(now.getTime() + wait).toISOString() : null,
              updatedAt: at,
            });
            if (!counted) throw new Contended();
          }
          const byKey = new Map(plans.map((p) => [p.key, p.failures]));
          return { granted: true, failures: entries.map((e) => byKey.get(e.key) ?? 0) } as const;
        });
      } catch (err) {
        if (!(err instanceof Contended)) throw err;
      }
    }
    return { granted: false, retryAfterMs: SECOND };
  }

  /**
   * The attempt proved the password: `clear` forgets its keys' failures (and `trust` marks an address as known for
   * the account); `refund` gives back the failure counted in advance on keys shared with others' attempts.
   */
  async succeeded(outcome: {
    readonly clear: readonly ThrottleKey[];
    readonly refund?: readonly ThrottleKey[];
    readonly trust?: ThrottleKey;
  }) {
    const now = this.clock();
    const at = now.toISOString();
    const trustedUntil = new Date(now.getTime() + TRUSTED_FOR_MS).toISOString();
    const trusted = outcome.trust === undefined ? null : hashOf(outcome.trust);
    await this.database.write(async (trx) => {
      for (const k of outcome.clear) {
        const key = hashOf(k);
        await throttlesRepo.clearThrottle(trx, key, at, key === trusted ? trustedUntil : null);
      }
      for (const k of outcome.refund ?? []) await throttlesRepo.refundFailure(trx, hashOf(k), at);
    });
  }

  private async prune(now: Date) {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    const before = new Date(now.getTime() - PRUNE_AFTER_MS).toISOString();
    await this.database.write((trx) => throttlesRepo.pruneThrottles(trx, before, now.toISOString()));
  }
}
