/**
 * Problem areas as school presets. The sources disagree on how many areas there are and what they are called, so
 * the taxonomy is chosen per course and every preset area maps to a canonical area so outcomes can be compared
 * across presets. See shared/ipt/DOMAIN.md §3.1 (table and [Inference] preset list).
 */
import { RuleViolation } from '../errors.js';
import { SchoolPreset } from '../course/phase.js';

/**
 * The canonical areas: the four of the Weissman/Markowitz/Klerman tradition, shared by ISIPT and IPTUK (DOMAIN
 * §3.1 first row, [S1][S2][S6]). Every preset area maps onto one of them.
 */
export const CanonicalArea = {
  grief: 'grief',
  dispute: 'dispute',
  transition: 'transition',
  deficits: 'deficits',
} as const;
export type CanonicalArea = (typeof CanonicalArea)[keyof typeof CanonicalArea];
export const canonicalAreas = Object.values(CanonicalArea);

/** Every area any preset offers. Ids follow DOMAIN §3.1 [Inference] (`grief_loss` → `grief-loss`, …). */
export const ProblemArea = {
  grief: 'grief',
  griefLoss: 'grief-loss',
  dispute: 'dispute',
  disputes: 'disputes',
  transition: 'transition',
  lifeChanges: 'life-changes',
  deficits: 'deficits',
  loneliness: 'loneliness',
  lostHealthySelf: 'lost-healthy-self',
  roleInsecurity: 'role-insecurity',
  therapeuticRoleTransition: 'therapeutic-role-transition',
} as const;
export type ProblemArea = (typeof ProblemArea)[keyof typeof ProblemArea];

/** The DOMAIN §3.1 [Inference] presets. */
export const TaxonomyPreset = {
  weissman4: 'weissman4',
  stuart3: 'stuart3',
  who4: 'who4',
  ipsrt5: 'ipsrt5',
  sad: 'sad',
} as const;
export type TaxonomyPreset = (typeof TaxonomyPreset)[keyof typeof TaxonomyPreset];
export const taxonomyPresets = Object.values(TaxonomyPreset);

/** Stuart & Robertson: interpersonal sensitivity is a complicating factor, not a problem area (DOMAIN §3.1 [S7]). */
export const ComplicatingFactor = { interpersonalSensitivity: 'interpersonal-sensitivity' } as const;
export type ComplicatingFactor = (typeof ComplicatingFactor)[keyof typeof ComplicatingFactor];

export interface PresetArea {
  readonly id: ProblemArea;
  /** The clinician's name for the area in this preset. */
  readonly label: string;
  readonly canonical: CanonicalArea;
  /** How the formulation names the area to the patient ("We call this …"), after DOMAIN §4.3's examples. */
  readonly patientPhrase: string;
  /** Offered as an option of the preset rather than one of its core areas. */
  readonly optional?: boolean;
  readonly note?: string;
  readonly source: string;
}

export interface TaxonomyPresetDefinition {
  readonly id: TaxonomyPreset;
  readonly label: string;
  readonly areas: readonly PresetArea[];
  readonly complicatingFactors: readonly ComplicatingFactor[];
  readonly source: string;
}

const grief: PresetArea = {
  id: ProblemArea.grief,
  label: 'Grief',
  canonical: CanonicalArea.grief,
  patientPhrase: 'complicated grief',
  note: 'Weissman school: a death only; other losses are role transitions (DOMAIN §3.1 grief scope, [S50]).',
  source: 'DOMAIN §3.1, §3.3 [S1][S6]',
};
const dispute: PresetArea = {
  id: ProblemArea.dispute,
  label: 'Role dispute',
  canonical: CanonicalArea.dispute,
  patientPhrase: 'a role dispute',
  source: 'DOMAIN §3.1, §3.4 [S1][S6][S14]',
};
const transition: PresetArea = {
  id: ProblemArea.transition,
  label: 'Role transition',
  canonical: CanonicalArea.transition,
  patientPhrase: 'a role transition',
  source: 'DOMAIN §3.1, §3.5 [S1][S6][S47]',
};
const deficits: PresetArea = {
  id: ProblemArea.deficits,
  label: 'Interpersonal deficits / sensitivities',
  canonical: CanonicalArea.deficits,
  // Markowitz calls "deficits" a misleading name [S3]; Law et al. name the focus "interpersonal sensitivities" [S11].
  patientPhrase: 'interpersonal sensitivity',
  note: 'The area of last resort: use it only when no grief, dispute or transition can be found (DOMAIN §3.2, §3.6).',
  source: 'DOMAIN §3.1, §3.6 [S3][S6][S11][S51]',
};

const weissman4: readonly PresetArea[] = [grief, dispute, transition, deficits];

/** The presets, exactly the DOMAIN §3.1 [Inference] list. */
export const taxonomyPresetDefinitions: Readonly<Record<TaxonomyPreset, TaxonomyPresetDefinition>> = {
  weissman4: {
    id: TaxonomyPreset.weissman4,
    label: 'Weissman, Markowitz & Klerman (four areas; also ISIPT and IPTUK)',
    areas: weissman4,
    complicatingFactors: [],
    source: 'DOMAIN §3.1 [S1][S2][S6]',
  },
  stuart3: {
    id: TaxonomyPreset.stuart3,
    label: 'Stuart & Robertson (three areas)',
    areas: [
      {
        id: ProblemArea.griefLoss,
        label: 'Grief and loss',
        canonical: CanonicalArea.grief,
        patientPhrase: 'grief and loss',
        note: 'Wider than a death: the end of a relationship, declining health, infertility, pregnancy loss, disability, anticipatory grief (DOMAIN §3.1 grief scope, [S47]).',
        source: 'DOMAIN §3.1 [S7][S47]',
      },
      { ...dispute, label: 'Interpersonal disputes', source: 'DOMAIN §3.1 [S7]' },
      { ...transition, label: 'Role transitions', source: 'DOMAIN §3.1 [S7]' },
    ],
    complicatingFactors: [ComplicatingFactor.interpersonalSensitivity],
    source: 'DOMAIN §3.1 [S7]',
  },
  who4: {
    id: TaxonomyPreset.who4,
    label: 'WHO Group IPT and Interpersonal Counselling',
    areas: [
      { ...grief, note: undefined, source: 'DOMAIN §3.1 [S16][S22]' },
      {
        ...dispute,
        id: ProblemArea.disputes,
        label: 'Disputes',
        patientPhrase: 'a dispute',
        source: 'DOMAIN §3.1 [S16]',
      },
      {
        ...transition,
        id: ProblemArea.lifeChanges,
        label: 'Life changes',
        patientPhrase: 'a life change',
        source: 'DOMAIN §3.1 [S16]',
      },
      {
        id: ProblemArea.loneliness,
        label: 'Loneliness and social isolation',
        canonical: CanonicalArea.deficits,
        patientPhrase: 'loneliness and isolation',
        source: 'DOMAIN §3.1 [S16][S22]',
      },
    ],
    complicatingFactors: [],
    source: 'DOMAIN §3.1 [S16][S22]',
  },
  ipsrt5: {
    id: TaxonomyPreset.ipsrt5,
    label: 'IPSRT (bipolar; four areas plus grief for the lost healthy self)',
    areas: [
      ...weissman4,
      {
        id: ProblemArea.lostHealthySelf,
        label: 'Grief for the lost healthy self',
        // DOMAIN names no canonical home. [Inference, ours] Weissman-school scope counts a loss of health as a role
        // transition, not grief (DOMAIN §3.1 grief scope, [S50]), so outcomes compare with transitions.
        canonical: CanonicalArea.transition,
        patientPhrase: 'grief for the lost healthy self',
        source: 'DOMAIN §3.1 [S21][S46]',
      },
    ],
    complicatingFactors: [],
    source: 'DOMAIN §3.1 [S21][S46]',
  },
  sad: {
    id: TaxonomyPreset.sad,
    label: 'IPT for social anxiety (deficits reframed as role insecurity)',
    areas: [
      grief,
      dispute,
      transition,
      {
        id: ProblemArea.roleInsecurity,
        label: 'Role insecurity',
        canonical: CanonicalArea.deficits,
        patientPhrase: 'role insecurity',
        source: 'DOMAIN §3.1 [S24]',
      },
      {
        id: ProblemArea.therapeuticRoleTransition,
        label: 'Therapeutic role transition (receiving the diagnosis itself)',
        canonical: CanonicalArea.transition,
        patientPhrase: 'a therapeutic role transition',
        optional: true,
        source: 'DOMAIN §3.1 [S24]',
      },
    ],
    complicatingFactors: [],
    source: 'DOMAIN §3.1 [S24]',
  },
};

/** The area of a preset, or a RuleViolation naming `field` when the preset does not offer it. */
export function presetArea(preset: TaxonomyPreset, area: string, field = 'area'): PresetArea {
  const found = taxonomyPresetDefinitions[preset]?.areas.find((a) => a.id === area);
  if (!found) throw new RuleViolation(`The ${preset} taxonomy has no problem area "${area}".`, field);
  return found;
}

/** The canonical area of any area id (ids mean the same in every preset that offers them). */
export function canonicalAreaOf(area: ProblemArea): CanonicalArea {
  for (const preset of taxonomyPresets) {
    const found = taxonomyPresetDefinitions[preset].areas.find((a) => a.id === area);
    if (found) return found.canonical;
  }
  throw new RuleViolation(`Unknown problem area "${String(area)}".`, 'area');
}

/** Any preset's definition of an area id (the first preset that offers it, in preset order). */
export function areaDefinition(area: ProblemArea): PresetArea {
  for (const preset of taxonomyPresets) {
    const found = taxonomyPresetDefinitions[preset].areas.find((a) => a.id === area);
    if (found) return found;
  }
  throw new RuleViolation(`Unknown problem area "${String(area)}".`, 'area');
}

/** The preset's main (non-optional) area for a canonical area, or null (Stuart has no deficits area, DOMAIN §3.1). */
export function presetAreaFor(preset: TaxonomyPreset, canonical: CanonicalArea): PresetArea | null {
  return taxonomyPresetDefinitions[preset].areas.find((a) => a.canonical === canonical && !a.optional) ?? null;
}

/**
 * The taxonomy a course of a phase-length school starts with: the four areas for Weissman/Markowitz and IPTUK,
 * three for Stuart (DOMAIN §3.1 first row [S1][S2][S6]; Stuart & Robertson [S7]). The clinician may change it.
 */
export function defaultTaxonomyFor(school: SchoolPreset): TaxonomyPreset {
  switch (school) {
    case SchoolPreset.weissmanMarkowitz:
    case SchoolPreset.iptuk:
      return TaxonomyPreset.weissman4;
    case SchoolPreset.stuart:
      return TaxonomyPreset.stuart3;
  }
}

/** Role-dispute stages (DOMAIN §3.4 [S14][S47][S52]). */
export const DisputeStage = { renegotiation: 'renegotiation', impasse: 'impasse', dissolution: 'dissolution' } as const;
export type DisputeStage = (typeof DisputeStage)[keyof typeof DisputeStage];
export const disputeStages = Object.values(DisputeStage);

/** How to recognise each stage and what the therapist aims for, paraphrasing the DOMAIN §3.4 table. */
export const disputeStageGuide: Readonly<
  Record<DisputeStage, { readonly label: string; readonly recognise: string; readonly aim: string }>
> = {
  renegotiation: {
    label: 'Renegotiation',
    recognise: 'Both people know they differ and are still trying, so far without success, to change things.',
    aim: 'Calm things down and improve how they talk, so that they can reach a resolution.',
  },
  impasse: {
    label: 'Impasse',
    recognise: 'The talking has stopped; resentment smoulders in a kind of cold war.',
    aim: 'Bring the disagreement back into the open so negotiation can start again (which may stir things up for a while), or consider ending the relationship.',
  },
  dissolution: {
    label: 'Dissolution',
    recognise: 'The relationship is broken beyond repair; one or both want it to end.',
    aim: 'Help the patient accept the ending, mourn the relationship as one mourns a loss, and move on.',
  },
};

export function isDisputeArea(area: ProblemArea): boolean {
  return canonicalAreaOf(area) === CanonicalArea.dispute;
}
