/**
 * Email by outbox (docs/decisions/0022-email-outbox.md). A service writes an email as a row in the same write as what
 * it is about (`enqueue`); the sender drains the outbox after each such write and every few seconds, and the row is
 * acknowledged only when the mail server has taken the message. Nothing is lost to a restart (the row waits), and a
 * row is claimed before it is sent, so two servers never send it twice. An email that cannot go is tried again later
 * (1, 2, 4 … minutes, at most 8 attempts), then given up; its body, which holds a single-use link, is erased once it
 * has gone or been given up. Bodies carry no clinical content: the words are in mail/messages.ts.
 */
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.js';
import type { Db } from '../db/connect.js';
import * as outbox from '../db/repositories/outbox-repository.js';
import type { Q } from '../db/repositories/tx.js';
import { uuidv7 } from '../ids.js';

/** What a service asks to send. */
export interface Email {
  readonly organisationId: string;
  readonly purpose: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** The one thing the sender needs of a mail server: take a message, or throw. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
  close(): void;
}

const MINUTE = 60_000;
const MAX_ATTEMPTS = 8;
const CLAIM_MS = 2 * MINUTE;
const BATCH = 20;

export class Mailer {
  private readonly transport: MailTransport | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Where a failed send is reported (the server's log once it has one). */
  warn: (message: string) => void = (message) => process.emitWarning(message, 'MailWarning');

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly config: MailConfig,
    transport?: MailTransport,
  ) {
    this.transport =
      transport ?? (config.smtpUrl && config.publicUrl ? nodemailer.createTransport(config.smtpUrl) : null);
  }

  /** Email is set up: a mail server and the address patients reach this server at. */
  get enabled(): boolean {
    return this.transport !== null && this.config.publicUrl !== undefined;
  }

  /** The address a patient opens for `path` (a path of the web app, e.g. `/q/TOKEN`). */
  linkTo(path: string): string {
    if (!this.config.publicUrl) throw new Error('IPT_PUBLIC_URL is not set: no link can be emailed.');
    return `${this.config.publicUrl}${path}`;
  }

  /** Writes the email into the outbox inside the caller's write: it goes if, and only if, that write commits. */
  async enqueue(q: Q, email: Email): Promise<void> {
    const at = this.clock().toISOString();
    await outbox.insertEmail(q, {
      id: uuidv7(),
      organisationId: email.organisationId,
      purpose: email.purpose,
      toAddress: email.to,
      subject: email.subject,
      body: email.text,
      createdAt: at,
      attempts: 0,
      nextAttemptAt: at,
      claimedUntil: null,
      sentAt: null,
      failedAt: null,
      lastError: null,
    });
  }

  /** Sends what is due every `everyMs`, and at once. */
  start(everyMs = 5_000): void {
    if (!this.transport || this.timer) return;
    this.timer = setInterval(() => void this.kick(), everyMs).unref();
    void this.kick();
  }

  /** Sends what is due now (after a write that queued an email); resolves when this round is done. */
  kick(): Promise<void> {
    if (!this.transport || this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain()
      .catch((err: unknown) => this.warn(`Email outbox: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.transport?.close();
  }

  private async drain(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    for (;;) {
      const now = this.clock();
      const due = await outbox.listDueEmails(this.db.db, now.toISOString(), BATCH);
      for (const email of due) {
        if (this.stopped) return;
        const claimedUntil = new Date(now.getTime() + CLAIM_MS).toISOString();
        const claimed = await this.db.write((trx) => outbox.claimEmail(trx, email.id, now.toISOString(), claimedUntil));
        if (!claimed) continue;
        try {
          await transport.sendMail({
            from: this.config.from,
            to: email.toAddress,
            subject: email.subject,
            text: email.body,
            // The same id on every attempt: a mail system that got it twice can tell.
            messageId: `<${email.id}@ipt-workbench>`,
          });
          await this.db.write((trx) => outbox.markEmailSent(trx, email.id, this.clock().toISOString()));
        } catch (err) {
          const attempts = email.attempts + 1;
          const message = err instanceof Error ? err.message : String(err);
          const at = this.clock();
          const giveUp = attempts >= MAX_ATTEMPTS;
          await this.db.write((trx) =>
            outbox.markEmailNotSent(trx, email.id, {
              attempts,
              nextAttemptAt: new Date(at.getTime() + 2 ** (attempts - 1) * MINUTE).toISOString(),
              failedAt: giveUp ? at.toISOString() : null,
              error: message,
            }),
          );
          this.warn(`Email ${email.id} not sent (attempt ${attempts}${giveUp ? ', given up' : ''}): ${message}`);
        }
      }
      if (due.length < BATCH) return;
    }
  }
}
