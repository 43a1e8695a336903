/**
 * Risk is never buried: an item-level risk answer (PHQ-9 item 9 > 0, EPDS item 10 > 0, any flag an instrument
 * declares) opens a flag that stays until a clinician records a safety review: the risk level they judge (the
 * software never assigns one), what they asked, a Stanley–Brown safety plan and when to review again.
 * See shared/ipt/DOMAIN.md §10.2 and ERRATA must-fix 1. No automatic dismissal.
 */
import { readRiskAssessment, readSafetyPlan } from '../db/repositories/json-columns.js';
import type { RiskFlag } from '@ipt/contract';
import { RuleViolation } from '@ipt/core';
import type { z } from 'zod';
import type { CreateSafetyReviewRequest } from '@ipt/contract';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import * as measures from '../db/repositories/measures-repository.js';
import type { RiskFlagTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import type { ServiceDeps } from './deps.js';
import { Pipeline } from './pipeline.js';

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
  private readonly pipeline: Pipeline;
  constructor(deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  overview(ctx: RequestContext, patientId: string) {
    return this.pipeline.read(ctx, async (w) => {
      const patient = await w.patient(patientId);
      const [flags, reviews] = await Promise.all([
        measures.listRiskFlags(w.q, w.organisationId, [patient.id], false),
        measures.listSafetyReviews(w.q, w.organisationId, patient.id),
      ]);
      w.audit(AuditAction.read, 'RiskFlag', null, patient.id);
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
    });
  }

  review(ctx: RequestContext, patientId: string, input: z.output<typeof CreateSafetyReviewRequest>) {
    return this.pipeline.write(ctx, async (w) => {
      // The date is checked before the patient is reached, as it always was.
      if (input.reviewBy < w.today) throw new RuleViolation('The review date cannot be in the past.', 'reviewBy');
      const patient = await w.patient(patientId);
      const id = uuidv7();
      await measures.insertSafetyReview(w.q, {
        id,
        organisationId: w.organisationId,
        patientId: patient.id,
        riskLevel: input.riskLevel,
        asked: input.asked,
        assessmentJson: JSON.stringify(input.assessment),
        safetyPlanJson: JSON.stringify(input.safetyPlan),
        reviewBy: input.reviewBy,
        createdBy: ctx.actor.userId,
        createdAt: w.at,
      });
      const closed = await measures.closeRiskFlags(w.q, w.organisationId, patient.id, input.flagIds, id);
      if (closed !== new Set(input.flagIds).size) {
        throw new RuleViolation(
          'One of the flags is not open for this patient (already reviewed, or not theirs).',
          'flagIds',
        );
      }
      w.audit(AuditAction.create, 'SafetyReview', id, patient.id);
      return {
        id,
        patientId: patient.id,
        flagIds: input.flagIds,
        riskLevel: input.riskLevel,
        asked: input.asked,
        assessment: input.assessment,
        safetyPlan: input.safetyPlan,
        reviewBy: input.reviewBy,
        byName: ctx.actor.displayName,
        at: w.at,
      };
    });
  }
}
