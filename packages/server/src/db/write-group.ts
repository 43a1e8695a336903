/**
 * Group commit for write transactions (docs/decisions/0021-hot-paths.md).
 *
 * Every write of the server (a clinical change with its audit event, a sign-in, a batch of read audit events) is a
 * unit of work that `run` queues. A lane (one connection) takes the queued works in turn inside one transaction,
 * each in its own savepoint, and commits them together: one durable commit (one fsync on SQLite, one WAL flush on
 * PostgreSQL) for all of them. A work is acknowledged (its promise resolves) only after that commit returns, so an
 * answered write is on disk exactly as before; a work that fails is rolled back to its savepoint, alone, and its
 * error is given to its caller at once; a commit that fails fails every work of the group, none acknowledged.
 *
 * The works of a group run one after another on one connection, as if each were its own transaction in that order:
 * a work sees what the works before it in the group wrote (they commit with it, or not at all), never a half of
 * another work. Under no load a group is one work, committed at once; under load the works that arrive while a
 * group runs join it, up to `maxWorks` or `maxMs`.
 *
 * What a work defers (`defer`: its audit events) is handed, for the works that succeeded and in their order, to the
 * before-commit step, which runs last in the group's transaction: the audit chain head is then taken once per group,
 * not once per work, and held only from there to the commit.
 *
 * SQLite has one lane (one writer). PostgreSQL has several, each on its own pooled connection: their works run side
 * by side, and their groups meet only at the audit chain head, one group at a time.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

type Work<T> = (trx: Kysely<Database>) => Promise<T>;

interface Queued {
  readonly work: Work<unknown>;
  /** Run alone, outside any group transaction (migrations, which take their own). */
  readonly exclusive?: boolean;
  /** No statement of its own: only these items for the before-commit step (no savepoint needed). */
  readonly items?: readonly unknown[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

/** How many groups committed, and how many works they carried, since the server started. */
export interface WriteGroupStats {
  readonly groups: number;
  readonly works: number;
  readonly largest: number;
}

export interface WriteGroupOptions {
  readonly lanes: number;
  readonly maxWorks?: number;
  readonly maxMs?: number;
}

/** A group in progress on one lane: its connection and the deferred items of the work running now. */
interface Open {
  readonly conn: Kysely<Database>;
  current: unknown[] | null;
}

export class WriteGroup {
  private readonly queue: Queued[] = [];
  private readonly maxWorks: number;
  private readonly maxMs: number;
  private readonly lanes: number;
  private active = 0;
  private exclusiveRunning = false;
  private idleWaiters: (() => void)[] = [];
  private readonly open = new Set<Open>();
  private groups = 0;
  private works = 0;
  private largest = 0;
  /** Runs last in every group's transaction with what its works deferred (the audit log's append). */
  beforeCommit: ((trx: Kysely<Database>, items: readonly unknown[]) => Promise<void>) | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    options: WriteGroupOptions,
  ) {
    this.lanes = Math.max(1, options.lanes);
    this.maxWorks = options.maxWorks ?? 64;
    this.maxMs = options.maxMs ?? 5;
  }

  /** Runs `work` in the next group; resolves to its result once the group's commit is durable. */
  run<T>(work: Work<T>): Promise<T> {
    return this.enqueue(work, false);
  }

  /**
   * Runs `work` alone on a writing connection, when no group is open and outside any transaction of theirs: for
   * what opens its own transactions (the migrations, at boot).
   */
  exclusive<T>(work: Work<T>): Promise<T> {
    return this.enqueue(work, true);
  }

  /**
   * Hands `items` to the before-commit step of the next group, with no statement of their own (the read audit
   * events); resolves once that group's commit is durable.
   */
  append(items: readonly unknown[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ work: () => Promise.resolve(), items, resolve: () => resolve(), reject });
      this.startLanes();
    });
  }

  /**
   * Keeps `items` for the before-commit step of the group that `trx` belongs to, if the work running on it now
   * succeeds; false when `trx` is not a group's connection (then the caller does the work itself).
   */
  defer(trx: Kysely<Database>, items: readonly unknown[]): boolean {
    for (const o of this.open) {
      if (o.conn !== trx) continue;
      if (!o.current) throw new Error('Deferred outside of a running work of the group.');
      o.current.push(...items);
      return true;
    }
    return false;
  }

  get stats(): WriteGroupStats {
    return { groups: this.groups, works: this.works, largest: this.largest };
  }

  /** Resolves when nothing is queued or running (for shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue<T>(work: Work<T>, exclusive: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, exclusive, resolve: resolve as (value: unknown) => void, reject });
      this.startLanes();
    });
  }

  private startLanes() {
    while (this.active < this.lanes && this.queue.length > this.active) {
      this.active++;
      void this.lane();
    }
  }

  /**
   * One lane: it starts on the next turn of the event loop, not at once. On SQLite a work runs without ever waiting
   * for I/O, so a group started at once would hold only the work that started it; one turn lets every request that
   * arrived with it reach its write first and join the group.
   */
  private async lane(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0];
        if (next?.exclusive) {
          // Alone: only when this is the one lane at work.
          if (this.exclusiveRunning || this.open.size > 0) break;
          this.queue.shift();
          this.exclusiveRunning = true;
          await next.work(this.db).then(next.resolve, next.reject);
          this.exclusiveRunning = false;
        } else if (this.exclusiveRunning) {
          break;
        } else {
          await this.group();
        }
      }
    } finally {
      this.active--;
      if (this.queue.length > 0 && !this.exclusiveRunning) this.startLanes();
      else if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async group(): Promise<void> {
    const done: { readonly queued: Queued; readonly value: unknown }[] = [];
    const deferred: unknown[] = [];
    let current: Queued | undefined;
    try {
      await this.db.connection().execute(async (conn) => {
        const open: Open = { conn, current: null };
        this.open.add(open);
        try {
          await sql`begin`.execute(conn);
          try {
            const deadline = performance.now() + this.maxMs;
            while (this.queue.length > 0 && done.length < this.maxWorks && performance.now() < deadline) {
              if (this.queue[0]?.exclusive) break;
              current = this.queue.shift();
              if (!current) break;
              if (current.items) {
                done.push({ queued: current, value: undefined });
                deferred.push(...current.items);
                current = undefined;
                continue;
              }
              const items: unknown[] = [];
              open.current = items;
              await sql`savepoint work`.execute(conn);
              try {
                const value = await current.work(conn);
                await sql`release savepoint work`.execute(conn);
                done.push({ queued: current, value });
                deferred.push(...items);
              } catch (err) {
                await sql`rollback to savepoint work`.execute(conn);
                await sql`release savepoint work`.execute(conn);
                // Its changes are undone and nothing of it is acknowledged: its caller hears at once.
                current.reject(err);
              } finally {
                open.current = null;
              }
              current = undefined;
            }
            if (deferred.length > 0) {
              if (!this.beforeCommit) throw new Error('Items were deferred to a commit that has no step for them.');
              await this.beforeCommit(conn, deferred);
            }
            await sql`commit`.execute(conn);
          } catch (err) {
            await sql`rollback`.execute(conn).catch(() => undefined);
            throw err;
          }
        } finally {
          this.open.delete(open);
        }
      });
    } catch (err) {
      // The group did not commit: no work of it is acknowledged, the one in hand included.
      current?.reject(err);
      for (const d of done) d.queued.reject(err);
      return;
    }
    this.groups++;
    this.works += done.length;
    this.largest = Math.max(this.largest, done.length);
    for (const d of done) d.queued.resolve(d.value);
  }
}
