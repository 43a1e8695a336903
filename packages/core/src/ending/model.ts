/**
 * The end of acute treatment as records (issue "The middle and final phases as working tools"): the termination
 * checklist (shared/ipt/DOMAIN.md §1.4, §6.1), the relapse-prevention plan (§6.2) and the continuation or
 * maintenance contract (§6.3). The rules over them live beside this file.
 */
import type { ChangeOutcome } from '../measures/change.js';

/** The DOMAIN §6.1 termination tasks, one id each. */
export const TerminationItem = {
  endNamed: 'end-named',
  progressReviewed: 'progress-reviewed',
  whyBetter: 'why-better',
  feelingsAboutEnding: 'feelings-about-ending',
  residualWork: 'residual-work',
  relapsePrevention: 'relapse-prevention',
  notImprovedReviewed: 'not-improved-reviewed',
  continuationDecided: 'continuation-decided',
  endMeasures: 'end-measures',
} as const;
export type TerminationItem = (typeof TerminationItem)[keyof typeof TerminationItem];
export const terminationItems = Object.values(TerminationItem);

/** After the acute course (DOMAIN §1.4, §6.3 [S3][S7]). */
export const ContinuationDecision = {
  end: 'end',
  continuation: 'continuation',
  maintenance: 'maintenance',
  referral: 'referral',
} as const;
export type ContinuationDecision = (typeof ContinuationDecision)[keyof typeof ContinuationDecision];

export const MaintenanceFrequency = { weekly: 'weekly', fortnightly: 'fortnightly', monthly: 'monthly' } as const;
export type MaintenanceFrequency = (typeof MaintenanceFrequency)[keyof typeof MaintenanceFrequency];

/** DOMAIN §6.3 [Inference]: frequency, duration, focus and a monitoring cadence. */
export interface MaintenanceContract {
  readonly frequency: MaintenanceFrequency;
  readonly durationMonths: number;
  readonly focus: string;
  readonly monitoring: string;
}

export const GoalAttainment = { achieved: 'achieved', partly: 'partly', notAchieved: 'not-achieved' } as const;
export type GoalAttainment = (typeof GoalAttainment)[keyof typeof GoalAttainment];

export interface Termination {
  readonly items: Readonly<Partial<Record<TerminationItem, { readonly done: boolean; readonly note: string }>>>;
  /** "Why are you feeling better?" in the patient's own words (DOMAIN §6.1 [S3][S15]). */
  readonly whyBetterPatientWords: string;
  readonly residualGoals: readonly string[];
  /** Goals of the treatment contract (ids or the personal goal's text) and how far each was reached. */
  readonly goalAttainment: readonly {
    readonly goal: string;
    readonly attainment: GoalAttainment;
    readonly note: string;
  }[];
  readonly continuation: {
    readonly decision: ContinuationDecision | null;
    readonly contract: MaintenanceContract | null;
    readonly note: string;
  };
  /** Required to complete the checklist on a course that never left the initial phase (issue "Bad input"). */
  readonly earlyEndReason: string;
  readonly completed: boolean;
  readonly completedAt: string | null;
}

export const WarningSignKind = { symptom: 'symptom', interpersonal: 'interpersonal' } as const;
export type WarningSignKind = (typeof WarningSignKind)[keyof typeof WarningSignKind];

/** DOMAIN §6.2 [Inference] RelapsePlan, consolidating [S15][S44][S48]. */
export interface RelapsePlan {
  readonly warningSigns: readonly { readonly kind: WarningSignKind; readonly text: string }[];
  readonly triggersAnticipated: readonly string[];
  readonly copingActions: readonly string[];
  /** People to contact, offered from the inventory (personId) or typed. */
  readonly peopleToContact: readonly {
    readonly personId: string | null;
    readonly name: string;
    readonly how: string;
  }[];
  readonly professionalContacts: readonly { readonly name: string; readonly role: string; readonly contact: string }[];
  /** When to come back, in words, and optionally as a score threshold (DOMAIN §6.2 example: PHQ-9 ≥ 10 for 2 weeks). */
  readonly whenToReturn: {
    readonly text: string;
    readonly threshold: { readonly instrumentId: string; readonly atLeast: number; readonly forWeeks: number } | null;
  };
  /** Link the patient's Stanley–Brown safety plan from their latest safety review, when there is one. */
  readonly linkSafetyPlan: boolean;
  readonly shareWith: string;
}

/** A yes/no/unknown result with its definition and source, as `classifyCourse` gives them (measures/change.ts). */
export interface ReviewJudgement {
  readonly met: boolean | null;
  readonly definition: string;
  readonly source: string;
}

/**
 * The progress review, assembled from the records and never typed (issue item 8): the measure trajectory from
 * baseline with response, remission and reliable change; goals and their attainment; the circle at intake beside
 * now; the problem-area work done. Built by `assembleProgressReview` (progress-review.ts).
 */
export interface ProgressReview {
  readonly course: {
    readonly plannedSessions: number;
    readonly attended: number;
    readonly lastSessionNumber: number;
    readonly startDate: string;
    readonly primaryArea: string | null;
    readonly secondaryArea: string | null;
  };
  readonly measures: readonly {
    readonly instrumentId: string;
    readonly shortName: string;
    readonly maxTotal: number;
    readonly points: readonly {
      readonly date: string;
      readonly total: number;
      readonly sessionNumber: number | null;
    }[];
    readonly baseline: { readonly date: string; readonly total: number; readonly band: string | null } | null;
    readonly latest: { readonly date: string; readonly total: number; readonly band: string | null } | null;
    /** Latest minus baseline (negative is better on every shipped instrument but WHO-5). */
    readonly change: number | null;
    readonly response: ReviewJudgement;
    readonly remission: ReviewJudgement;
    readonly reliableImprovement: ReviewJudgement;
    readonly reliableDeterioration: ReviewJudgement;
    /** A case at baseline, past the instrument's lowest published cut-off at the latest (measures/cut-offs.ts). */
    readonly belowCutOff: ReviewJudgement;
    /** NHS Talking Therapies recovery on this measure alone (ERRATA Must-fix 9: named apart from the others). */
    readonly iaptRecovery: ReviewJudgement;
    /** Frank 1991 recovery, remission sustained over time, by a provisional rule (measures/change.ts). */
    readonly sustainedRecovery: ReviewJudgement & { readonly since: string | null };
    /** How the measure reads baseline to latest, and whether it shows improvement (`readChange`). */
    readonly outcome: ChangeOutcome;
    readonly improved: boolean | null;
    /** The outcome in a few words, and the reading in full sentences with every number filled in. */
    readonly verdict: string;
    readonly sentence: string;
  }[];
  /** The course's primary depression measure (PHQ-9, or EPDS for a perinatal course); null when none was given. */
  readonly primaryInstrumentId: string | null;
  /**
   * Improved on the primary depression measure, as `readChange` reads it: response, reliable improvement, remission
   * reached or below the cut-off; null without two measurements or when the measure cannot show it.
   */
  readonly improved: boolean | null;
  readonly goals: readonly {
    readonly goal: string;
    readonly text: string;
    readonly kind: 'area' | 'personal';
    readonly attainment: GoalAttainment | null;
    readonly note: string;
  }[];
  readonly relationships: {
    /**
     * The interpersonal inventory at intake beside now: people recorded by the end of the initial phase, and those
     * added since (issue item 8; DOMAIN §2.1 the inventory is revisited as the work goes on).
     */
    readonly inventory: {
      readonly atIntake: number;
      readonly now: number;
      readonly addedSince: readonly { readonly personId: string; readonly name: string; readonly addedOn: string }[];
    };
    readonly intakeDate: string | null;
    readonly latestDate: string | null;
    readonly people: readonly {
      readonly personId: string;
      readonly name: string;
      readonly intakeRing: number | null;
      readonly latestRing: number | null;
      /** moved-in, moved-out, unchanged, new, gone (circle.ts RingChange); null without two snapshots. */
      readonly change: string | null;
    }[];
  };
  readonly work: {
    readonly sessionsWorked: number;
    readonly techniques: readonly { readonly technique: string; readonly sessions: number }[];
    readonly strategies: readonly { readonly id: string; readonly text: string; readonly sessions: number }[];
    readonly disputeStages: readonly {
      readonly stage: string;
      readonly sessionNumber: number | null;
      readonly note: string;
    }[];
    readonly incidents: readonly {
      readonly id: string;
      readonly incident: string;
      readonly personName: string | null;
      readonly patterns: readonly string[];
      readonly alternatives: number;
      readonly rolePlayed: boolean;
    }[];
    readonly rolePlays: readonly {
      readonly id: string;
      readonly scenario: string;
      readonly confidenceBefore: number | null;
      readonly confidenceAfter: number | null;
    }[];
    readonly decisions: readonly {
      readonly id: string;
      readonly decision: string;
      readonly chosen: string | null;
      readonly outcome: string | null;
    }[];
    readonly ruptures: readonly { readonly id: string; readonly type: string; readonly resolved: boolean | null }[];
  };
}
