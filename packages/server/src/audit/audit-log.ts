/**
 * The audit trail: append-only, hash-chained events for every read and write of clinical data.
 *
 * Writes append their event inside their own transaction. Reads are appended by group commit: the events of the
 * requests answered in one turn of the event loop, or while the last batch was committing, commit together (with the
 * writes of the same write group, ADR 0021), and the request answers only once its batch is durable, so reads scale
 * past the disk's fsync rate and no answered request goes unaudited (shared/DESIGN.md "Security model").
 *
 * The links are keyed (HMAC-SHA-256 under the operator's audit key) from a marker event on, and the head is anchored
 * outside the database by signed checkpoints, every N events or T seconds and at shutdown (docs/decisions/0016).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.js';
import { lockAuditHead, readSnapshot } from '../db/dialect.js';
import {
  findAuditChainHead,
  findAuditEvent,
  insertAuditEvents,
  setAuditChainHead,
} from '../db/repositories/audit-repository.js';
import type { AuditEventTable, Database } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import type { AuditKey } from './audit-key.js';
import { appendCheckpoint, signCheckpoint } from './checkpoints.js';

export const AuditAction = {
  read: 'read',
  search: 'search',
  create: 'create',
  update: 'update',
  delete: 'delete',
  login: 'login',
  loginFailed: 'login-failed',
  logout: 'logout',
  passwordChange: 'password-change',
  /** A wrong password offered to end kiosk mode. */
  unlockFailed: 'unlock-failed',
  /** The password was right; a second step is owed (a code, or setting up an app): a half-session (ADR 0019). */
  mfaChallenge: 'mfa-challenge',
  /** A second step proved (a code from the app, or a recovery code). */
  mfaVerified: 'mfa-verified',
  /** A wrong, replayed or refused code of the second step. */
  mfaFailed: 'mfa-failed',
  /** Two-step sign-in set up (confirmed with a code) or turned off. */
  mfaEnrolled: 'mfa-enrolled',
  mfaDisabled: 'mfa-disabled',
  /** The marker where the keyed segment of the chain begins; its entity id is the key's id. */
  chainKeyed: 'chain-keyed',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditEntry {
  readonly organisationId: string | null;
  readonly userId: string | null;
  readonly role: string | null;
  readonly action: AuditAction;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly patientId: string | null;
  readonly outcome: 'success' | 'denied' | 'failure';
  readonly ip: string | null;
  readonly operation: string | null;
}

type Unhashed = Omit<AuditEventTable, 'hash'>;

/** The fields, in a fixed order, that a link of the chain covers. */
function linkMessage(e: Unhashed): string {
  const fields = [
    e.seq,
    e.id,
    e.at,
    e.organisationId,
    e.userId,
    e.role,
    e.action,
    e.entityType,
    e.entityId,
    e.patientId,
    e.outcome,
    e.ip,
    e.operation,
    e.prevHash,
  ];
  return JSON.stringify(fields);
}

/** The link hash of events written before the chain was keyed (ADR 0005): plain SHA-256, anyone can compute it. */
export function plainAuditHash(e: Unhashed): string {
  return createHash('sha256').update(linkMessage(e)).digest('hex');
}

/** The link hash of the keyed segment: HMAC-SHA-256 under the audit key, which the database never holds. */
export function keyedAuditHash(key: AuditKey, e: Unhashed): string {
  return key.linkHash(linkMessage(e));
}

/** The event that opens the keyed segment: no person, no record, the key's id as its entity. */
export function keyedMarker(key: AuditKey): AuditEntry {
  return {
    organisationId: null,
    userId: null,
    role: null,
    action: AuditAction.chainKeyed,
    entityType: 'AuditChain',
    entityId: key.id,
    patientId: null,
    outcome: 'success',
    ip: null,
    operation: 'auditKeyed',
  };
}

/** The chain was keyed with another key than this process holds: appending would fork it into two unverifiable parts. */
export class AuditKeyMismatch extends Error {
  constructor(chainKeyId: string, key: AuditKey) {
    super(
      `The audit chain is keyed with the key whose id is ${chainKeyId}, but this process holds the key ${key.id} ` +
        `(${key.source}). Give every process the same IPT_AUDIT_KEY or IPT_AUDIT_KEY_FILE (docs/decisions/0016).`,
    );
    this.name = 'AuditKeyMismatch';
  }
}

/**
 * Appends events under the locked head, keyed. When the head is not yet keyed with this key (a chain written before
 * the key, or a fresh one), a marker event opens the keyed segment first. Returns how many events were appended.
 */
export async function appendAuditEvents(
  trx: Kysely<Database>,
  db: Db,
  key: AuditKey,
  entries: readonly AuditEntry[],
  at: string,
): Promise<number> {
  if (entries.length === 0) return 0;
  const locked = await lockAuditHead(trx, db.dialect);
  if (locked.keyId !== null && locked.keyId !== key.id) throw new AuditKeyMismatch(locked.keyId, key);
  const all = locked.keyId === key.id ? entries : [keyedMarker(key), ...entries];
  let head = { seq: locked.seq, hash: locked.hash };
  const rows: AuditEventTable[] = [];
  for (const entry of all) {
    const unhashed: Unhashed = { ...entry, seq: head.seq + 1, id: uuidv7(), at, prevHash: head.hash };
    const row = { ...unhashed, hash: keyedAuditHash(key, unhashed) };
    rows.push(row);
    head = { seq: row.seq, hash: row.hash };
  }
  await insertAuditEvents(trx, rows);
  await setAuditChainHead(trx, { ...head, keyId: key.id });
  return rows.length;
}

/** What anchors the chain: the key, and where and how often its head is checkpointed. */
export interface AuditAnchor {
  readonly key: AuditKey;
  readonly checkpointsFile: string;
  readonly checkpointEveryEvents: number;
  readonly checkpointEveryMs: number;
}

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class AuditLog {
  private pending: Pending[] = [];
  private timer: NodeJS.Immediate | null = null;
  private flushing: Promise<void> | null = null;
  private committed = 0;

  /** Events this process appended since its last checkpoint (counted when appended, committed or not). */
  private sinceCheckpoint = 0;
  private appendedAny = false;
  /** Checkpoints run one after another; this is the last one queued. It never rejects. */
  private checkpoints: Promise<void> = Promise.resolve();
  private checkpointQueued = false;
  private lastCheckpoint: { seq: number; hash: string } | null = null;
  private ticker: NodeJS.Timeout | null = null;
  /** Where a failed checkpoint is reported (the server's log once it has one). */
  warn: (message: string) => void = (message) => process.emitWarning(message, 'AuditCheckpointWarning');

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    readonly anchor: AuditAnchor,
    private readonly maxBatch = 500,
  ) {
    // What the works of a write group audited is appended once, last in the group's transaction (ADR 0021).
    db.beforeCommit(async (trx, items) => {
      this.appended(await appendAuditEvents(trx, db, anchor.key, items as AuditEntry[], now().toISOString()));
    });
  }

  /** How many group commits (one transaction each, however many events) have committed so far. */
  get commits(): number {
    return this.committed;
  }

  /** Appends an event by group commit; resolves once it is durable. */
  record(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Appends events inside a caller's transaction (a clinical write and its audit event commit together). In a write
   * group they are appended with the group's other events, last before its commit, and only if this work succeeds.
   */
  async inTransaction(trx: Kysely<Database>, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0 || this.db.defer(trx, entries)) return;
    this.appended(await appendAuditEvents(trx, this.db, this.anchor.key, entries, this.now().toISOString()));
  }

  /** Waits for the events waiting for a group commit, and for the checkpoints already asked for. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.flushing || this.timer) {
      if (this.timer) {
        clearImmediate(this.timer);
        this.timer = null;
        this.startFlush();
      }
      await this.flushing;
    }
    await this.checkpoints;
  }

  /**
   * Writes a signed checkpoint of the committed head to the checkpoint file (unless it is the one written last).
   * The head is read with its event in one snapshot, and anchored only when that event carries this key's hash: a
   * head an attacker moved to an event of their own is never signed.
   */
  checkpoint(): Promise<void> {
    if (this.checkpointQueued) return this.checkpoints;
    this.checkpointQueued = true;
    this.checkpoints = this.checkpoints
      .then(async () => {
        this.checkpointQueued = false;
        this.sinceCheckpoint = 0;
        const head = await readSnapshot(this.db.db, this.db.dialect, async (q) => {
          const h = await findAuditChainHead(q);
          const seq = Number(h.seq);
          return { seq, hash: h.hash, event: seq > 0 ? await findAuditEvent(q, seq) : undefined };
        });
        if (head.seq === 0) return;
        if (this.lastCheckpoint?.seq === head.seq && this.lastCheckpoint.hash === head.hash) return;
        if (!head.event || !this.isKeyed(head.event) || head.event.hash !== head.hash) {
          this.warn(`Audit checkpoint not written: the chain head (event #${head.seq}) is not an event of this key.`);
          return;
        }
        await appendCheckpoint(
          this.anchor.checkpointsFile,
          signCheckpoint(this.anchor.key, head, this.now().toISOString()),
        );
        this.lastCheckpoint = { seq: head.seq, hash: head.hash };
      })
      .catch((err: unknown) => {
        this.checkpointQueued = false;
        this.warn(`Audit checkpoint failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    return this.checkpoints;
  }

  /** Flushes what waits, stops the checkpoint timer and writes the shutdown checkpoint. */
  async close(): Promise<void> {
    await this.drain();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.appendedAny) await this.checkpoint();
  }

  private isKeyed(event: AuditEventTable): boolean {
    const { hash, ...unhashed } = event;
    return keyedAuditHash(this.anchor.key, { ...unhashed, seq: Number(unhashed.seq) }) === hash;
  }

  private appended(count: number) {
    if (count === 0) return;
    this.appendedAny = true;
    this.sinceCheckpoint += count;
    this.ticker ??= setInterval(() => {
      if (this.sinceCheckpoint > 0) void this.checkpoint();
    }, this.anchor.checkpointEveryMs).unref();
    if (this.sinceCheckpoint >= this.anchor.checkpointEveryEvents) void this.checkpoint();
  }

  private schedule() {
    if (this.timer || this.flushing) return;
    // The events of every request answered in this turn of the event loop go together; under load, those that come
    // while a batch commits wait for the next (ADR 0021: no fixed wait, the write group groups the rest).
    this.timer = setImmediate(() => {
      this.timer = null;
      this.startFlush();
    });
  }

  private startFlush() {
    const batch = this.pending.splice(0, this.maxBatch);
    // Handed to the next write group: appended with the group's other events, last before its commit.
    this.flushing = this.db
      .append(batch.map((p) => p.entry))
      .then(
        () => {
          this.committed++;
          for (const p of batch) p.resolve();
        },
        (err: unknown) => {
          for (const p of batch) p.reject(err);
        },
      )
      .finally(() => {
        this.flushing = null;
        if (this.pending.length > 0) this.schedule();
      });
  }
}
