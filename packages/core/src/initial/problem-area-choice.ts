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
  /**
   * The inventory entry of the person at the centre of the area, primary or secondary alike: the other party to a
   * dispute (DOMAIN §3.4 [Inference] `RoleDispute{otherPersonId, …}`), or the person who died (DOMAIN §3.3).
   */
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

/**
 * A choice saved over the one already kept: what the new one does not mention is kept, so a form that does not show
 * a field never drops it. For an area kept as it was (primary or secondary), an absent person is the kept person and
 * `null` clears it; an absent secondary is the kept secondary and `null` removes it; absent complicating factors are
 * the kept ones the taxonomy still offers. A changed area starts afresh: its person belonged to the old area.
 */
export function mergeProblemAreaChoice(
  kept: ProblemAreaChoiceInput | null | undefined,
  input: ProblemAreaChoiceInput,
): ProblemAreaChoiceInput {
  if (!kept) return input;
  const selection = (next: AreaSelection, before: AreaSelection | null | undefined): AreaSelection =>
    next.personId === undefined && before && before.area === next.area && before.personId
      ? { ...next, personId: before.personId }
      : next;
  const secondary = input.secondary === undefined ? (kept.secondary ?? null) : input.secondary;
  const offered = taxonomyPresets.includes(input.preset)
    ? taxonomyPresetDefinitions[input.preset].complicatingFactors
    : [];
  return {
    ...input,
    primary: selection(input.primary, kept.primary),
    secondary: secondary === null ? null : selection(secondary, kept.secondary),
    complicatingFactors:
      input.complicatingFactors ?? (kept.complicatingFactors ?? []).filter((f) => offered.includes(f)),
  };
}

/** The people a choice names are in the course's interpersonal inventory (DOMAIN §2.2: people come from it). */
export function assertChoicePeople(choice: ProblemAreaChoiceInput, inventoryIds: readonly string[]): void {
  for (const field of ['primary', 'secondary'] as const) {
    const personId = choice[field]?.personId;
    if (personId && !inventoryIds.includes(personId)) {
      throw new RuleViolation('That person is not in the interpersonal inventory of this course.', `${field}.personId`);
    }
  }
}
