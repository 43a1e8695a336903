/**
 * Risk is never buried: an item-level risk answer (PHQ-9 item 9 > 0, EPDS item 10 > 0, any flag an instrument
 * declares) opens a flag that stays until a clinician records a safety review: the risk level they judge (the
 * software never assigns one), what they asked, a Stanley–Brown safety plan and when to review again.
 * See shared/ipt/DOMAIN.md §10.2 and ERRATA must-fix 1. No automatic dismissal.
 */
import { reachOf } from './reach.js';
import { readRiskAssessment, readSafetyPlan } from '../db/repositories/json-columns.js';
import type { RiskFlag } from '@ipt/contract';
import { NotFound, RuleViolation } from '@ipt/core';
import type { z } from 'zod';
import type { CreateSafetyReviewRequest } from '@ipt/contract';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import * as measures from '../db/repositories/measures-repository.js';
import { findReachablePatient } from '../db/repositories/patients-repository.js';
import type { RiskFlagTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import type { ServiceDeps } from './deps.js';

export function toRiskFlag(row: RiskFlagTable): RiskFlag {
  const item = Number(row.item);
  return {
    id: row.id,
    courseId: row.courseId,
    administrationId: row.administrationId,
    instrumentId: row.instrumentId,
    item: Number.isInteger(item) ? item : row.item,
    code: row.code,
    label: row.label,
    answerLabel: row.answerLabel,
    weight: row.weight,
    raisedAt: row.raisedAt,
    status: row.reviewId === null ? 'open' : 'reviewed',
    reviewId: row.reviewId,
  };
}

export class RiskService {
  constructor(private readonly deps: ServiceDeps) {}

  async overview(ctx: RequestContext, patientId: string) {
    const q = this.deps.db.db;
    const patient = await findReachablePatient(q, ctx.actor, patientId, reachOf(ctx, 'read'));
    if (!patient) throw new NotFound('Patient');
    const [flags, reviews] = await Promise.all([
      measures.listRiskFlags(q, ctx.actor.organisationId, [patientId], false),
      measures.listSafetyReviews(q, ctx.actor.organisationId, patientId),
    ]);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'RiskFlag', null, patientId));
    const all = flags.map(toRiskFlag);
    return {
      open: all.filter((f) => f.status === 'open'),
      reviewed: all.filter((f) => f.status === 'reviewed'),
      reviews: reviews.map((r) => ({
        id: r.id,
        patientId: r.patientId,
        flagIds: flags.filter((f) => f.reviewId === r.id).map((f) => f.id),
        riskLevel: r.riskLevel as 'low' | 'moderate' | 'high' | 'imminent',
        asked: r.asked,
        assessment: readRiskAssessment(r.assessmentJson),
        safetyPlan: readSafetyPlan(r.safetyPlanJson),
        reviewBy: r.reviewBy,
        byName: r.byName,
        at: r.createdAt,
      })),
    };
  }

  async review(ctx: RequestContext, patientId: string, input: z.output<typeof CreateSafetyReviewRequest>) {
    const today = this.deps.clock().toISOString().slice(0, 10);
    if (input.reviewBy < today) throw new RuleViolation('The review date cannot be in the past.', 'reviewBy');
    return this.deps.db.db.transaction().execute(async (trx) => {
      const patient = await findReachablePatient(trx, ctx.actor, patientId, reachOf(ctx, 'write'));
      if (!patient) throw new NotFound('Patient');
      const at = this.deps.clock().toISOString();
      const id = uuidv7();
      await measures.insertSafetyReview(trx, {
        id,
        organisationId: ctx.actor.organisationId,
        patientId,
        riskLevel: input.riskLevel,
        asked: input.asked,
        assessmentJson: JSON.stringify(input.assessment),
        safetyPlanJson: JSON.stringify(input.safetyPlan),
        reviewBy: input.reviewBy,
        createdBy: ctx.actor.userId,
        createdAt: at,
      });
      const closed = await measures.closeRiskFlags(trx, ctx.actor.organisationId, patientId, input.flagIds, id);
      if (closed !== new Set(input.flagIds).size) {
        throw new RuleViolation(
          'One of the flags is not open for this patient (already reviewed, or not theirs).',
          'flagIds',
        );
      }
      await this.deps.audit.inTransaction(trx, [clinicalEvent(ctx, AuditAction.create, 'SafetyReview', id, patientId)]);
      return {
        id,
        patientId,
        flagIds: input.flagIds,
        riskLevel: input.riskLevel,
        asked: input.asked,
        assessment: input.assessment,
        safetyPlan: input.safetyPlan,
        reviewBy: input.reviewBy,
        byName: ctx.actor.displayName,
        at,
      };
    });
  }
}
