/**
 * Risk is never buried, and a flag holds (shared/ipt/DOMAIN.md §10.2; ERRATA must-fix 1; core's measures/risk.ts):
 * an item-level risk answer (PHQ-9 item 9 > 0, EPDS item 10 > 0), or a risk item left unanswered, opens a flag that
 * stays until a clinician records a safety review whose content fits the risk level they judge (the software never
 * assigns one). While a flag is open, leaving the initial phase and finishing a session's note are refused unless
 * the clinician overrides with a written reason, which is kept and audited and leaves the flag open.
 */
import {
  assertRiskReviewed,
  assertSafetyReview,
  flagRuleFacts,
  type RiskFlagFacts,
  type RiskGatedStep,
  RuleViolation,
  reviewDue,
} from '@ipt/core';
import type { CreateSafetyReviewRequest, RiskFlag, RiskOverride, SafetyReview } from '@ipt/contract';
import type { z } from 'zod';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { readFlagIds, readRiskAssessment, readSafetyPlan } from '../db/repositories/json-columns.js';
import * as measures from '../db/repositories/measures-repository.js';
import type { RiskFlagTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import type { ServiceDeps } from './deps.js';
import { shortNameOf } from './instrument-catalogue.js';
import { Pipeline, type Work } from './pipeline.js';

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
    ...flagRuleFacts(row.instrumentId, row.code),
  };
}

/** A flag as core's risk rules read it. */
function flagFacts(f: RiskFlag): RiskFlagFacts {
  return {
    id: f.id,
    instrumentName: shortNameOf(f.instrumentId),
    item: f.item,
    raisedAt: f.raisedAt,
    answered: f.answered,
    sameDay: f.sameDay,
  };
}

/**
 * The gate an open flag puts on a step, inside the caller's transaction: refused while a flag of the patient is
 * open, unless a written reason overrides it; an override is kept (with the flags it went past) and audited.
 */
export async function assertRiskGate(
  w: Work,
  target: { readonly patientId: string; readonly courseId: string; readonly sessionId: string | null },
  step: RiskGatedStep,
  overrideReason: string | undefined,
): Promise<void> {
  const open = (await measures.listRiskFlags(w.q, w.organisationId, [target.patientId], true)).map(toRiskFlag);
  const decision = assertRiskReviewed(open.map(flagFacts), step, overrideReason);
  if (!decision.overridden || decision.reason === null) return;
  const id = uuidv7();
  await measures.insertRiskOverride(w.q, {
    id,
    organisationId: w.organisationId,
    patientId: target.patientId,
    courseId: target.courseId,
    step,
    sessionId: target.sessionId,
    flagIdsJson: JSON.stringify(decision.flagIds),
    reason: decision.reason,
    createdBy: w.ctx.actor.userId,
    createdAt: w.at,
  });
  w.audit(AuditAction.create, 'RiskFlagOverride', id, target.patientId);
}

export class RiskService {
  private readonly pipeline: Pipeline;
  constructor(deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  overview(ctx: RequestContext, patientId: string) {
    return this.pipeline.read(ctx, async (w) => {
      const patient = await w.patient(patientId);
      const [flags, reviewRows, overrideRows] = await Promise.all([
        measures.listRiskFlags(w.q, w.organisationId, [patient.id], false),
        measures.listSafetyReviews(w.q, w.organisationId, patient.id),
        measures.listRiskOverrides(w.q, w.organisationId, patient.id),
      ]);
      w.audit(AuditAction.read, 'RiskFlag', null, patient.id);
      const all = flags.map(toRiskFlag);
      const reviews: SafetyReview[] = reviewRows.map((r) => ({
        id: r.id,
        patientId: r.patientId,
        flagIds: flags.filter((f) => f.reviewId === r.id).map((f) => f.id),
        riskLevel: r.riskLevel as SafetyReview['riskLevel'],
        asked: r.asked,
        assessment: readRiskAssessment(r.assessmentJson),
        safetyPlan: readSafetyPlan(r.safetyPlanJson),
        reviewBy: r.reviewBy,
        byName: r.byName,
        at: r.createdAt,
      }));
      const overrides: RiskOverride[] = overrideRows.map((o) => ({
        id: o.id,
        courseId: o.courseId,
        step: o.step as RiskOverride['step'],
        sessionId: o.sessionId,
        flagIds: readFlagIds(o.flagIdsJson),
        reason: o.reason,
        byName: o.byName,
        at: o.createdAt,
      }));
      return {
        open: all.filter((f) => f.status === 'open'),
        reviewed: all.filter((f) => f.status === 'reviewed'),
        reviews,
        overrides,
        reviewDue: reviewDue(reviews, w.today),
      };
    });
  }

  review(ctx: RequestContext, patientId: string, input: z.output<typeof CreateSafetyReviewRequest>) {
    return this.pipeline.write(ctx, async (w) => {
      // The date is checked before the patient is reached, as it always was.
      if (input.reviewBy < w.today) throw new RuleViolation('The review date cannot be in the past.', 'reviewBy');
      const patient = await w.patient(patientId);
      const open = (await measures.listRiskFlags(w.q, w.organisationId, [patient.id], true)).map(toRiskFlag);
      const answering = open.filter((f) => input.flagIds.includes(f.id));
      if (answering.length !== new Set(input.flagIds).size) {
        throw new RuleViolation(
          'One of the flags is not open for this patient (already reviewed, or not theirs).',
          'flagIds',
        );
      }
      assertSafetyReview(input, answering.map(flagFacts), w.today);
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
      if (closed !== answering.length) {
        throw new RuleViolation('One of the flags was reviewed by someone else meanwhile. Reload.', 'flagIds');
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
