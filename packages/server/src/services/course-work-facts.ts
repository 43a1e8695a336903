/**
 * Reads everything a course holds after the initial phase (the session's work, analyses, role plays, decisions,
 * ruptures, the mid-course review, the termination checklist, the relapse plan) beside its initial-phase records,
 * sessions, phase moves and measures: what the middle-phase view, the ending view and the two documents are
 * assembled from. Record kinds: the coordination spec of issue 5 (no new table: all are `course_records`).
 */
import { CourseRecordKind, type Session } from '@ipt/contract';
import {
  checklistFor,
  getInstrument,
  type Instrument,
  isDisputeArea,
  isInstrumentId,
  nextSessionNumber,
  Phase,
  type ProblemArea,
} from '@ipt/core';
import * as courses from '../db/repositories/courses-repository.js';
import { listAdministrations } from '../db/repositories/measures-repository.js';
import type { Q } from '../db/repositories/tx.js';
import type { CourseTable } from '../db/schema.js';
import { loadRecords, ofKind } from './initial-phase-facts.js';
import { toAdministration } from './measures-service.js';

/** The kinds of course record kept after the initial phase: the contract's one list (schemas/records.ts). */
export const WorkKind = CourseRecordKind;
export type WorkKind = CourseRecordKind;
export type ListWorkKind = 'communication-analysis' | 'role-play' | 'decision-analysis' | 'rupture';

/** One session's work per session: its slot names the session. */
export const sessionWorkSlot = (sessionId: string) => `${WorkKind.sessionWork}:${sessionId}`;

/**
 * The depression measures a course's progress can be judged on: the PHQ-9 (DOMAIN §9.1), the EPDS in the perinatal
 * period (§7.2, §9.3), the clinician-rated HAM-D (§9.4). The course's primary one is the PHQ-9, or the EPDS for a
 * perinatal course (core's ProgressReviewInput), when given; else the first of them given (its baseline).
 */
const depressionMeasures: readonly string[] = ['phq-9', 'epds', 'ham-d-17'];

/** Everything recorded in a course, parsed. */
export async function loadCourseWork(q: Q, course: CourseTable) {
  const [initial, sessionRows, transitions, adminRows] = await Promise.all([
    loadRecords(q, course),
    courses.listSessionsOfCourses(q, course.organisationId, [course.id]),
    courses.listPhaseTransitions(q, course.organisationId, [course.id]),
    listAdministrations(q, course.organisationId, [course.id]),
  ]);
  const of = <K extends WorkKind>(kind: K) => ofKind(initial.rows, kind);
  const sessions: Session[] = sessionRows.map(courses.toSession);
  const numberOf = new Map(sessions.map((s) => [s.id, s.number]));
  const administrations = adminRows.map(toAdministration);
  const works = of(WorkKind.sessionWork).sort(
    (a, b) => (numberOf.get(a.value.sessionId) ?? 0) - (numberOf.get(b.value.sessionId) ?? 0),
  );
  const choice = initial.problemArea?.value ?? null;
  // The area selection that carries a role dispute's stage (DOMAIN §3.4), primary or secondary.
  const disputeSelection = [choice?.primary, choice?.secondary].find((s) => s?.disputeStage) ?? null;
  const areas: ProblemArea[] = choice
    ? [choice.primary.area, ...(choice.secondary ? [choice.secondary.area] : [])]
    : [];
  const strategies = areas.flatMap((a) => checklistFor(a).strategies);
  const primary = primaryMeasure(administrations, course.perinatal === 1);
  return {
    ...initial,
    course,
    sessions,
    numberOf,
    transitions,
    administrations,
    lastSessionNumber: nextSessionNumber(sessions) - 1,
    attended: sessions.filter((s) => s.attendance === 'attended').length,
    /** The course reached the middle phase at some point (DOMAIN §1.2 gate): else it ends early. */
    leftInitialPhase: transitions.some((t) => t.to === Phase.middle || t.to === Phase.termination),
    choice,
    areas,
    strategies,
    disputeArea: areas.some((a) => isDisputeArea(a)),
    works,
    /** Each session's work with its session's number, in session order (what core's reviews take). */
    numberedWorks: works.map((x) => ({
      sessionId: x.value.sessionId,
      sessionNumber: numberOf.get(x.value.sessionId) ?? 0,
      work: x.value,
    })),
    disputeSelection,
    /** The stage set when the area was chosen, where the area is a dispute. */
    initialDisputeStage: disputeSelection?.disputeStage ? { stage: disputeSelection.disputeStage } : null,
    intervalEvents: initial.events.filter((e) => e.value.sessionId),
    analyses: of(WorkKind.communicationAnalysis),
    rolePlays: of(WorkKind.rolePlay),
    decisions: of(WorkKind.decisionAnalysis),
    ruptures: of(WorkKind.rupture),
    midCourseReview: of(WorkKind.midCourseReview)[0],
    termination: of(WorkKind.termination)[0],
    relapsePlan: of(WorkKind.relapsePlan)[0],
    primary,
  };
}
export type CourseWork = Awaited<ReturnType<typeof loadCourseWork>>;

/** The course's depression measure and its scorable series from baseline; null when none was given. */
function primaryMeasure(administrations: ReturnType<typeof toAdministration>[], perinatal: boolean) {
  const scored = administrations.filter((a) => a.scorable && a.total !== null);
  const preferred = perinatal ? 'epds' : 'phq-9';
  const id = scored.some((a) => a.instrumentId === preferred)
    ? preferred
    : scored.find((a) => depressionMeasures.includes(a.instrumentId))?.instrumentId;
  if (!id || !isInstrumentId(id)) return { instrument: null as Instrument | null, series: [] };
  return {
    instrument: getInstrument(id),
    series: scored
      .filter((a) => a.instrumentId === id)
      .flatMap((a) => (a.total === null ? [] : [{ date: a.answeredAt, total: a.total }])),
  };
}
