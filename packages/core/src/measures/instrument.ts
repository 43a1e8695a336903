/**
 * The shape of a measurement instrument. An instrument is data: the form, the scorer, the bands, the flags and the
 * FHIR Questionnaire are all built from one definition (shared/STYLE.md §4). Clinical facts live in the per-instrument
 * files beside this one, each citing shared/ipt/DOMAIN.md §9 / ERRATA.md (ERRATA wins where they differ).
 */

export const InstrumentId = {
  phq9: 'phq-9',
  phq2: 'phq-2',
  gad7: 'gad-7',
  epds: 'epds',
  hamd17: 'ham-d-17',
  who5: 'who-5',
  wsas: 'wsas',
} as const;
export type InstrumentId = (typeof InstrumentId)[keyof typeof InstrumentId];

export const Rater = { patient: 'patient', clinician: 'clinician' } as const;
export type Rater = (typeof Rater)[keyof typeof Rater];

/** Which way is better. WHO-5 is the only instrument here where a higher total is better (DOMAIN §9.6). */
export const Direction = { higherIsWorse: 'higher-is-worse', higherIsBetter: 'higher-is-better' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

export const loincSystem = 'http://loinc.org';

/** A code in a terminology. `display` is left out where the display string is disputed (ERRATA Must-fix 2). */
export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface AnswerOption {
  /** 0 for the first option as the instrument prints it. Answers are given as positions. */
  readonly position: number;
  /** The scored value; null for an option that is recorded but not scored (HAM-D 16 "not assessed", WSAS work item
   * not applicable, the PHQ-9 difficulty item). */
  readonly weight: number | null;
  /** The instrument's own wording; null where the wording is not licensed to us (EPDS, WSAS). */
  readonly label: string | null;
  /** What a form shows when `label` is null, and a short name otherwise. Never the instrument's wording. */
  readonly neutralLabel: string;
  /** LOINC answer code, only where DOMAIN/ERRATA confirm it. */
  readonly loinc?: Coding;
}

export const FlagKind = { risk: 'risk', advice: 'advice' } as const;
export type FlagKind = (typeof FlagKind)[keyof typeof FlagKind];

/** An item-level flag, raised from the item's weight whatever the total, and even when there is no total. */
export interface ItemFlagRule {
  readonly code: string;
  readonly kind: FlagKind;
  /** Raised when the item's weight is within these bounds (inclusive). */
  readonly when: { readonly minWeight?: number; readonly maxWeight?: number };
  readonly label: string;
  readonly source: string;
  /**
   * A "same-day" flag: markedly elevated risk needing a clinician's review the same day (DOMAIN §10.2 step 4,
   * item 9 ≥ 2; ERRATA row 85). A review that answers it must record the assessment and a safety plan.
   */
  readonly sameDay?: boolean;
}

/**
 * The flag raised when a risk item is left unanswered: the safety screen is not done, so the question must be asked
 * directly (ERRATA must-fix 1: "A missing item 9 means 'safety screen not done'… force the clinician to ask
 * directly"). It is never read as "no risk".
 */
export interface NotAskedFlagRule {
  readonly code: string;
  readonly label: string;
  readonly source: string;
}

export interface Item {
  /** Stable id, also the FHIR linkId: `<instrument>/<number>`. */
  readonly id: string;
  /** The item's number as printed: 9, or '16A'. */
  readonly number: number | string;
  /** The instrument's wording; null where it is not licensed to us. */
  readonly text: string | null;
  /** A neutral label ("Item 3"), safe to show for any instrument. */
  readonly neutralLabel: string;
  readonly options: readonly AnswerOption[];
  /** Whether the item counts towards the total. */
  readonly scored: boolean;
  /** The weights descend down the page (EPDS items 3 and 5–10). Documentation only: the weights are in `options`. */
  readonly reverse?: boolean;
  /** Never imputed: without an answer the administration has no total (PHQ-9 item 9, ERRATA Must-fix 1). */
  readonly required?: boolean;
  /** Items sharing a group are alternatives: exactly one of them is answered (HAM-D 16A/16B, ERRATA Must-fix 6). */
  readonly alternativeGroup?: string;
  readonly flags?: readonly ItemFlagRule[];
  /** Raised when this risk item is left unanswered (PHQ-9 item 9, EPDS item 10). */
  readonly notAskedFlag?: NotAskedFlagRule;
  /** LOINC item code, only where DOMAIN/ERRATA confirm it. */
  readonly loinc?: Coding;
}

export interface Band {
  readonly id: string;
  /** Inclusive bounds on the reported total. */
  readonly min: number;
  readonly max: number;
  readonly label: string;
}

/** What to do with unanswered scored items. */
export type MissingItemRule =
  /** No published rule: any missing scored item means no total. Never a guess. */
  | { readonly kind: 'none'; readonly source: string }
  /** Replace up to `maxMissing` missing items by the mean of the answered scored items, then round the total to the
   * nearest whole number (halves up). Items marked `required` are never imputed. */
  | { readonly kind: 'prorate'; readonly maxMissing: number; readonly source: string };

export interface Scoring {
  /** The total is the sum of the scored items' weights times this (WHO-5: ×4 gives a percentage, DOMAIN §9.6). */
  readonly multiplier: number;
  readonly unit?: '%';
  /** Range of the reported total when every item is scored. */
  readonly min: number;
  readonly max: number;
  readonly direction: Direction;
  readonly missing: MissingItemRule;
}

export interface Threshold {
  readonly value: number;
  readonly source: string;
}

export interface Thresholds {
  /** Remission: total at or below this value. */
  readonly remission?: Threshold;
  /** Reliable change: a change of at least this many points (of the reported total). */
  readonly reliableChange?: Threshold;
  /** Response: a fall of at least this fraction of the baseline total (instruments where higher is worse). */
  readonly responseFraction?: Threshold;
  /** Caseness: total at or above this value. */
  readonly caseness?: Threshold;
}

export interface Instrument {
  readonly id: InstrumentId;
  /** Version of this definition; bump when items, weights, bands or rules change. */
  readonly version: string;
  readonly name: string;
  readonly shortName: string;
  readonly rater: Rater;
  readonly timeFrame?: string;
  readonly items: readonly Item[];
  readonly scoring: Scoring;
  /** Default severity bands, ascending, covering scoring.min..scoring.max without gaps. */
  readonly bands: readonly Band[];
  /** Other published band sets a service may choose instead (HAM-D, ERRATA Must-fix 6). */
  readonly alternativeBands?: Readonly<Record<string, readonly Band[]>>;
  readonly thresholds: Thresholds;
  readonly loinc?: { readonly panel?: Coding; readonly total?: Coding };
  readonly citation: string;
  readonly licence: { readonly wordingIncluded: boolean; readonly note: string };
  /** Cautions a form or report must show. */
  readonly cautions?: readonly string[];
}

/** Reverse an item weight on a min..max scale. Applying it twice gives the weight back. */
export function reverseWeight(weight: number, min: number, max: number): number {
  return max + min - weight;
}

/** Options 0..n−1 whose weight is the printed number (neutral label = that number). */
export function numberedOptions(count: number, reverse = false): AnswerOption[] {
  return Array.from({ length: count }, (_, position) => {
    const weight = reverse ? reverseWeight(position, 0, count - 1) : position;
    return { position, weight, label: null, neutralLabel: String(weight) };
  });
}

/** Options with no licensed wording, labelled "Option 1".."Option n" as a person counts them. */
export function unlabelledOptions(weights: readonly number[]): AnswerOption[] {
  return weights.map((weight, position) => ({
    position,
    weight,
    label: null,
    neutralLabel: `Option ${position + 1}`,
  }));
}
