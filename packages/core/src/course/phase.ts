/**
 * The phase model of a course of IPT.
 *
 * IPT runs in three phases plus an optional, separately contracted maintenance phase: initial/assessment, middle,
 * termination/conclusion of acute treatment, maintenance. See shared/ipt/DOMAIN.md §0 and §1.
 */
import { RuleViolation } from '../errors.js';

export const Phase = {
  initial: 'initial',
  middle: 'middle',
  termination: 'termination',
  maintenance: 'maintenance',
  ended: 'ended',
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];
export const phases = Object.values(Phase);

/** The acute-treatment phases in order; maintenance and ended come after termination. */
export const acutePhases = [Phase.initial, Phase.middle, Phase.termination] as const;

/**
 * School presets and their default phase lengths. Sources disagree, so lengths are configurable per course.
 * See shared/ipt/DOMAIN.md §1.1 (table "Phase lengths").
 */
export const SchoolPreset = {
  /** Weissman/Markowitz: initial sessions 1–3 ("should not exceed 3"); termination the "final few" (~3) [S3][S5]. */
  weissmanMarkowitz: 'weissman-markowitz',
  /** Stuart & Robertson 2012: assessment 1–3 sessions; conclusion of acute treatment 1–2 sessions [S7]. */
  stuart: 'stuart',
  /** IPTUK: sessions 1–4 initial, 5–12 middle, 13–16 termination [S2]. */
  iptuk: 'iptuk',
} as const;
export type SchoolPreset = (typeof SchoolPreset)[keyof typeof SchoolPreset];
export const schoolPresets = Object.values(SchoolPreset);

/** How many sessions the initial phase and the termination phase take. The middle phase is what lies between. */
export interface PhaseLengths {
  readonly initialSessions: number;
  readonly terminationSessions: number;
}

/** Default lengths per preset, from the DOMAIN §1.1 table (upper end of each range; [Inference] where a range is given). */
export function presetPhaseLengths(preset: SchoolPreset): PhaseLengths {
  switch (preset) {
    case SchoolPreset.weissmanMarkowitz:
      return { initialSessions: 3, terminationSessions: 3 };
    case SchoolPreset.stuart:
      return { initialSessions: 3, terminationSessions: 2 };
    case SchoolPreset.iptuk:
      return { initialSessions: 4, terminationSessions: 4 };
  }
}

/**
 * Planned sessions: "12–16 weekly sessions" is the original specification, default 16, an 8-session brief format
 * has also been tested; DOMAIN §1.1 [Inference] sets a configurable minimum of 6. The upper bound of 52 is an input
 * sanity limit (a year of weekly sessions), not a clinical rule; maintenance is contracted separately.
 */
export const PlannedSessions = { default: 16, min: 6, max: 52, typicalMin: 12, typicalMax: 16 } as const;

/** The session numbers that open the middle and the termination phase for a course of `plannedSessions`. */
export function phaseBoundaries(plannedSessions: number, lengths: PhaseLengths) {
  const initialEnd = Math.min(lengths.initialSessions, plannedSessions);
  const terminationStart = Math.max(initialEnd + 1, plannedSessions - lengths.terminationSessions + 1);
  return { initialEnd, middleStart: initialEnd + 1, terminationStart };
}

/**
 * The phase a session is expected to fall in, from its number and the course's phase lengths.
 * Sessions past the plan are expected to be termination work: the course has overrun (flagged, never blocked).
 */
export function expectedPhase(sessionNumber: number, plannedSessions: number, lengths: PhaseLengths): Phase {
  if (!Number.isInteger(sessionNumber) || sessionNumber < 1) {
    throw new RuleViolation('A session number is a whole number from 1.', 'number');
  }
  const { initialEnd, terminationStart } = phaseBoundaries(plannedSessions, lengths);
  if (sessionNumber <= initialEnd) return Phase.initial;
  if (sessionNumber < terminationStart) return Phase.middle;
  return Phase.termination;
}

/**
 * Phase moves a clinician may record. Forward through the acute phases one step at a time; from termination into
 * a separately contracted maintenance phase or to the end; any phase may end (a course ended early). No step back:
 * a course that needs more assessment stays in its phase, which the overrun flags make visible.
 * See DOMAIN §0 (three phases plus optional maintenance) and §1.4 (consider a new contract for maintenance).
 */
export function allowedNextPhases(from: Phase): readonly Phase[] {
  switch (from) {
    case Phase.initial:
      return [Phase.middle, Phase.ended];
    case Phase.middle:
      return [Phase.termination, Phase.ended];
    case Phase.termination:
      return [Phase.maintenance, Phase.ended];
    case Phase.maintenance:
      return [Phase.ended];
    case Phase.ended:
      return [];
  }
}

export function assertPhaseTransition(from: Phase, to: Phase): void {
  if (!allowedNextPhases(from).includes(to)) {
    throw new RuleViolation(`A course cannot move from the ${from} phase to the ${to} phase.`, 'to');
  }
}

/**
 * Course status after a phase move. Ending after the termination phase (or maintenance) completes the course;
 * ending from the initial or middle phase ends it early (DOMAIN §1.4: if the patient has not improved, the therapy
 * failed, not the patient — the status records the fact, not a judgement).
 */
export function statusAfterPhase(from: Phase, to: Phase): 'active' | 'completed' | 'ended-early' {
  if (to !== Phase.ended) return 'active';
  return from === Phase.termination || from === Phase.maintenance ? 'completed' : 'ended-early';
}

const phaseRank: Record<Phase, number> = { initial: 0, middle: 1, termination: 2, maintenance: 3, ended: 4 };

/** The later of two phases in the course's order. */
export function laterPhase(a: Phase, b: Phase): Phase {
  return phaseRank[a] >= phaseRank[b] ? a : b;
}

/**
 * The phase each session of a course belongs to, as the course is drawn: one truth with the phase the course is in.
 * A recorded session is in the phase it was held in (the server keeps it with the session). The phase moves only
 * by an explicit, recorded step (DOMAIN §0–§1), so the next session falls in the course's current phase: a course
 * moved to termination early has its next session in termination, not where the plan had it. Sessions after the
 * next follow the plan's boundaries (`expectedPhase`), never earlier than the current phase. A gap in the
 * numbering takes the phase of the session before it. `current` is the course's phase, or for an ended course the
 * phase of its last recorded session.
 */
export function sessionPhases(input: {
  readonly plannedSessions: number;
  readonly phaseLengths: PhaseLengths;
  readonly phase: Phase;
  readonly sessions: readonly { readonly number: number; readonly phase: Phase }[];
  /** Session numbers 1 … `through` are given a phase. */
  readonly through: number;
}): Phase[] {
  const recorded = new Map(input.sessions.map((s) => [s.number, s.phase]));
  const lastRecorded = input.sessions.reduce((max, s) => Math.max(max, s.number), 0);
  const lastPhase = recorded.get(lastRecorded) ?? Phase.initial;
  const current = input.phase === Phase.ended ? lastPhase : input.phase;
  const out: Phase[] = [];
  for (let n = 1; n <= input.through; n++) {
    const held = recorded.get(n);
    if (held !== undefined) out.push(held);
    else if (n < lastRecorded) out.push(out.at(-1) ?? Phase.initial);
    else if (n === lastRecorded + 1 && input.phase !== Phase.ended) out.push(current);
    else out.push(laterPhase(current, expectedPhase(n, input.plannedSessions, input.phaseLengths)));
  }
  return out;
}
