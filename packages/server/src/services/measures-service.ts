/**
 * Measurement-based care in the clinic: questionnaires given in session, the course's chart data, schedules and
 * annotations. Scoring, bands and flags come from the instrument registry in core (via instrument-catalogue.ts).
 */
import { reachOf } from './reach.js';
import { readAnswers, readFlags, readScheduleRules } from '../db/repositories/json-columns.js';
import type { Administration, Annotation, InstrumentDefinition, InstrumentTextPack, MeasuresView } from '@ipt/contract';
import {
  defaultSchedule,
  measuresDue,
  nextSessionNumber,
  type ScheduleAdministration,
  midpointIso,
  NotFound,
  type Phase,
  RuleViolation,
  type ScheduleRule,
  StaleVersion,
} from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { reachableCoursePatient, writableCourse } from '../db/repositories/access-repository.js';
import { listCourseRecords } from '../db/repositories/course-records-repository.js';
import * as courses from '../db/repositories/courses-repository.js';
import * as measures from '../db/repositories/measures-repository.js';
import type { Q } from '../db/repositories/tx.js';
import type { AdministrationTable, CourseTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import type { ServiceDeps } from './deps.js';
import * as catalogue from './instrument-catalogue.js';
import { recordAdministration } from './record-administration.js';
import { ofKind } from './initial-phase-facts.js';

export function toAdministration(row: AdministrationTable): Administration {
  return {
    id: row.id,
    courseId: row.courseId,
    sessionId: row.sessionId,
    instrumentId: row.instrumentId,
    instrumentVersion: row.instrumentVersion,
    answers: readAnswers(row.answersJson),
    administeredAt: row.administeredAt,
    mode: row.mode as Administration['mode'],
    scorable: row.scorable === 1,
    total: row.total,
    band: row.band,
    flags: readFlags(row.flagsJson),
    reason: row.reason,
    scorerVersion: row.scorerVersion,
  };
}

/** The session number of an administration given in a session; null for one answered between sessions. */
export function sessionNumberLookup(sessions: readonly { id: string; number: number }[]) {
  const numberOf = new Map(sessions.map((s) => [s.id, s.number]));
  return (sessionId: string | null) => (sessionId ? (numberOf.get(sessionId) ?? null) : null);
}

/** Administrations as the schedule sees them: the session they belong to, and their day. */
export function givenForSchedule(
  sessions: readonly { id: string; number: number }[],
  administrations: readonly { instrumentId: string; sessionId: string | null; administeredAt: string }[],
): ScheduleAdministration[] {
  const numberOf = sessionNumberLookup(sessions);
  return administrations.map((a) => ({
    instrumentId: a.instrumentId,
    sessionNumber: numberOf(a.sessionId),
    date: a.administeredAt.slice(0, 10),
  }));
}

export function scheduleOf(course: CourseTable, stored: { rulesJson: string } | undefined): ScheduleRule[] {
  return stored ? readScheduleRules(stored.rulesJson) : defaultSchedule(course.perinatal === 1);
}

export class MeasuresService {
  constructor(private readonly deps: ServiceDeps) {}

  async instruments(ctx: RequestContext): Promise<InstrumentDefinition[]> {
    const packs = await measures.listTextPacks(this.deps.db.db, ctx.actor.organisationId);
    return catalogue.definitions(packs);
  }

  async questionnaire(instrumentId: string) {
    return catalogue.fhirQuestionnaire(instrumentId);
  }

  async importTextPack(
    ctx: RequestContext,
    instrumentId: string,
    pack: InstrumentTextPack,
  ): Promise<InstrumentDefinition> {
    if (pack.instrumentId !== instrumentId) {
      throw new RuleViolation('The text pack is for another instrument.', 'instrumentId');
    }
    catalogue.assertTextPackFits(pack);
    const row = {
      organisationId: ctx.actor.organisationId,
      instrumentId,
      packJson: JSON.stringify(pack),
      importedBy: ctx.actor.userId,
      importedAt: this.deps.clock().toISOString(),
    };
    await this.deps.db.db.transaction().execute(async (trx) => {
      await measures.upsertTextPack(trx, row);
      await this.deps.audit.inTransaction(trx, [
        clinicalEvent(ctx, AuditAction.update, 'InstrumentTextPack', instrumentId, null),
      ]);
    });
    return catalogue.definition(instrumentId, row);
  }

  /** A questionnaire given by the clinician in session. */
  async administer(
    ctx: RequestContext,
    courseId: string,
    input: {
      instrumentId: string;
      instrumentVersion: string;
      answers: (number | null)[];
      sessionId?: string | undefined;
    },
  ): Promise<Administration> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      reachOf(ctx, 'write');
      const target = await writableCourse(trx, ctx.actor, courseId, input.sessionId);
      if (!target) throw new NotFound('Course');
      if (!target.sessionOk) throw new RuleViolation('No such session in this course.', 'sessionId');
      const { patientId } = target;
      const row = await recordAdministration(trx, this.deps, {
        organisationId: ctx.actor.organisationId,
        patientId,
        courseId,
        sessionId: input.sessionId ?? null,
        instrumentId: input.instrumentId,
        instrumentVersion: input.instrumentVersion,
        answers: input.answers,
        mode: 'in-session',
        enteredBy: ctx.actor.userId,
      });
      await this.deps.audit.inTransaction(trx, [
        clinicalEvent(ctx, AuditAction.create, 'Administration', row.id, patientId),
      ]);
      return toAdministration(row);
    });
  }

  async list(ctx: RequestContext, courseId: string): Promise<Administration[]> {
    const patientId = await reachableCoursePatient(this.deps.db.db, ctx.actor, courseId, reachOf(ctx, 'read'));
    if (!patientId) throw new NotFound('Course');
    const rows = await measures.listAdministrations(this.deps.db.db, ctx.actor.organisationId, [courseId]);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.search, 'Administration', courseId, patientId));
    return rows.map(toAdministration);
  }

  async fhirBundle(ctx: RequestContext, administrationId: string) {
    const q = this.deps.db.db;
    const row = await measures.findAdministration(q, ctx.actor.organisationId, administrationId);
    const patientId = row && (await reachableCoursePatient(q, ctx.actor, row.courseId, reachOf(ctx, 'read')));
    if (!row || !patientId) throw new NotFound('Administration');
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'Administration', row.id, patientId));
    return catalogue.fhirBundle(toAdministration(row), patientId);
  }

  /** Everything the course charts draw, in one read. */
  async view(ctx: RequestContext, courseId: string): Promise<MeasuresView> {
    const q = this.deps.db.db;
    const patientId = await reachableCoursePatient(q, ctx.actor, courseId, reachOf(ctx, 'read'));
    const course = patientId && (await courses.findCourse(q, ctx.actor.organisationId, courseId));
    if (!patientId || !course) throw new NotFound('Course');
    const org = ctx.actor.organisationId;
    const [sessionRows, transitions, adminRows, annotationRows, stored, recordRows] = await Promise.all([
      courses.listSessionsOfCourses(q, org, [courseId]),
      courses.listPhaseTransitions(q, org, [courseId]),
      measures.listAdministrations(q, org, [courseId]),
      measures.listAnnotations(q, org, courseId),
      measures.findSchedule(q, org, courseId),
      listCourseRecords(q, org, courseId),
    ]);
    const lifeEvents = ofKind(recordRows, 'life-event').map((e) => e.value);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'MeasuresView', courseId, patientId));
    const sessions = sessionRows.map(courses.toSession);
    const administrations = adminRows.map(toAdministration);
    const sessionNumberOf = sessionNumberLookup(sessions);
    const instrumentIds = [...new Set(administrations.map((a) => a.instrumentId))];
    const series = instrumentIds.map((instrumentId) => {
      const own = administrations.filter((a) => a.instrumentId === instrumentId);
      const def = catalogue.chartFacts(instrumentId);
      return {
        instrumentId,
        shortName: def.shortName,
        maxTotal: def.maxTotal,
        bands: def.bands,
        points: own.map((a) => ({
          administrationId: a.id,
          date: a.administeredAt.slice(0, 10),
          sessionNumber: sessionNumberOf(a.sessionId),
          total: a.total,
          band: a.band,
          scorable: a.scorable,
          flagged: a.flags.length > 0,
        })),
        interpretation: catalogue.interpret(instrumentId, own),
      };
    });
    const phases: MeasuresView['phases'] = [];
    let from = course.startDate;
    let phase: Phase = 'initial';
    for (const t of transitions) {
      phases.push({ phase, from, to: t.at.slice(0, 10) });
      phase = t.to;
      from = t.at.slice(0, 10);
    }
    phases.push({ phase, from, to: null });
    const rules = scheduleOf(course, stored);
    return {
      courseId,
      series,
      sessions: sessions.map((s) => ({ number: s.number, date: s.date, phase: s.phase })),
      phases,
      annotations: [
        ...annotationRows.map((a) => ({ id: a.id, date: a.date, label: a.label, kind: a.kind })),
        // The timeline's life events from the course's start on annotate the charts too (issue "initial phase").
        ...lifeEvents
          .map((e) => ({ id: e.id, date: midpointIso(e.date), label: e.description, kind: 'life-event' }))
          .filter((e) => e.date >= course.startDate),
      ].sort((a, b) => a.date.localeCompare(b.date)),
      due: measuresDue(rules, sessions, givenForSchedule(sessions, administrations), nextSessionNumber(sessions)),
    };
  }

  async annotate(
    ctx: RequestContext,
    courseId: string,
    input: { date: string; label: string; kind: string },
  ): Promise<Annotation> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const patientId = await reachableCoursePatient(trx, ctx.actor, courseId, reachOf(ctx, 'write'));
      if (!patientId) throw new NotFound('Course');
      const row = {
        id: uuidv7(),
        organisationId: ctx.actor.organisationId,
        courseId,
        ...input,
        createdBy: ctx.actor.userId,
        createdAt: this.deps.clock().toISOString(),
      };
      await measures.insertAnnotation(trx, row);
      await this.deps.audit.inTransaction(trx, [
        clinicalEvent(ctx, AuditAction.create, 'Annotation', row.id, patientId),
      ]);
      return { id: row.id, date: row.date, label: row.label, kind: row.kind };
    });
  }

  async schedule(ctx: RequestContext, courseId: string) {
    const q = this.deps.db.db;
    const patientId = await reachableCoursePatient(q, ctx.actor, courseId, reachOf(ctx, 'read'));
    const course = patientId && (await courses.findCourse(q, ctx.actor.organisationId, courseId));
    if (!patientId || !course) throw new NotFound('Course');
    const stored = await measures.findSchedule(q, ctx.actor.organisationId, courseId);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'MeasureSchedule', courseId, patientId));
    return { courseId, rules: scheduleOf(course, stored), isDefault: !stored, version: stored?.version ?? 1 };
  }

  async updateSchedule(ctx: RequestContext, courseId: string, version: number, rules: ScheduleRule[]) {
    for (const [i, r] of rules.entries()) {
      if (!catalogue.isKnownInstrument(r.instrumentId)) {
        throw new RuleViolation(`Unknown instrument "${r.instrumentId}".`, `rules.${i}.instrumentId`);
      }
    }
    return this.deps.db.db.transaction().execute(async (trx) => {
      const patientId = await reachableCoursePatient(trx, ctx.actor, courseId, reachOf(ctx, 'write'));
      if (!patientId) throw new NotFound('Course');
      const org = ctx.actor.organisationId;
      const stored = await measures.findSchedule(trx, org, courseId);
      const row = {
        courseId,
        organisationId: org,
        rulesJson: JSON.stringify(rules),
        version: 1,
        updatedAt: this.deps.clock().toISOString(),
      };
      const current = stored?.version ?? 1;
      if (version !== current) throw new StaleVersion(current);
      if (stored) {
        if (!(await measures.updateScheduleIfVersion(trx, row, version))) throw new StaleVersion(current);
      } else {
        await measures.insertSchedule(trx, { ...row, version: 2 });
      }
      await this.deps.audit.inTransaction(trx, [
        clinicalEvent(ctx, AuditAction.update, 'MeasureSchedule', courseId, patientId),
      ]);
      return { courseId, rules, isDefault: false, version: current + 1 };
    });
  }
}

export type { Q };
