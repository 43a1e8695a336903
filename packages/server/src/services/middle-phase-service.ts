/**
 * The middle phase as working tools (issue "The middle and final phases as working tools"): the session's work,
 * communication analyses, role plays, decision analyses, ruptures and the mid-course review. Each record is a
 * versioned, audited course record; every clinical rule is core's (packages/core/src/middle).
 */
import type { CourseRecord, MiddlePhaseView } from '@ipt/contract';
import {
  applySessionWorkChange,
  assertCommunicationAnalysis,
  assertDecisionAnalysis,
  assertMidCourseReview,
  assertRolePlay,
  assertRupture,
  assertSessionWork,
  type CommunicationAnalysis,
  disputeStageHistory,
  mentalizingPrompts,
  type MidCourseDecision,
  midCourseStatus,
  newSessionWork,
  NotFound,
  rolePlayFromAlternative,
  RuleViolation,
  type SessionWork,
  sessionsRemaining,
  StaleVersion,
  techniqueCatalogue,
} from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { reachableCoursePatient, reachableSessionOwner } from '../db/repositories/access-repository.js';
import * as records from '../db/repositories/course-records-repository.js';
import * as courses from '../db/repositories/courses-repository.js';
import { listRevisions } from '../db/repositories/revisions-repository.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import { CourseRecordStore, toRecord } from './course-record-store.js';
import { type CourseWork, type ListWorkKind, loadCourseWork, sessionWorkSlot, WorkKind } from './course-work-facts.js';
import type { ServiceDeps } from './deps.js';

type Data = Record<string, unknown>;

/** The defaults of each list record: what a create request may leave out. */
const defaults: Record<ListWorkKind, Data> = {
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
};

export class MiddlePhaseService {
  private readonly store: CourseRecordStore;
  constructor(private readonly deps: ServiceDeps) {
    this.store = new CourseRecordStore(deps);
  }

  async view(ctx: RequestContext, courseId: string): Promise<MiddlePhaseView> {
    const q = this.deps.db.db;
    const patientId = await reachableCoursePatient(q, ctx.actor, courseId, 'read');
    const course = patientId && (await courses.findCourse(q, ctx.actor.organisationId, courseId));
    if (!patientId || !course) throw new NotFound('Course');
    const w = await loadCourseWork(q, course);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'MiddlePhase', courseId, patientId));
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
      sessionWork: w.works.map((x) => toRecord(x.row)),
      intervalEvents: w.intervalEvents.map((x) => toRecord(x.row)),
      analyses: w.analyses.map((x) => toRecord(x.row)),
      rolePlays: w.rolePlays.map((x) => toRecord(x.row)),
      decisions: w.decisions.map((x) => toRecord(x.row)),
      ruptures: w.ruptures.map((x) => toRecord(x.row)),
      disputeStageHistory: disputeStageHistory(w.initialDisputeStage, w.numberedWorks),
      midCourse: {
        ...status,
        review: w.midCourseReview ? toRecord(w.midCourseReview.row) : null,
      },
    };
  }

  /** Saves the session's work as it goes; If-Match "0" creates it. Once finished, a change needs a reason. */
  async putSessionWork(
    ctx: RequestContext,
    sessionId: string,
    version: number,
    input: Partial<SessionWork> & { status?: 'draft' | 'finished'; reason?: string },
  ): Promise<CourseRecord> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const owner = await reachableSessionOwner(trx, ctx.actor, sessionId, 'write');
      if (!owner) throw new NotFound('Session');
      const { course, patientId } = await this.store.writable(trx, ctx, owner.courseId);
      const slot = sessionWorkSlot(sessionId);
      const existing = await records.findSingleton(trx, ctx.actor.organisationId, course.id, slot);
      this.store.assertSlotVersion(existing, version);
      const current = existing ? (JSON.parse(existing.dataJson) as SessionWork) : newSessionWork(sessionId);
      const { reason, ...patch } = input;
      const next = applySessionWorkChange(current, patch, {
        at: this.deps.clock().toISOString(),
        by: ctx.actor.userId,
        version: existing?.version ?? 0,
        reason,
      });
      const w = await loadCourseWork(trx, course);
      assertSessionWork(next, {
        strategyIds: w.strategies.map((s) => s.id),
        disputeArea: w.disputeArea,
        administrationIds: w.administrations.map((a) => a.id),
      });
      // Nothing changed (a finished record saved again as it was): nothing to keep or amend.
      if (existing && next === current) return toRecord(existing);
      const target = { course, patientId };
      return this.store.putSlot(trx, ctx, target, WorkKind.sessionWork, slot, existing, version, next as never);
    });
  }

  /** Every earlier version of a course record, newest first. */
  async revisions(ctx: RequestContext, recordId: string) {
    const q = this.deps.db.db;
    const row = await records.findCourseRecord(q, ctx.actor.organisationId, recordId);
    const patientId = row && (await reachableCoursePatient(q, ctx.actor, row.courseId, 'read'));
    if (!row || !patientId) throw new NotFound('Record');
    // A course record's revisions are kept under its kind (CourseRecordStore.keep).
    const rows = await listRevisions(q, ctx.actor.organisationId, row.kind, row.id);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'CourseRecordRevision', recordId, patientId));
    return rows.map((r) => ({
      version: r.version,
      data: JSON.parse(r.dataJson) as Data,
      changedAt: r.changedAt,
      changedBy: r.changedBy,
    }));
  }

  /** Starts a communication analysis, role play, decision analysis or rupture record. */
  async add(ctx: RequestContext, courseId: string, kind: ListWorkKind, input: Data): Promise<CourseRecord> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const { course, patientId } = await this.store.writable(trx, ctx, courseId);
      const w = await loadCourseWork(trx, course);
      const id = uuidv7();
      let data: Data = { ...defaults[kind], ...input };
      if (kind === 'role-play') data = this.carried(w, data);
      this.check(w, kind, data);
      return this.store.insert(trx, ctx, course, patientId, kind, id, id, data);
    });
  }

  async update(
    ctx: RequestContext,
    recordId: string,
    kind: ListWorkKind,
    version: number,
    patch: Data,
  ): Promise<CourseRecord> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const row = await records.findCourseRecord(trx, ctx.actor.organisationId, recordId);
      if (!row || row.kind !== kind) throw new NotFound('Record');
      const { course, patientId } = await this.store.writable(trx, ctx, row.courseId);
      if (row.version !== version) throw new StaleVersion(row.version, toRecord(row));
      const w = await loadCourseWork(trx, course);
      const data: Data = { ...defaults[kind], ...(JSON.parse(row.dataJson) as Data), ...patch };
      this.check(w, kind, data);
      return this.store.save(trx, ctx, row, version, data, patientId);
    });
  }

  /** Records the mid-course review decision (issue item 6); If-Match "0" the first time. */
  async putMidCourseReview(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: { decision: MidCourseDecision; rationale: string },
  ): Promise<CourseRecord> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const { course, patientId } = await this.store.writable(trx, ctx, courseId);
      const w = await loadCourseWork(trx, course);
      const review = { decision: input.decision, rationale: input.rationale, atSession: w.lastSessionNumber };
      assertMidCourseReview(review, w.lastSessionNumber);
      const data: Data = review;
      const existing = await records.findSingleton(trx, ctx.actor.organisationId, courseId, WorkKind.midCourseReview);
      const kind = WorkKind.midCourseReview;
      return this.store.putSlot(trx, ctx, { course, patientId }, kind, kind, existing, version, data);
    });
  }

  /**
   * A role play carried over from an alternative of a communication analysis (issue item 2): the analysis and the
   * alternative must exist; the scenario, the person and the words to rehearse come from them unless given.
   */
  private carried(w: CourseWork, data: Data): Data {
    const analysisId = data.analysisId as string | null;
    const alternativeId = data.alternativeId as string | null;
    if (alternativeId && !analysisId) {
      throw new RuleViolation('Name the communication analysis the alternative comes from.', 'analysisId');
    }
    if (!analysisId) return data;
    const analysis = w.analyses.find((a) => a.value.id === analysisId);
    if (!analysis) throw new RuleViolation('There is no such communication analysis in this course.', 'analysisId');
    if (!alternativeId) return data;
    if (!analysis.value.alternatives.some((a) => a.id === alternativeId)) {
      throw new RuleViolation('That analysis has no such alternative.', 'alternativeId');
    }
    const base = rolePlayFromAlternative(analysis.value, alternativeId, data.sessionId as string);
    const given = Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== defaults['role-play'][k]));
    return { ...base, ...given };
  }

  /** Core's rules for each kind, against the course's sessions, people and analyses. */
  private check(w: CourseWork, kind: ListWorkKind, data: Data) {
    const sessionIds = w.sessions.map((s) => s.id);
    const personIds = w.inventory.map((i) => i.value.id);
    if (typeof data.sessionId === 'string' && !sessionIds.includes(data.sessionId)) {
      throw new RuleViolation('No such session in this course.', 'sessionId');
    }
    switch (kind) {
      case 'communication-analysis':
        assertCommunicationAnalysis(data as unknown as CommunicationAnalysis, { personIds, sessionIds });
        break;
      case 'role-play':
        assertRolePlay(data as never, {
          personIds,
          sessionIds,
          analyses: w.analyses.map((a) => a.value),
        });
        break;
      case 'decision-analysis':
        assertDecisionAnalysis(data as never, { sessionNumbers: w.numberOf });
        break;
      case 'rupture':
        assertRupture(data as never, { sessionIds });
        break;
    }
  }
}
