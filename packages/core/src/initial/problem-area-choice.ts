/**
 * The clinician's choice of focus: one primary area and at most one secondary, with a written rationale. Keep the
 * treatment on one area when possible and allow at most two (DOMAIN §3.2 [S6]; the limit of two is its
 * [Inference]; the initial-phase checklist says "choose one, at most two", DOMAIN §1.2 [S6]). A dispute needs its
 * stage (DOMAIN §3.4 [S14][S47][S52]). Choosing against the hints is normal: the hints are advisory and the focus is
 * negotiated with the patient (DOMAIN §3.2 [S2][S3]); the seed case chose sensitivities over grief (Law et al. [S11]).
 */
import { RuleViolation } from '../errors.js';
import type { ProblemAreaHint } from './hints.js';
import {
  type CanonicalArea,
  CanonicalArea as Area,
  type ComplicatingFactor,
  type DisputeStage,
  disputeStages,
  type ProblemArea,
  presetArea,
  type TaxonomyPreset,
  taxonomyPresetDefinitions,
  taxonomyPresets,
} from './problem-areas.js';

export interface AreaSelection {
  readonly area: ProblemArea;
  /** Required when the area is a dispute; absent otherwise. */
  readonly disputeStage?: DisputeStage | null;
  /** The inventory entry of the other party to a dispute, or of the person who died, when one is central. */
  readonly personId?: string | null;
}

export interface ProblemAreaChoiceInput {
  readonly preset: TaxonomyPreset;
  readonly primary: AreaSelection;
  readonly secondary?: AreaSelection | null;
  readonly rationale: string;
  /** Only what the preset offers (Stuart: interpersonal sensitivity, DOMAIN §3.1 [S7]). */
  readonly complicatingFactors?: readonly ComplicatingFactor[];
}

export interface ProblemAreaChoice extends ProblemAreaChoiceInput {
  readonly complicatingFactors: readonly ComplicatingFactor[];
  /** The canonical areas the hints suggested when the choice was made. */
  readonly hintedAreas: readonly CanonicalArea[];
  /** The primary area is not among the hinted areas (false when there were no hints to differ from). */
  readonly differsFromHints: boolean;
}

function assertSelection(preset: TaxonomyPreset, s: AreaSelection, field: 'primary' | 'secondary'): void {
  const def = presetArea(preset, s.area, `${field}.area`);
  const stage = s.disputeStage ?? null;
  if (def.canonical === Area.dispute) {
    if (stage === null) {
      throw new RuleViolation(
        'For a role dispute, set its stage: renegotiation, impasse or dissolution.',
        `${field}.disputeStage`,
      );
    }
    if (!disputeStages.includes(stage)) {
      throw new RuleViolation(`Unknown dispute stage "${String(stage)}".`, `${field}.disputeStage`);
    }
  } else if (stage !== null) {
    throw new RuleViolation('Only a role dispute has a stage.', `${field}.disputeStage`);
  }
}

export function assertProblemAreaChoice(choice: ProblemAreaChoiceInput): void {
  if (!taxonomyPresets.includes(choice.preset)) {
    throw new RuleViolation(`Unknown problem-area taxonomy "${String(choice.preset)}".`, 'preset');
  }
  assertSelection(choice.preset, choice.primary, 'primary');
  if (choice.secondary) {
    assertSelection(choice.preset, choice.secondary, 'secondary');
    if (choice.secondary.area === choice.primary.area) {
      throw new RuleViolation('The secondary area must differ from the primary one.', 'secondary.area');
    }
  }
  if (choice.rationale.trim() === '') {
    throw new RuleViolation(
      'Write why this area was chosen (what links it to the onset, what the patient said).',
      'rationale',
    );
  }
  const offered = taxonomyPresetDefinitions[choice.preset].complicatingFactors;
  for (const f of choice.complicatingFactors ?? []) {
    if (!offered.includes(f)) {
      throw new RuleViolation(
        `The ${choice.preset} taxonomy has no complicating factor "${String(f)}".`,
        'complicatingFactors',
      );
    }
  }
}

/** Whether the primary area's canonical area is missing from the hints (no hints: nothing to differ from). */
export function differsFromHints(
  preset: TaxonomyPreset,
  primary: ProblemArea,
  hints: readonly ProblemAreaHint[],
): boolean {
  if (hints.length === 0) return false;
  const canonical = presetArea(preset, primary, 'primary.area').canonical;
  return !hints.some((h) => h.area === canonical);
}

/** Validates a choice and records it with the hints it was made against. */
export function recordProblemAreaChoice(
  input: ProblemAreaChoiceInput,
  hints: readonly ProblemAreaHint[],
): ProblemAreaChoice {
  assertProblemAreaChoice(input);
  return {
    ...input,
    rationale: input.rationale.trim(),
    secondary: input.secondary ?? null,
    complicatingFactors: input.complicatingFactors ?? [],
    hintedAreas: [...new Set(hints.map((h) => h.area))],
    differsFromHints: differsFromHints(input.preset, input.primary.area, hints),
  };
}
