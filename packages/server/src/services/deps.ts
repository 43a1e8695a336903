import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Mailer } from '../mail/outbox.js';

/** What every service is built from. The clock is injected so tests can move time. */
export interface ServiceDeps {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly config: Config;
  readonly clock: () => Date;
  /** Email by outbox (docs/decisions/0022); `enabled` only when a mail server and the public address are set. */
  readonly mail: Mailer;
  /** The migration level, read once at boot (migrations run only then). */
  readonly migrations: { readonly applied: number; readonly latest: string };
}

/** Today's calendar date in UTC, "YYYY-MM-DD". */
export function todayOf(clock: () => Date): string {
  return clock().toISOString().slice(0, 10);
}
