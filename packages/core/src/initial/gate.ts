/**
 * The initial-phase checklist and the gate into the middle phase: the eight items of DOMAIN §1.2's [Inference]
 * "Exit gate from the initial phase", each with its label and source, and an override that needs a written reason.
 * The "initial phase running long" warning is the course's own flag (`CourseFlag.initialPhaseLong`), reused here.
 */
import { type CourseFacts, CourseFlag, courseProgress, type SessionFacts } from '../course/course.js';
import { RuleViolation } from '../errors.js';
import { parseTimelineDate, type TimelineDate } from './approx-date.js';
import { type FormulationStatus, FormulationStatus as Status } from './formulation.js';
import type { ProblemArea } from './problem-areas.js';

/** What the gate reads: facts the server gathers from the course's records. */
export interface InitialPhaseFacts {
  /** The diagnosis as recorded, or null. */
  readonly diagnosis: string | null;
  /** The baseline severity score (its instrument and total), or null when none has been taken. */
  readonly baselineSeverity: { readonly instrumentId: string; readonly total: number } | null;
  readonly sickRoleExplained: boolean;
  /** Inventory entries recorded. */
  readonly inventoryCount: number;
  /** Onset of the current episode on the timeline, or null. */
  readonly currentEpisodeOnset: TimelineDate | null;
  readonly primaryProblemArea: ProblemArea | null;
  readonly formulationStatus: FormulationStatus | null;
  readonly contract: { readonly plannedSessions: number | null; readonly endDate: string | null } | null;
  readonly safetyScreenDone: boolean;
  /**
   * Risk flags of the patient still open (no safety review yet). A screen that raised a flag is not "done" until the
   * flag is reviewed (DOMAIN §10.2 step 2): a scorable EPDS or PHQ-9 alone does not tick the item.
   */
  readonly openRiskFlags: number;
}

export const GateItem = {
  diagnosis: 'diagnosis',
  sickRole: 'sick-role',
  inventory: 'inventory',
  timeline: 'timeline',
  problemArea: 'problem-area',
  formulation: 'formulation',
  contract: 'contract',
  safetyScreen: 'safety-screen',
} as const;
export type GateItem = (typeof GateItem)[keyof typeof GateItem];

export interface ChecklistEntry {
  readonly id: GateItem;
  readonly label: string;
  readonly done: boolean;
  readonly source: string;
}

const gate = 'DOMAIN §1.2 exit gate [Inference]';

/** The eight gate items in DOMAIN §1.2's order, each done or missing. */
export function initialPhaseChecklist(facts: InitialPhaseFacts): ChecklistEntry[] {
  const contract = facts.contract;
  return [
    {
      id: GateItem.diagnosis,
      label: 'Diagnosis, with a baseline severity score',
      done: (facts.diagnosis ?? '').trim() !== '' && facts.baselineSeverity !== null,
      source: `${gate} item 1; diagnosis and severity scale [S2][S4][S5]`,
    },
    {
      id: GateItem.sickRole,
      label: 'Sick role explained',
      done: facts.sickRoleExplained,
      source: `${gate} item 2; psychoeducation and sick role [S2][S5][S13]`,
    },
    {
      id: GateItem.inventory,
      label: 'Interpersonal inventory with at least one relationship',
      done: facts.inventoryCount >= 1,
      source: `${gate} item 3; inventory §2 [S2][S4]`,
    },
    {
      id: GateItem.timeline,
      label: 'Timeline with the onset of the current episode',
      done: parseTimelineDate(facts.currentEpisodeOnset) !== null,
      source: `${gate} item 4; timeline [S42][S48]`,
    },
    {
      id: GateItem.problemArea,
      label: 'A primary problem area',
      done: facts.primaryProblemArea !== null,
      source: `${gate} item 5; §3 [S6]`,
    },
    {
      id: GateItem.formulation,
      label: 'Formulation presented and agreed by the patient',
      done: facts.formulationStatus === Status.agreed,
      source: `${gate} item 6; §4 [S3][S4]`,
    },
    {
      id: GateItem.contract,
      label: 'Treatment contract with the planned number of sessions and an end date',
      done: contract !== null && (contract.plannedSessions ?? 0) > 0 && (contract.endDate ?? '') !== '',
      source: `${gate} item 7; contract [S1][S15]`,
    },
    {
      id: GateItem.safetyScreen,
      label: 'Safety screen done and every risk flag reviewed',
      done: facts.safetyScreenDone && facts.openRiskFlags === 0,
      source: `${gate} item 8; §10.2 step 2 (the assessment comes before the note is signed)`,
    },
  ];
}

/** The gate refused: the message lists what is missing, `missing` carries the item ids for the form. */
export class InitialPhaseIncomplete extends RuleViolation {
  constructor(
    readonly missing: readonly GateItem[],
    labels: readonly string[],
  ) {
    super(
      `The initial phase is not finished. Still missing: ${labels.map((l) => l.toLowerCase()).join('; ')}.`,
      'gate',
    );
  }
}

export interface GateOverride {
  /** Why the course moves on with items missing; audited by the server. */
  readonly reason: string;
}

export interface GateDecision {
  readonly overridden: boolean;
  readonly missing: readonly GateItem[];
  /** The override reason, trimmed, when one was used. */
  readonly reason: string | null;
}

/**
 * Refuses to leave the initial phase until every item is done, unless the clinician overrides with a written
 * reason (DOMAIN §1.2: "Allow an override with a documented reason"). An override given when nothing is missing
 * is not recorded as one.
 */
export function assertGate(facts: InitialPhaseFacts, override?: GateOverride | null): GateDecision {
  const missing = initialPhaseChecklist(facts).filter((i) => !i.done);
  if (missing.length === 0) return { overridden: false, missing: [], reason: null };
  if (override !== undefined && override !== null) {
    const reason = override.reason.trim();
    if (reason === '') throw new RuleViolation('An override needs a written reason.', 'override.reason');
    return { overridden: true, missing: missing.map((i) => i.id), reason };
  }
  throw new InitialPhaseIncomplete(
    missing.map((i) => i.id),
    missing.map((i) => i.label),
  );
}

/**
 * Whether the initial phase has run past its configured length (DOMAIN §1.2: warn past 3 sessions, 4 for IPTUK).
 * Delegates to the course's flag so the rule lives in one place.
 */
export function initialPhaseRunsLong(course: CourseFacts, sessions: readonly SessionFacts[], today: string): boolean {
  return courseProgress(course, sessions, today).flags.includes(CourseFlag.initialPhaseLong);
}
