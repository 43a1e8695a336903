/**
 * The end of acute treatment (issue "The middle and final phases as working tools", items 7–10): the termination
 * checklist, the relapse-prevention plan, the progress review assembled from the records, and the two documents.
 * Every rule is core's (packages/core/src/ending); the records are versioned, audited course records.
 */
import { readSafetyPlan } from '../db/repositories/json-columns.js';
import type { CourseRecordOf, DeepReadonly, EndingView } from '@ipt/contract';
import {
  assembleProgressReview,
  assembleRiskHistory,
  assertRelapsePlan,
  completeTermination,
  cutOffs,
  getInstrument,
  isInstrumentId,
  mergeTermination,
  newRelapsePlan,
  newTermination,
  type ProgressReview,
  type RelapsePlan,
  type RiskHistory,
  RuleViolation,
  type Termination,
  type TerminationPatch,
  terminationItemCatalogue,
  terminationMissing,
} from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { listRiskFlags, listSafetyReviews } from '../db/repositories/measures-repository.js';
import { findPatientInOrganisation } from '../db/repositories/patients-repository.js';
import type { Q } from '../db/repositories/tx.js';
import { drawPatientPlan, drawTreatmentSummary } from '../documents/renderer.js';
import { assertSlotVersion, putSlot } from './course-record-store.js';
import { Pipeline } from './pipeline.js';
import { type CourseWork, loadCourseWork, WorkKind } from './course-work-facts.js';
import type { ServiceDeps } from './deps.js';
import { RuleViolations } from './rule-violations.js';

/** The progress review from a course's records (issue item 8: assembled, not typed). */
export function progressReviewOf(w: CourseWork): ProgressReview {
  const scored = w.administrations.filter((a) => a.scorable && a.total !== null && isInstrumentId(a.instrumentId));
  const instrumentIds = [...new Set(scored.map((a) => a.instrumentId))];
  const snapshots = w.snapshots.map((s) => s.value).sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const intake = snapshots.find((s) => s.phase === 'intake') ?? snapshots[0] ?? null;
  const later = snapshots.filter((s) => s !== intake);
  const contract = w.contract?.value ?? null;
  return assembleProgressReview({
    course: {
      plannedSessions: w.course.plannedSessions,
      startDate: w.course.startDate,
      lastSessionNumber: w.lastSessionNumber,
      attended: w.attended,
    },
    primaryInstrumentId: w.primary.instrument?.id ?? null,
    series: instrumentIds.map((instrumentId) => ({
      instrumentId,
      points: scored
        .filter((a) => a.instrumentId === instrumentId)
        .map((a) => ({
          date: a.answeredAt.slice(0, 10),
          total: a.total as number,
          sessionNumber: a.sessionId ? (w.numberOf.get(a.sessionId) ?? null) : null,
        })),
    })),
    area: w.choice ? { primary: w.choice.primary.area, secondary: w.choice.secondary?.area ?? null } : null,
    contractGoals: contract ? { areaGoals: contract.areaGoals, personalGoals: contract.personalGoals } : null,
    goalAttainment: w.termination?.value.goalAttainment ?? [],
    inventory: w.inventory.map((i) => ({ id: i.value.id, personName: i.value.personName, addedOn: i.row.createdAt })),
    initialPhaseEndedAt: w.transitions.find((t) => t.from === 'initial')?.at ?? null,
    circles: { intake, latest: later.at(-1) ?? null },
    initialDisputeStage: w.initialDisputeStage,
    sessionWorks: w.numberedWorks,
    analyses: w.analyses.map((a) => a.value),
    rolePlays: w.rolePlays.map((a) => a.value),
    decisions: w.decisions.map((a) => a.value),
    ruptures: w.ruptures.map((a) => a.value),
  });
}

/** The focus of the work, for the ending view and the summary alike. */
function focusOf(w: CourseWork) {
  return {
    statement: w.contract?.value.focus.statement ?? w.choice?.rationale ?? null,
    formulation: w.formulation?.value.text ?? null,
    formulationStatus: w.formulation?.value.status ?? null,
  };
}

/** The diagnosis recorded in the initial phase (its facts record, DOMAIN §1.2 gate item 1); null when none. */
function diagnosisOf(w: CourseWork): string | null {
  const d = w.factsRecord?.value.diagnosis.trim() ?? '';
  return d === '' ? null : d;
}

/**
 * The course's risk history (core's `assembleRiskHistory`, DOMAIN §10.2): the flags this course's measures raised,
 * and the patient's safety reviews that answered one of them or were recorded since the course began (a review is
 * the patient's, not a course's), read as of `today`.
 */
async function riskHistoryOf(q: Q, organisationId: string, w: CourseWork, today: string): Promise<RiskHistory> {
  const [flagRows, reviewRows] = await Promise.all([
    listRiskFlags(q, organisationId, [w.course.patientId], false),
    listSafetyReviews(q, organisationId, w.course.patientId),
  ]);
  const flags = flagRows.filter((f) => f.courseId === w.course.id);
  const answered = new Set(flags.map((f) => f.reviewId));
  const reviews = reviewRows.filter((r) => answered.has(r.id) || r.createdAt.slice(0, 10) >= w.course.startDate);
  return assembleRiskHistory({
    flags: flags.map((f) => ({
      id: f.id,
      instrumentId: f.instrumentId,
      instrumentName: isInstrumentId(f.instrumentId) ? getInstrument(f.instrumentId).shortName : f.instrumentId,
      item: Number.isInteger(Number(f.item)) ? Number(f.item) : f.item,
      answer: f.answerLabel,
      label: f.label,
      raisedAt: f.raisedAt,
      reviewId: f.reviewId,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      at: r.createdAt,
      riskLevel: r.riskLevel,
      reviewBy: r.reviewBy,
      byName: r.byName,
    })),
    today,
  });
}

/** The latest safety review whose Stanley–Brown plan has something written in it (risk-service.ts). */
async function latestSafetyPlan(q: Q, organisationId: string, patientId: string) {
  const reviews = await listSafetyReviews(q, organisationId, patientId);
  for (const r of reviews) {
    const plan = readSafetyPlan(r.safetyPlanJson);
    if (Object.values(plan).some((v) => typeof v === 'string' && v.trim() !== '')) return { at: r.createdAt, plan };
  }
  return null;
}

export class EndingService {
  private readonly pipeline: Pipeline;
  constructor(private readonly deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  async view(ctx: RequestContext, courseId: string): Promise<DeepReadonly<EndingView>> {
    const { w, displayName, safety, riskHistory } = await this.read(ctx, courseId, 'Ending');
    const review = progressReviewOf(w);
    const t = w.termination?.value ?? newTermination();
    const facts = {
      leftInitialPhase: w.leftInitialPhase,
      improved: review.improved,
      relapsePlanPresent: w.relapsePlan !== undefined,
    };
    return {
      courseId,
      patient: { displayName },
      phase: w.course.phase,
      leftInitialPhase: w.leftInitialPhase,
      termination: w.termination?.row.record ?? null,
      missing: t.completed ? [] : terminationMissing(t, facts),
      terminationItems: terminationItemCatalogue(facts).map((i) => ({
        id: i.id,
        required: i.required,
        source: i.source,
      })),
      relapsePlan: w.relapsePlan?.row.record ?? null,
      focus: focusOf(w),
      people: w.inventory.map((i) => ({ id: i.value.id, name: i.value.personName })),
      safetyPlanAvailable: safety !== null,
      diagnosis: diagnosisOf(w),
      riskHistory,
      progressReview: review,
      generatedAt: this.deps.clock().toISOString(),
    };
  }

  /**
   * The termination checklist (DOMAIN §6.1); If-Match "0" creates it. `complete: true` is refused, naming every
   * missing task, until all is done; a course that never left the initial phase needs an early-end reason.
   */
  async putTermination(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: TerminationPatch & { complete?: boolean },
  ): Promise<CourseRecordOf<'termination'>> {
    return this.pipeline.write(ctx, async (work) => {
      const target = await work.course(courseId);
      const kind = WorkKind.termination;
      // The course's records, read once: the slot's record is among them.
      const w = await loadCourseWork(work.q, target.course);
      const existing = w.termination?.row;
      assertSlotVersion(existing, version);
      const current: Termination = existing ? existing.record.data : newTermination();
      const { complete, ...patch } = input;
      let next = mergeTermination(current, patch);
      if (complete && !next.completed) {
        const facts = {
          leftInitialPhase: w.leftInitialPhase,
          improved: progressReviewOf(w).improved,
          relapsePlanPresent: w.relapsePlan !== undefined,
        };
        const missing = terminationMissing(next, facts);
        if (missing.length > 0) {
          throw new RuleViolations('The checklist cannot be completed yet.', missing);
        }
        next = completeTermination(next, facts, work.at);
      }
      return putSlot(work, target, kind, kind, existing, version, next);
    });
  }

  /** The relapse-prevention plan (DOMAIN §6.2); If-Match "0" creates it. */
  async putRelapsePlan(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: Partial<RelapsePlan>,
  ): Promise<CourseRecordOf<'relapse-plan'>> {
    return this.pipeline.write(ctx, async (work) => {
      const target = await work.course(courseId);
      const kind = WorkKind.relapsePlan;
      // The course's records, read once: the slot's record is among them.
      const w = await loadCourseWork(work.q, target.course);
      const existing = w.relapsePlan?.row;
      assertSlotVersion(existing, version);
      const current: RelapsePlan = existing ? existing.record.data : newRelapsePlan();
      const next: RelapsePlan = {
        ...current,
        ...input,
        whenToReturn: { ...current.whenToReturn, ...input.whenToReturn },
      };
      for (const [i, p] of next.peopleToContact.entries()) {
        if (p.personId !== null && !w.inventory.some((e) => e.value.id === p.personId)) {
          throw new RuleViolation(
            'That person is not in the interpersonal inventory of this course.',
            `peopleToContact.${i}.personId`,
          );
        }
      }
      assertRelapsePlan(next, { personIds: w.inventory.map((e) => e.value.id) });
      if (next.linkSafetyPlan && !(await latestSafetyPlan(work.q, work.organisationId, target.patientId))) {
        throw new RuleViolation(
          'There is no safety plan to link: record one in a safety review first.',
          'linkSafetyPlan',
        );
      }
      return putSlot(work, target, kind, kind, existing, version, next);
    });
  }

  /** The end-of-treatment summary for the clinical record, as a PDF. */
  async treatmentSummaryPdf(ctx: RequestContext, courseId: string) {
    const { w, displayName, safety, riskHistory } = await this.read(ctx, courseId, 'TreatmentSummary');
    const review = progressReviewOf(w);
    const t = w.termination?.value ?? null;
    const facts = {
      leftInitialPhase: w.leftInitialPhase,
      improved: review.improved,
      relapsePlanPresent: w.relapsePlan !== undefined,
    };
    // Lines on each chart: the remission threshold where one is sourced, and the lowest published cut-off
    // (measures/cut-offs.ts), so an EPDS chart shows the ≥ 10 line it is read against.
    const thresholds = Object.fromEntries(
      review.measures.map((m) => {
        if (!isInstrumentId(m.instrumentId)) return [m.instrumentId, []];
        const i = getInstrument(m.instrumentId);
        const remission = i.thresholds.remission;
        const lowest = cutOffs[i.id][0];
        const sign = i.scoring.direction === 'higher-is-worse' ? '≥' : '≤';
        return [
          m.instrumentId,
          [
            ...(remission ? [{ value: remission.value, label: 'Remission' }] : []),
            ...(lowest ? [{ value: lowest.value, label: `Cut-off ${sign} ${lowest.value}` }] : []),
          ],
        ];
      }),
    );
    const held = w.sessions.filter((s) => s.attendance === 'attended');
    const bytes = await drawTreatmentSummary({
      patientName: displayName,
      generatedAt: this.deps.clock(),
      course: {
        startDate: w.course.startDate,
        lastSessionDate: held.at(-1)?.date ?? null,
        plannedSessions: w.course.plannedSessions,
        attended: w.attended,
        lastSessionNumber: w.lastSessionNumber,
        phase: w.course.phase,
        status: w.course.status,
      },
      focus: focusOf(w),
      diagnosis: diagnosisOf(w),
      review,
      thresholds,
      riskHistory,
      termination: {
        record: t,
        items: terminationItemCatalogue(facts),
        missing: t?.completed ? [] : terminationMissing(t ?? newTermination(), facts),
      },
      relapsePlan: w.relapsePlan?.value ?? null,
      safetyPlan: { linked: (w.relapsePlan?.value.linkSafetyPlan ?? false) && safety !== null, at: safety?.at ?? null },
    });
    return { filename: 'treatment-summary.pdf', bytes };
  }

  /** The patient's plan for staying well, in plain language, as a PDF. */
  async patientPlanPdf(ctx: RequestContext, courseId: string) {
    const { w, displayName, safety } = await this.read(ctx, courseId, 'PatientPlan');
    const plan = w.relapsePlan?.value ?? null;
    const review = progressReviewOf(w);
    const primary = review.measures.find((m) => m.instrumentId === review.primaryInstrumentId) ?? null;
    const bytes = await drawPatientPlan({
      patientName: displayName,
      generatedAt: this.deps.clock(),
      plan,
      progress:
        primary?.baseline && primary.latest && primary.change !== null && isInstrumentId(primary.instrumentId)
          ? {
              instrumentId: primary.instrumentId,
              baseline: primary.baseline.total,
              latest: primary.latest.total,
              higherIsBetter: getInstrument(primary.instrumentId).scoring.direction === 'higher-is-better',
              belowCutOff: primary.belowCutOff.met === true,
              cutOff: cutOffs[primary.instrumentId][0]?.value ?? null,
            }
          : null,
      safetyPlan: {
        linked: (plan?.linkSafetyPlan ?? false) && safety !== null,
        at: safety?.at ?? null,
        whereKept: safety?.plan.whereKept ?? '',
      },
    });
    return { filename: 'my-plan-for-staying-well.pdf', bytes };
  }

  /** Everything the ending view and the two documents are made from, read (and audited as `entity`) as the caller. */
  private read(ctx: RequestContext, courseId: string, entity: string) {
    return this.pipeline.read(ctx, async (r) => {
      const { course, patientId } = await r.course(courseId);
      const [w, patient, safety] = await Promise.all([
        loadCourseWork(r.q, course),
        findPatientInOrganisation(r.q, r.organisationId, patientId),
        latestSafetyPlan(r.q, r.organisationId, patientId),
      ]);
      const riskHistory = await riskHistoryOf(r.q, r.organisationId, w, r.today);
      r.audit(AuditAction.read, entity, courseId, patientId);
      return { w, displayName: patient?.displayName ?? '', safety, riskHistory };
    });
  }
}
