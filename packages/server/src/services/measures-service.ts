/**
 * Measurement-based care in the clinic: questionnaires given in session, the course's chart data, schedules and
 * annotations. Scoring, bands and flags come from the instrument registry in core (via instrument-catalogue.ts).
 */
import { readAnswers, readFlags, readScheduleRules } from '../db/repositories/json-columns.js';
import type { Administration, Annotation, InstrumentDefinition, InstrumentTextPack, MeasuresView } from '@ipt/contract';
import {
  defaultSchedule,
  flagRuleFacts,
  inSessionOrder,
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
import { listCourseRecords } from '../db/repositories/course-records-repository.js';
import * as courses from '../db/repositories/courses-repository.js';
import * as measures from '../db/repositories/measures-repository.js';
import type { AdministrationTable, CourseTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import type { ServiceDeps } from './deps.js';
import * as catalogue from './instrument-catalogue.js';
import { recordAdministration } from './record-administration.js';
import { ofKind } from './initial-phase-facts.js';
import { Pipeline } from './pipeline.js';

export function toAdministration(row: AdministrationTable): Administration {
  return {
    id: row.id,
    courseId: row.courseId,
    sessionId: row.sessionId,
    instrumentId: row.instrumentId,
    instrumentVersion: row.instrumentVersion,
    answers: readAnswers(row.answersJson),
    administeredAt: row.administeredAt,
    answeredAt: row.answeredAt ?? row.administeredAt,
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

/** The day the patient answered: a paper form entered later has its own; any other was answered when recorded. */
export const answeredDay = (a: { administeredAt: string; answeredAt: string | null }) =>
  (a.answeredAt ?? a.administeredAt).slice(0, 10);

/** Administrations as the schedule sees them: the session they belong to, and the day they were answered. */
export function givenForSchedule(
  sessions: readonly { id: string; number: number }[],
  administrations: readonly {
    instrumentId: string;
    sessionId: string | null;
    administeredAt: string;
    answeredAt: string | null;
  }[],
): ScheduleAdministration[] {
  const numberOf = sessionNumberLookup(sessions);
  return administrations.map((a) => ({
    instrumentId: a.instrumentId,
    sessionNumber: numberOf(a.sessionId),
    date: answeredDay(a),
  }));
}

/**
 * When a paper form was answered, as the instant to store: a date alone is the start of that day (UTC, the calendar
 * the clinic's dates are kept in). Refused in the future, and before the course started: nothing of the course
 * could have been answered then.
 */
export function answeredAtOf(given: string, course: { startDate: string }, now: Date): string {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(given) ? new Date(`${given}T00:00:00Z`) : new Date(given);
  const today = now.toISOString().slice(0, 10);
  const day = at.toISOString().slice(0, 10);
  if (day > today || at.getTime() > now.getTime()) {
    throw new RuleViolation(
      `The form cannot have been answered in the future: enter the day it was filled in, today (${today}) at the latest.`,
      'answeredAt',
    );
  }
  if (day < course.startDate) {
    throw new RuleViolation(
      `The form cannot have been answered before the course started (${course.startDate}): check the date.`,
      'answeredAt',
    );
  }
  return at.toISOString();
}

export function scheduleOf(course: CourseTable, stored: { rulesJson: string } | undefined): ScheduleRule[] {
  return stored ? readScheduleRules(stored.rulesJson) : defaultSchedule(course.perinatal === 1);
}

export class MeasuresService {
  private readonly pipeline: Pipeline;
  constructor(private readonly deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  async instruments(ctx: RequestContext): Promise<InstrumentDefinition[]> {
    const packs = await this.pipeline.read(ctx, (w) => measures.listTextPacks(w.q, w.organisationId));
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
    const row = await this.pipeline.write(ctx, async (w) => {
      const row = {
        organisationId: w.organisationId,
        instrumentId,
        packJson: JSON.stringify(pack),
        importedBy: ctx.actor.userId,
        importedAt: w.at,
      };
      await measures.upsertTextPack(w.q, row);
      w.audit(AuditAction.update, 'InstrumentTextPack', instrumentId, null);
      return row;
    });
    return catalogue.definition(instrumentId, row);
  }

  /**
   * A questionnaire given by the clinician: in a session (linked to it), or a paper form entered later with the day
   * it was answered.
   */
  administer(
    ctx: RequestContext,
    courseId: string,
    input: {
      instrumentId: string;
      instrumentVersion: string;
      answers: (number | null)[];
      sessionId?: string | undefined;
      answeredAt?: string | undefined;
    },
  ): Promise<Administration> {
    return this.pipeline.write(ctx, async (w) => {
      const { course, patientId } = await w.course(courseId);
      let sessionDate: string | null = null;
      if (input.sessionId !== undefined) {
        const session = await courses.findSession(w.q, w.organisationId, input.sessionId);
        if (session?.courseId !== courseId) throw new RuleViolation('No such session in this course.', 'sessionId');
        sessionDate = session.date;
      }
      // Given in a session held on an earlier day and entered only now, it was answered that day.
      const given = input.answeredAt ?? (sessionDate !== null && sessionDate < w.today ? sessionDate : undefined);
      const answeredAt = given === undefined ? undefined : answeredAtOf(given, course, this.deps.clock());
      const row = await recordAdministration(w.q, this.deps, {
        organisationId: w.organisationId,
        patientId,
        courseId,
        sessionId: input.sessionId ?? null,
        instrumentId: input.instrumentId,
        instrumentVersion: input.instrumentVersion,
        answers: input.answers,
        mode: 'in-session',
        enteredBy: ctx.actor.userId,
        answeredAt,
      });
      w.audit(AuditAction.create, 'Administration', row.id, patientId);
      return toAdministration(row);
    });
  }

  list(ctx: RequestContext, courseId: string): Promise<Administration[]> {
    return this.pipeline.read(ctx, async (w) => {
      const { patientId } = await w.course(courseId);
      const rows = await measures.listAdministrations(w.q, w.organisationId, [courseId]);
      w.audit(AuditAction.search, 'Administration', courseId, patientId);
      return rows.map(toAdministration);
    });
  }

  fhirBundle(ctx: RequestContext, administrationId: string) {
    return this.pipeline.read(ctx, async (w) => {
      const row = await measures.findAdministration(w.q, w.organisationId, administrationId);
      if (!row) throw new NotFound('Administration');
      const { patientId } = await w.course(row.courseId).catch((err: unknown) => {
        throw err instanceof NotFound ? new NotFound('Administration') : err;
      });
      w.audit(AuditAction.read, 'Administration', row.id, patientId);
      return catalogue.fhirBundle(toAdministration(row), patientId);
    });
  }

  /** Everything the course charts draw, in one read. */
  view(ctx: RequestContext, courseId: string): Promise<MeasuresView> {
    return this.pipeline.read(ctx, async (w) => {
      const { course, patientId } = await w.course(courseId);
      const { q, organisationId: org } = w;
      const [sessionRows, transitions, adminRows, annotationRows, stored, recordRows] = await Promise.all([
        courses.listSessionsOfCourses(q, org, [courseId]),
        courses.listPhaseTransitions(q, org, [courseId]),
        measures.listAdministrations(q, org, [courseId]),
        measures.listAnnotations(q, org, courseId),
        measures.findSchedule(q, org, courseId),
        listCourseRecords(q, org, courseId),
      ]);
      const lifeEvents = ofKind(recordRows, 'life-event').map((e) => e.value);
      w.audit(AuditAction.read, 'MeasuresView', courseId, patientId);
      const sessions = sessionRows.map(courses.toSession);
      const administrations = adminRows.map(toAdministration);
      const sessionNumberOf = sessionNumberLookup(sessions);
      const instrumentIds = [...new Set(administrations.map((a) => a.instrumentId))];
      const series = instrumentIds.map((instrumentId) => {
        const own = administrations.filter((a) => a.instrumentId === instrumentId);
        const def = catalogue.chartFacts(instrumentId);
        const points = own.map((a) => ({
          administrationId: a.id,
          date: answeredDay(a),
          sessionNumber: sessionNumberOf(a.sessionId),
          total: a.total,
          band: a.band,
          scorable: a.scorable,
          flagged: a.flags.length > 0,
          riskNotAsked: a.flags.some((f) => !flagRuleFacts(a.instrumentId, f.code).answered),
        }));
        return {
          instrumentId,
          shortName: def.shortName,
          maxTotal: def.maxTotal,
          bands: def.bands,
          // The chart's x axis is the session: a score sits at its session, one between sessions between them.
          points: inSessionOrder(sessions, points),
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
          // The timeline's life events from the course's start on annotate the charts too (issue "initial phase");
          // a planned one has not happened yet, so it marks no score.
          ...lifeEvents
            .filter((e) => e.planned !== true)
            .map((e) => ({ id: e.id, date: midpointIso(e.date), label: e.description, kind: 'life-event' }))
            .filter((e) => e.date >= course.startDate),
        ].sort((a, b) => a.date.localeCompare(b.date)),
        due: measuresDue(rules, sessions, givenForSchedule(sessions, administrations), nextSessionNumber(sessions)),
      };
    });
  }

  annotate(
    ctx: RequestContext,
    courseId: string,
    input: { date: string; label: string; kind: string },
  ): Promise<Annotation> {
    return this.pipeline.write(ctx, async (w) => {
      const { patientId } = await w.course(courseId);
      const row = {
        id: uuidv7(),
        organisationId: w.organisationId,
        courseId,
        ...input,
        createdBy: ctx.actor.userId,
        createdAt: w.at,
      };
      await measures.insertAnnotation(w.q, row);
      w.audit(AuditAction.create, 'Annotation', row.id, patientId);
      return { id: row.id, date: row.date, label: row.label, kind: row.kind };
    });
  }

  schedule(ctx: RequestContext, courseId: string) {
    return this.pipeline.read(ctx, async (w) => {
      const { course, patientId } = await w.course(courseId);
      const stored = await measures.findSchedule(w.q, w.organisationId, courseId);
      w.audit(AuditAction.read, 'MeasureSchedule', courseId, patientId);
      return { courseId, rules: scheduleOf(course, stored), isDefault: !stored, version: stored?.version ?? 1 };
    });
  }

  updateSchedule(ctx: RequestContext, courseId: string, version: number, rules: ScheduleRule[]) {
    for (const [i, r] of rules.entries()) {
      if (!catalogue.isKnownInstrument(r.instrumentId)) {
        throw new RuleViolation(`Unknown instrument "${r.instrumentId}".`, `rules.${i}.instrumentId`);
      }
    }
    return this.pipeline.write(ctx, async (w) => {
      const { patientId } = await w.course(courseId);
      const stored = await measures.findSchedule(w.q, w.organisationId, courseId);
      const row = {
        courseId,
        organisationId: w.organisationId,
        rulesJson: JSON.stringify(rules),
        version: 1,
        updatedAt: w.at,
      };
      // A schedule is versioned by its own row (no revisions are kept): the default counts as version 1.
      const current = stored?.version ?? 1;
      w.assertVersion({ version: current }, version, undefined);
      if (stored) {
        if (!(await measures.updateScheduleIfVersion(w.q, row, version))) throw new StaleVersion(current);
      } else {
        await measures.insertSchedule(w.q, { ...row, version: 2 });
      }
      w.audit(AuditAction.update, 'MeasureSchedule', courseId, patientId);
      return { courseId, rules, isDefault: false, version: current + 1 };
    });
  }
}
