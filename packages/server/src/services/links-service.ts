/**
 * Single-use questionnaire links the patient opens without an account, and the kiosk hand-over on the clinician's
 * device. A link carries 256 random bits (only their hash is stored), expires (default 4 days), and works once.
 */
import type { LinkQuestionnaire } from '@ipt/contract';
import { DomainError, NotFound, RuleViolation } from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { setKioskLock } from '../db/repositories/auth-sessions-repository.js';
import * as patients from '../db/repositories/patients-repository.js';
import { measureLinkEmail } from '../mail/messages.js';
import * as courses from '../db/repositories/courses-repository.js';
import * as measures from '../db/repositories/measures-repository.js';
import { secretToken, tokenHash } from '../ids.js';
import type { ServiceDeps } from './deps.js';
import * as catalogue from './instrument-catalogue.js';
import { Pipeline } from './pipeline.js';
import { recordAdministration } from './record-administration.js';

/** The link was used already or has expired: the patient needs a new one. */
export class LinkGone extends DomainError {
  constructor(
    message = 'This questionnaire link has already been used or has expired. Please ask your clinician for a new one.',
  ) {
    super(message);
  }
}

export class LinksService {
  private readonly pipeline: Pipeline;
  constructor(private readonly deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  async create(
    ctx: RequestContext,
    courseId: string,
    input: { instrumentId: string; expiresInHours: number; sessionId?: string | undefined; sendByEmail?: boolean },
    kind: 'link' | 'kiosk' = 'link',
  ) {
    const { mail } = this.deps;
    if (input.sendByEmail && kind === 'kiosk') {
      throw new RuleViolation('A kiosk hand-over happens on this device: it is not emailed.', 'sendByEmail');
    }
    if (input.sendByEmail && !mail.enabled) {
      throw new RuleViolation('Email is not set up on this server: give the patient the link yourself.', 'sendByEmail');
    }
    if (!catalogue.isKnownInstrument(input.instrumentId)) {
      throw new RuleViolation(`Unknown instrument "${input.instrumentId}".`, 'instrumentId');
    }
    if (kind === 'link' && catalogue.rater(input.instrumentId) === 'clinician') {
      throw new RuleViolation(
        'This instrument is rated by the clinician, not filled in by the patient.',
        'instrumentId',
      );
    }
    const token = secretToken();
    // A kiosk hand-over is for now: it lapses after an hour whatever was asked.
    const hours = kind === 'kiosk' ? Math.min(input.expiresInHours, 1) : input.expiresInHours;
    const created = await this.pipeline.write(ctx, async (w) => {
      const { patientId } = await w.course(courseId);
      if (input.sessionId !== undefined) {
        const session = await courses.findSession(w.q, w.organisationId, input.sessionId);
        if (session?.courseId !== courseId) throw new RuleViolation('No such session in this course.', 'sessionId');
      }
      const expiresAt = new Date(Date.parse(w.at) + hours * 3_600_000).toISOString();
      await measures.insertMeasureLink(w.q, {
        idHash: tokenHash(token),
        organisationId: w.organisationId,
        patientId,
        courseId,
        sessionId: input.sessionId ?? null,
        instrumentId: input.instrumentId,
        kind,
        createdBy: ctx.actor.userId,
        createdAt: w.at,
        expiresAt,
        usedAt: null,
        administrationId: null,
      });
      if (kind === 'kiosk') await setKioskLock(w.q, ctx.actor.sessionIdHash, tokenHash(token));
      w.audit(AuditAction.create, kind === 'kiosk' ? 'KioskHandover' : 'MeasureLink', null, patientId);
      const path = `/${kind === 'kiosk' ? 'kiosk' : 'q'}/${token}`;
      if (input.sendByEmail) {
        const patient = await patients.findPatientInOrganisation(w.q, w.organisationId, patientId);
        const to = patient && patients.toPatient(patient).contact?.email;
        if (!to) {
          throw new RuleViolation(
            'This patient has no email address on file: add one to their details, or give them the link yourself.',
            'sendByEmail',
          );
        }
        const message = measureLinkEmail(mail.linkTo(path), expiresAt);
        await mail.enqueue(w.q, { organisationId: w.organisationId, purpose: 'measure-link', to, ...message });
        w.audit(AuditAction.create, 'Email', null, patientId);
      }
      return { token, path, expiresAt, instrumentId: input.instrumentId, emailed: input.sendByEmail === true };
    });
    // Committed: the email is in the outbox; the sender takes it now rather than at its next round.
    if (created.emailed) void mail.kick();
    return created;
  }

  /** The questionnaire behind a link; reveals nothing about the patient. */
  async open(token: string, ip: string | null): Promise<LinkQuestionnaire> {
    const q = this.deps.db.db;
    const link = await measures.findMeasureLink(q, tokenHash(token));
    if (!link) throw new NotFound('Link');
    if (link.usedAt !== null || link.expiresAt <= this.deps.clock().toISOString()) throw new LinkGone();
    const pack = await measures.findTextPack(q, link.organisationId, link.instrumentId);
    // eslint-disable-next-line no-restricted-syntax -- The link is its own credential (policy scope none, no signed-in caller): outside the pipeline.
    await this.deps.audit.record(this.linkEvent(link, ip, AuditAction.read, 'openMeasureLink'));
    return {
      instrument: catalogue.definition(link.instrumentId, pack),
      expiresAt: link.expiresAt,
      kiosk: link.kind === 'kiosk',
    };
  }

  /** The patient's answers: saved, scored and flagged in one transaction, and the link spent. */
  async submit(token: string, ip: string | null, answers: (number | null)[]) {
    // eslint-disable-next-line no-restricted-syntax -- The link is its own credential (policy scope none, no signed-in caller): outside the pipeline.
    return this.deps.db.write(async (trx) => {
      const link = await measures.findMeasureLink(trx, tokenHash(token));
      if (!link) throw new NotFound('Link');
      const now = this.deps.clock().toISOString();
      if (link.usedAt !== null || link.expiresAt <= now) throw new LinkGone();
      const row = await recordAdministration(trx, this.deps, {
        organisationId: link.organisationId,
        patientId: link.patientId,
        courseId: link.courseId,
        sessionId: link.sessionId,
        instrumentId: link.instrumentId,
        instrumentVersion: catalogue.versionOf(link.instrumentId),
        answers,
        mode: link.kind === 'kiosk' ? 'kiosk' : 'link',
        enteredBy: null,
      });
      if (!(await measures.useMeasureLink(trx, link.idHash, now, row.id))) throw new LinkGone();
      // eslint-disable-next-line no-restricted-syntax -- The link is its own credential (policy scope none, no signed-in caller): outside the pipeline.
      await this.deps.audit.inTransaction(trx, [
        {
          ...this.linkEvent(link, ip, AuditAction.create, 'submitMeasureLink'),
          entityType: 'Administration',
          entityId: row.id,
        },
      ]);
      return { received: true as const, showCrisisSupport: row.flagsJson !== '[]' };
    });
  }

  private linkEvent(
    link: { organisationId: string; patientId: string },
    ip: string | null,
    action: AuditAction,
    operation: string,
  ) {
    return {
      organisationId: link.organisationId,
      userId: null,
      role: 'patient-link',
      action,
      entityType: 'MeasureLink',
      entityId: null,
      patientId: link.patientId,
      outcome: 'success' as const,
      ip,
      operation,
    };
  }
}
