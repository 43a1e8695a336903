/**
 * The middle phase as working tools (issue "The middle and final phases as working tools"): the session's work,
 * communication analyses, role plays, decision analyses, ruptures and the mid-course review. Each record is a
 * versioned, audited course record; every clinical rule is core's (packages/core/src/middle).
 */
import {
  CommunicationAnalysisData,
  type CourseRecordData,
  type CourseRecordOf,
  DecisionAnalysisData,
  type DeepReadonly,
  type MiddlePhaseView,
  type RecordRevision,
  RolePlayData,
  RuptureData,
} from '@ipt/contract';
import {
  applySessionWorkChange,
  assertCommunicationAnalysis,
  assertDecisionAnalysis,
  assertMidCourseReview,
  assertRolePlay,
  assertRupture,
  assertSessionWork,
  disputeStageHistory,
  mentalizingPrompts,
  type MidCourseDecision,
  midCourseStatus,
  newSessionWork,
  NotFound,
  rolePlayFromAlternative,
  RiskGatedStep,
  RuleViolation,
  type SessionWork,
  sessionsRemaining,
  techniqueCatalogue,
} from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import * as records from '../db/repositories/course-records-repository.js';
import type { AnyRecordData } from '../db/repositories/course-records-repository.js';
import type { CourseTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import { assertSlotVersion, insertRecord, putSlot, saveRecord } from './course-record-store.js';
import { type CourseWork, type ListWorkKind, loadCourseWork, sessionWorkSlot, WorkKind } from './course-work-facts.js';
import type { ServiceDeps } from './deps.js';
import { Pipeline } from './pipeline.js';
import { assertRiskGate } from './risk-service.js';

/** The defaults of each list record: what a create request may leave out. */
const defaults = {
  'communication-analysis': {
    personId: null,
    turns: [],
    intendedVsConveyed: '',
    patterns: [],
    patternNote: '',
    alternatives: [],
    agreedAttempt: '',
  },
  'role-play': {
    analysisId: null,
    alternativeId: null,
    personId: null,
    therapistPlays: 'other',
    rounds: [],
    confidenceBefore: null,
    confidenceAfter: null,
  },
  'decision-analysis': {
    options: [],
    chosenOptionId: null,
    plan: { who: '', when: '', words: '' },
    outcome: null,
  },
  rupture: { repair: '', metacommunication: false, linkOutside: '', resolved: null },
} as const;

/** What a create request sends, and what an update changes: the kind's fields, in part. */
type Fields<K extends ListWorkKind> = Partial<CourseRecordData[K]>;

export class MiddlePhaseService {
  private readonly pipeline: Pipeline;
  constructor(deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  view(ctx: RequestContext, courseId: string): Promise<DeepReadonly<MiddlePhaseView>> {
    return this.pipeline.read(ctx, async (r) => {
      const { course, patientId } = await r.course(courseId);
      r.audit(AuditAction.read, 'MiddlePhase', courseId, patientId);
      return this.viewOf(course, await loadCourseWork(r.q, course));
    });
  }

  private viewOf(course: CourseTable, w: CourseWork): DeepReadonly<MiddlePhaseView> {
    const courseId = course.id;
    const choice = w.choice;
    const status = midCourseStatus({
      plannedSessions: course.plannedSessions,
      lastSessionNumber: w.lastSessionNumber,
      instrument: w.primary.instrument,
      series: w.primary.series,
      reviewRecorded: w.midCourseReview !== undefined,
    });
    return {
      courseId,
      plannedSessions: course.plannedSessions,
      lastSessionNumber: w.lastSessionNumber,
      sessionsRemaining: sessionsRemaining(course.plannedSessions, w.lastSessionNumber),
      area: choice
        ? {
            primary: choice.primary.area,
            secondary: choice.secondary?.area ?? null,
            disputePersonId: w.disputeSelection?.personId ?? null,
          }
        : null,
      strategies: w.strategies.map((s) => ({ id: s.id, text: s.text, source: s.source })),
      techniques: techniqueCatalogue.map((t) => ({ id: t.id, source: t.source })),
      mentalizingPrompts: mentalizingPrompts.map((p) => ({
        id: p.id,
        dimension: p.dimension,
        text: p.text,
        source: p.source,
      })),
      people: w.inventory.map((i) => ({ id: i.value.id, name: i.value.personName })),
      sessionWork: w.works.map((x) => x.row.record),
      intervalEvents: w.intervalEvents.map((x) => x.row.record),
      analyses: w.analyses.map((x) => x.row.record),
      rolePlays: w.rolePlays.map((x) => x.row.record),
      decisions: w.decisions.map((x) => x.row.record),
      ruptures: w.ruptures.map((x) => x.row.record),
      disputeStageHistory: disputeStageHistory(w.initialDisputeStage, w.numberedWorks),
      midCourse: {
        ...status,
        review: w.midCourseReview?.row.record ?? null,
      },
    };
  }

  /** Saves the session's work as it goes; If-Match "0" creates it. Once finished, a change needs a reason. */
  async putSessionWork(
    ctx: RequestContext,
    sessionId: string,
    version: number,
    input: Partial<SessionWork> & { status?: 'draft' | 'finished'; reason?: string; riskOverrideReason?: string },
  ): Promise<CourseRecordOf<'session-work'>> {
    return this.pipeline.write(ctx, async (w) => {
      const { course, patientId } = await w.session(sessionId);
      const slot = sessionWorkSlot(sessionId);
      const kind = WorkKind.sessionWork;
      const existing = await records.findSingletonOf(w.q, w.organisationId, course.id, slot, kind);
      assertSlotVersion(existing, version);
      const current: SessionWork = existing ? existing.record.data : newSessionWork(sessionId);
      const { reason, riskOverrideReason, ...patch } = input;
      const next = applySessionWorkChange(current, patch, {
        at: w.at,
        by: ctx.actor.userId,
        version: existing?.version ?? 0,
        reason,
      });
      const cw = await loadCourseWork(w.q, course);
      assertSessionWork(next, {
        strategyIds: cw.strategies.map((s) => s.id),
        disputeArea: cw.disputeArea,
        administrationIds: cw.administrations.map((a) => a.id),
      });
      // Nothing changed (a finished record saved again as it was): nothing to keep or amend.
      if (existing && next === current) return existing.record;
      // Finishing the note waits for a safety review of every open flag, or a written risk override (DOMAIN §10.2
      // step 2: the assessment comes "BEFORE the session note can be signed").
      if (next.status === 'finished' && current.status !== 'finished') {
        await assertRiskGate(
          w,
          { patientId, courseId: course.id, sessionId },
          RiskGatedStep.finishSessionWork,
          riskOverrideReason,
        );
      }
      return putSlot(w, { course, patientId }, kind, slot, existing, version, next);
    });
  }

  /** Every earlier version of a course record, newest first. */
  revisions(ctx: RequestContext, recordId: string): Promise<RecordRevision[]> {
    return this.pipeline.read(ctx, async (r) => {
      const { row, patientId } = await r.record(recordId);
      const revisions = await records.listCourseRecordRevisions(r.q, r.organisationId, row);
      r.audit(AuditAction.read, 'CourseRecordRevision', recordId, patientId);
      return revisions;
    });
  }

  /** Starts a communication analysis, role play, decision analysis or rupture record. */
  async add<K extends ListWorkKind>(
    ctx: RequestContext,
    courseId: string,
    kind: K,
    input: Fields<K>,
  ): Promise<CourseRecordOf<K>> {
    return this.pipeline.write(ctx, async (w) => {
      const target = await w.course(courseId);
      const cw = await loadCourseWork(w.q, target.course);
      const id = uuidv7();
      const data = this.complete(cw, kind, { ...defaults[kind], ...input }, kind === 'role-play' ? input : undefined);
      return insertRecord(w, target, kind, id, id, data);
    });
  }

  async update<K extends ListWorkKind>(
    ctx: RequestContext,
    recordId: string,
    kind: K,
    version: number,
    patch: Fields<K>,
  ): Promise<CourseRecordOf<K>> {
    return this.pipeline.write(ctx, async (w) => {
      const { row: found, course, patientId } = await w.record(recordId);
      if (!records.isKind(kind)(found)) throw new NotFound('Record');
      const row = found;
      w.assertVersion(row, version, row.record);
      const cw = await loadCourseWork(w.q, course);
      const data = this.complete(cw, kind, { ...row.record.data, ...patch });
      return saveRecord(w, row, version, data, patientId);
    });
  }

  /** Records the mid-course review decision (issue item 6); If-Match "0" the first time. */
  async putMidCourseReview(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: { decision: MidCourseDecision; rationale: string },
  ): Promise<CourseRecordOf<'mid-course-review'>> {
    return this.pipeline.write(ctx, async (w) => {
      const target = await w.course(courseId);
      const cw = await loadCourseWork(w.q, target.course);
      const review = { decision: input.decision, rationale: input.rationale, atSession: cw.lastSessionNumber };
      assertMidCourseReview(review, cw.lastSessionNumber);
      const kind = WorkKind.midCourseReview;
      return putSlot(w, target, kind, kind, cw.midCourseReview?.row, version, review);
    });
  }

  /**
   * The record a create or update makes: the kind's defaults, the stored fields and the change, complete by the
   * kind's schema, then core's rules for the kind against the course's sessions, people and analyses.
   */
  private complete(w: CourseWork, kind: ListWorkKind, fields: object, carry?: object): AnyRecordData {
    const sessionIds = w.sessions.map((s) => s.id);
    const personIds = w.inventory.map((i) => i.value.id);
    if ('sessionId' in fields && typeof fields.sessionId === 'string' && !sessionIds.includes(fields.sessionId)) {
      throw new RuleViolation('No such session in this course.', 'sessionId');
    }
    switch (kind) {
      case 'communication-analysis': {
        const data = CommunicationAnalysisData.parse(fields);
        assertCommunicationAnalysis(data, { personIds, sessionIds });
        return data;
      }
      case 'role-play': {
        const data = RolePlayData.parse(carry ? this.carried(w, fields, carry) : fields);
        assertRolePlay(data, { personIds, sessionIds, analyses: w.analyses.map((a) => a.value) });
        return data;
      }
      case 'decision-analysis': {
        const data = DecisionAnalysisData.parse(fields);
        assertDecisionAnalysis(data, { sessionNumbers: w.numberOf });
        return data;
      }
      case 'rupture': {
        const data = RuptureData.parse(fields);
        assertRupture(data, { sessionIds });
        return data;
      }
    }
  }

  /**
   * A role play carried over from an alternative of a communication analysis (issue item 2): the analysis and the
   * alternative must exist; the scenario, the person and the words to rehearse come from them unless given.
   */
  private carried(w: CourseWork, fields: object, input: object): object {
    const idOf = (key: 'analysisId' | 'alternativeId' | 'sessionId') =>
      key in fields && typeof fields[key as keyof typeof fields] === 'string'
        ? String(fields[key as keyof typeof fields])
        : null;
    const analysisId = idOf('analysisId');
    const alternativeId = idOf('alternativeId');
    if (alternativeId && !analysisId) {
      throw new RuleViolation('Name the communication analysis the alternative comes from.', 'analysisId');
    }
    if (!analysisId) return fields;
    const analysis = w.analyses.find((a) => a.value.id === analysisId);
    if (!analysis) throw new RuleViolation('There is no such communication analysis in this course.', 'analysisId');
    if (!alternativeId) return fields;
    if (!analysis.value.alternatives.some((a) => a.id === alternativeId)) {
      throw new RuleViolation('That analysis has no such alternative.', 'alternativeId');
    }
    const base = rolePlayFromAlternative(analysis.value, alternativeId, idOf('sessionId') ?? '');
    // What the request gave beyond the defaults wins over what the alternative suggests.
    const given = Object.entries(input).filter(([, v]) => v !== null && v !== undefined);
    return { ...fields, ...base, ...Object.fromEntries(given) };
  }
}
