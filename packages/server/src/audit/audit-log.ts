/**
 * The audit trail: append-only, hash-chained events for every read and write of clinical data.
 *
 * Writes append their event inside their own transaction. Reads are appended by group commit: events wait a few
 * milliseconds and commit together in one transaction, and the request answers only once its batch is durable, so
 * reads scale past the disk's fsync rate and no answered request goes unaudited (shared/DESIGN.md "Security model").
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.js';
import { lockAuditHead } from '../db/dialect.js';
import { insertAuditEvents, setAuditChainHead } from '../db/repositories/audit-repository.js';
import type { AuditEventTable, Database } from '../db/schema.js';
import { uuidv7 } from '../ids.js';

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
export function auditHash(e: Unhashed): string {
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
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export async function appendAuditEvents(trx: Kysely<Database>, db: Db, entries: readonly AuditEntry[], at: string) {
  if (entries.length === 0) return;
  let head = await lockAuditHead(trx, db.dialect);
  const rows: AuditEventTable[] = [];
  for (const entry of entries) {
    const unhashed: Unhashed = { ...entry, seq: head.seq + 1, id: uuidv7(), at, prevHash: head.hash };
    const row = { ...unhashed, hash: auditHash(unhashed) };
    rows.push(row);
    head = { seq: row.seq, hash: row.hash };
  }
  await insertAuditEvents(trx, rows);
  await setAuditChainHead(trx, head);
}

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class AuditLog {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private committed = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly delayMs = 2,
    private readonly maxBatch = 500,
  ) {}

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

  /** Appends events inside a caller's transaction (a clinical write and its audit event commit together). */
  inTransaction(trx: Kysely<Database>, entries: readonly AuditEntry[]) {
    return appendAuditEvents(trx, this.db, entries, this.now().toISOString());
  }

  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.flushing || this.timer) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.startFlush();
      }
      await this.flushing;
    }
  }

  private schedule() {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startFlush();
    }, this.delayMs);
  }

  private startFlush() {
    const batch = this.pending.splice(0, this.maxBatch);
    this.flushing = this.db.db
      .transaction()
      .execute((trx) =>
        appendAuditEvents(
          trx,
          this.db,
          batch.map((p) => p.entry),
          this.now().toISOString(),
        ),
      )
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
