/**
 * The progress review, assembled from the records and never typed (issue item 8; DOMAIN §6.1 "review progress against
 * the focus" [S44], §1.5 sessions 13–16): the measure trajectory from baseline read by `readChange`
 * (measures/change.ts, DOMAIN §9.9: response, remission, reliable change, the cut-offs, both kinds of recovery); the contract's goals with their attainment; the circle at intake beside
 * now (DOMAIN §2.3); and the problem-area work done (DOMAIN §3.3–§3.6, §5).
 */
import { RuleViolation } from '../errors.js';
import { areaChecklists, type ChecklistItem, checklistFor } from '../initial/area-checklists.js';
import { type CircleSnapshot, compareSnapshots } from '../initial/circle.js';
import type { DisputeStage, ProblemArea } from '../initial/problem-areas.js';
import { readChange } from '../measures/change.js';
import { getInstrument, isInstrumentId } from '../measures/registry.js';
import { techniqueCatalogue } from '../middle/catalogue.js';
import { toReviewJudgement } from '../middle/mid-course.js';
import type { CommunicationAnalysis, DecisionAnalysis, RolePlay, Rupture, SessionWork } from '../middle/model.js';
import { disputeStageHistory } from '../middle/session-work.js';
import type { ProgressReview, Termination } from './model.js';

type WithId<T> = T & { readonly id: string };

export interface ProgressReviewInput {
  readonly course: {
    readonly plannedSessions: number;
    /** "YYYY-MM-DD". */
    readonly startDate: string;
    readonly lastSessionNumber: number;
    readonly attended: number;
  };
  /** The primary depression measure: PHQ-9, or EPDS for a perinatal course (DOMAIN §1.3, §7.2); null if none. */
  readonly primaryInstrumentId: string | null;
  /** One series per instrument given during the course, with the session each total belongs to (if any). */
  readonly series: readonly {
    readonly instrumentId: string;
    readonly points: readonly {
      readonly date: string;
      readonly total: number;
      readonly sessionNumber: number | null;
    }[];
  }[];
  /** The agreed problem area(s); null before a choice. */
  readonly area: { readonly primary: ProblemArea; readonly secondary: ProblemArea | null } | null;
  /** The treatment contract's goals; null without a contract. */
  readonly contractGoals: { readonly areaGoals: readonly string[]; readonly personalGoals: readonly string[] } | null;
  /** From the termination checklist (empty before it is filled in). */
  readonly goalAttainment: Termination['goalAttainment'];
  /** The inventory now; `addedOn` is the date each person was recorded (ISO date or instant). */
  readonly inventory: readonly { readonly id: string; readonly personName: string; readonly addedOn?: string }[];
  /** When the course left the initial phase (ISO date or instant); null while it has not: all of it is intake. */
  readonly initialPhaseEndedAt?: string | null;
  readonly circles: { readonly intake: CircleSnapshot | null; readonly latest: CircleSnapshot | null };
  /** The dispute stage set when the area was chosen (DOMAIN §3.4), for the stage history. */
  readonly initialDisputeStage: { readonly stage: DisputeStage } | null;
  readonly sessionWorks: readonly {
    readonly sessionId: string;
    readonly sessionNumber: number;
    readonly work: SessionWork;
  }[];
  readonly analyses: readonly WithId<CommunicationAnalysis>[];
  readonly rolePlays: readonly WithId<RolePlay>[];
  readonly decisions: readonly WithId<DecisionAnalysis>[];
  readonly ruptures: readonly WithId<Rupture>[];
}

type MeasureReview = ProgressReview['measures'][number];

/**
 * One measure's trajectory, read by `readChange` (measures/change.ts, DOMAIN §9.9 with ERRATA Must-fix 9): the same
 * reading the chart's interpretation and both documents show.
 */
function measureReview(series: ProgressReviewInput['series'][number]): MeasureReview {
  if (!isInstrumentId(series.instrumentId)) {
    throw new RuleViolation(`Unknown instrument "${series.instrumentId}".`, 'series.instrumentId');
  }
  const instrument = getInstrument(series.instrumentId);
  const reading = readChange(instrument, series.points);
  const points = series.points
    .map((p) => ({ date: p.date, total: p.total, sessionNumber: p.sessionNumber }))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  return {
    instrumentId: instrument.id,
    shortName: instrument.shortName,
    maxTotal: instrument.scoring.max,
    points,
    baseline: reading.baseline,
    latest: reading.latest,
    change: reading.change,
    response: toReviewJudgement(reading.response),
    remission: toReviewJudgement(reading.remission),
    reliableImprovement: toReviewJudgement(reading.reliableImprovement),
    reliableDeterioration: toReviewJudgement(reading.reliableDeterioration),
    belowCutOff: toReviewJudgement(reading.belowCutOff),
    iaptRecovery: toReviewJudgement(reading.iaptRecovery),
    sustainedRecovery: { ...toReviewJudgement(reading.sustainedRecovery), since: reading.sustainedRecovery.since },
    outcome: reading.outcome,
    improved: reading.improved,
    verdict: reading.verdict,
    sentence: reading.sentence,
  };
}

function allGoals(): ChecklistItem[] {
  return Object.values(areaChecklists).flatMap((c) => c.goals);
}

function goalsReview(input: ProgressReviewInput): ProgressReview['goals'] {
  const known = input.area
    ? [
        ...checklistFor(input.area.primary).goals,
        ...(input.area.secondary ? checklistFor(input.area.secondary).goals : []),
        ...allGoals(),
      ]
    : allGoals();
  const attainmentOf = (goal: string) => input.goalAttainment.find((g) => g.goal === goal);
  const row = (goal: string, text: string, kind: 'area' | 'personal') => {
    const a = attainmentOf(goal);
    return { goal, text, kind, attainment: a?.attainment ?? null, note: a?.note ?? '' };
  };
  const rows = [
    ...(input.contractGoals?.areaGoals ?? []).map((id) => row(id, known.find((g) => g.id === id)?.text ?? id, 'area')),
    ...(input.contractGoals?.personalGoals ?? []).map((text) => row(text, text, 'personal')),
  ];
  // Attainment recorded for a goal no longer in the contract is kept, never dropped silently.
  for (const a of input.goalAttainment) {
    if (rows.some((r) => r.goal === a.goal)) continue;
    const areaGoal = known.find((g) => g.id === a.goal);
    rows.push(row(a.goal, areaGoal?.text ?? a.goal, areaGoal ? 'area' : 'personal'));
  }
  return rows;
}

function relationshipsReview(input: ProgressReviewInput): ProgressReview['relationships'] {
  const { intake, latest } = input.circles;
  const nameOf = (id: string) => input.inventory.find((p) => p.id === id)?.personName ?? 'Unknown person';
  let people: ProgressReview['relationships']['people'];
  if (intake !== null && latest !== null) {
    people = compareSnapshots(intake, latest).changes.map((c) => ({
      personId: c.personId,
      name: nameOf(c.personId),
      intakeRing: c.fromRing,
      latestRing: c.toRing,
      change: c.change,
    }));
  } else {
    const only = intake ?? latest;
    people = (only?.placements ?? []).map((p) => ({
      personId: p.personId,
      name: nameOf(p.personId),
      intakeRing: intake ? p.ring : null,
      latestRing: latest ? p.ring : null,
      change: null,
    }));
  }
  const end = input.initialPhaseEndedAt ?? null;
  const addedSince = input.inventory
    .filter((p) => end !== null && p.addedOn !== undefined && p.addedOn > end)
    .map((p) => ({ personId: p.id, name: p.personName, addedOn: (p.addedOn as string).slice(0, 10) }));
  return {
    inventory: { atIntake: input.inventory.length - addedSince.length, now: input.inventory.length, addedSince },
    intakeDate: intake?.takenAt ?? null,
    latestDate: latest?.takenAt ?? null,
    people,
  };
}

function workReview(input: ProgressReviewInput): ProgressReview['work'] {
  const works = input.sessionWorks;
  const sessionsWith = (has: (w: SessionWork) => boolean) =>
    new Set(works.filter((w) => has(w.work)).map((w) => w.sessionId)).size;
  const techniques = techniqueCatalogue
    .map((t) => ({ technique: t.id, sessions: sessionsWith((w) => w.techniques.includes(t.id)) }))
    .filter((t) => t.sessions > 0);

  const strategyItems = Object.values(areaChecklists).flatMap((c) => c.strategies);
  const ordered = input.area
    ? [
        ...checklistFor(input.area.primary).strategies,
        ...(input.area.secondary ? checklistFor(input.area.secondary).strategies : []),
        ...strategyItems,
      ]
    : strategyItems;
  const usedIds = [...new Set(works.flatMap((w) => w.work.strategies))];
  const orderOf = (id: string) => {
    const i = ordered.findIndex((s) => s.id === id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const strategies = usedIds
    .sort((a, b) => orderOf(a) - orderOf(b))
    .map((id) => ({
      id,
      text: ordered.find((s) => s.id === id)?.text ?? id,
      sessions: sessionsWith((w) => w.strategies.includes(id)),
    }));

  const nameOf = (id: string | null) =>
    id === null ? null : (input.inventory.find((p) => p.id === id)?.personName ?? null);
  return {
    sessionsWorked: new Set(works.map((w) => w.sessionId)).size,
    techniques,
    strategies,
    disputeStages: disputeStageHistory(input.initialDisputeStage, works).map((s) => ({
      stage: s.stage,
      sessionNumber: s.sessionNumber,
      note: s.note,
    })),
    incidents: input.analyses.map((a) => ({
      id: a.id,
      incident: a.incident,
      personName: nameOf(a.personId),
      patterns: [...a.patterns],
      alternatives: a.alternatives.length,
      rolePlayed: input.rolePlays.some((r) => r.analysisId === a.id),
    })),
    rolePlays: input.rolePlays.map((r) => ({
      id: r.id,
      scenario: r.scenario,
      confidenceBefore: r.confidenceBefore,
      confidenceAfter: r.confidenceAfter,
    })),
    decisions: input.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      chosen: d.options.find((o) => o.id === d.chosenOptionId)?.text ?? null,
      outcome: d.outcome?.result ?? null,
    })),
    ruptures: input.ruptures.map((r) => ({ id: r.id, type: r.type, resolved: r.resolved })),
  };
}

/**
 * Assembles the progress review. Measures come in the order given, each with its points sorted by date; `improved`
 * is the primary instrument's (`readChange`: response, reliable improvement, remission reached or below the cut-off;
 * null without two measurements, or when the measure cannot show it, DOMAIN §9.9, §6.1 "if not improved"); goals list the contract's area goals, then its personal
 * goals, then any other goal with an attainment recorded; the circle compares intake with the latest snapshot
 * (circle.ts `compareSnapshots`); the work counts sessions per technique (in DOMAIN §5 order) and per strategy (in
 * the area checklist's order) and lists incidents, role plays, decisions and ruptures in the order given.
 */
export function assembleProgressReview(input: ProgressReviewInput): ProgressReview {
  const measures = input.series.map(measureReview);
  const primary =
    input.primaryInstrumentId === null ? undefined : measures.find((m) => m.instrumentId === input.primaryInstrumentId);
  return {
    course: {
      plannedSessions: input.course.plannedSessions,
      attended: input.course.attended,
      lastSessionNumber: input.course.lastSessionNumber,
      startDate: input.course.startDate,
      primaryArea: input.area?.primary ?? null,
      secondaryArea: input.area?.secondary ?? null,
    },
    measures,
    primaryInstrumentId: primary?.instrumentId ?? null,
    improved: primary?.improved ?? null,
    goals: goalsReview(input),
    relationships: relationshipsReview(input),
    work: workReview(input),
  };
}
