/**
 * Advisory problem-area hints computed from the timeline and the inventory: never automatic, always with the
 * evidence that fired them. The focus is negotiated with and agreed by the patient (DOMAIN §3.2 [S2][S3]), and a
 * choice against the hints is normal. The four rules are DOMAIN §3.2's [Inference] rule-engine hints.
 *
 * A death is a death in the timeline whoever died, a pet included: the hint asks the clinician to consider grief,
 * it does not decide it. Grief is indicated by the death of "someone close" (DOMAIN §3.3 [S1]); whether an animal
 * companion is that is the clinician's judgement, and the seed case (Law et al. 2022 [S11]) considered grief after
 * the death of the patient's dog before choosing interpersonal sensitivities. Non-death losses are not grief here
 * (Weissman scope, DOMAIN §3.1 [S50]); they reach the transition rule as health, relationship or work changes.
 *
 * Bad input: the input is read by `readHintInput`, so an empty or contradictory record yields no hint and nothing
 * here throws.
 */
import { midpointDay, type TimelineDate } from './approx-date.js';
import type { CirclePlacement } from './circle.js';
import { type HintFacts, readHintInput, SparseCircle } from './hint-input.js';
import { ExpectationsMet, type InventoryEntry } from './inventory.js';
import { CanonicalArea, type ProblemArea, presetAreaFor, type TaxonomyPreset } from './problem-areas.js';
import { type EventProximity, isNearOnset, type LifeEvent, LifeEventCategory, proximalEvents } from './timeline.js';

export { SparseCircle } from './hint-input.js';

export const HintRule = {
  deathNearOnset: 'death-near-onset',
  conflictNonReciprocal: 'conflict-with-non-reciprocal-expectations',
  roleChangeNearOnset: 'role-change-near-onset',
  sparseCircle: 'sparse-circle-no-other-area',
} as const;
export type HintRule = (typeof HintRule)[keyof typeof HintRule];

export type HintEvidence =
  | {
      readonly kind: 'event';
      readonly eventId: string;
      readonly category: LifeEventCategory;
      readonly personId: string | null;
      readonly daysFromOnset: number;
      readonly approximate: boolean;
      readonly summary: string;
    }
  | {
      readonly kind: 'person';
      readonly personId: string;
      /** The inventory fields that fired the rule: "deceased", "dateOfDeath", "conflict.present", "expectations.met". */
      readonly fields: readonly string[];
      readonly summary: string;
    }
  | {
      readonly kind: 'circle';
      /** Living people in the two inner rings, and the most that still counts as sparse. */
      readonly closePeople: number;
      readonly sparseMaxClose: number;
      readonly from: 'circle' | 'inventory';
      readonly summary: string;
    };

export const HintWarning = {
  /** Deficits only when no other area can be found; careful assessment may uncover a hidden grief or dispute [S6][S51]. */
  excludeOtherAreasFirst: 'exclude-other-areas-first',
  /** Withdrawal caused by the depression is not deficits; prior functioning tells them apart [S51]. */
  withdrawalMayBeDepression: 'withdrawal-may-be-depression',
  /** The course's taxonomy has no such area (Stuart: sensitivity is a complicating factor [S7]). */
  noAreaInPreset: 'no-area-in-preset',
} as const;
export type HintWarning = (typeof HintWarning)[keyof typeof HintWarning];

export interface ProblemAreaHint {
  readonly rule: HintRule;
  readonly area: CanonicalArea;
  /** The course taxonomy's area for it, or null when the taxonomy has none. */
  readonly presetArea: ProblemArea | null;
  /** One plain sentence: why the hint fired. The evidence says by what. */
  readonly why: string;
  readonly evidence: readonly HintEvidence[];
  readonly warnings: readonly { readonly id: HintWarning; readonly text: string }[];
  readonly source: string;
}

export interface HintInput {
  /** Onset of the current episode. */
  readonly onset: TimelineDate | null | undefined;
  readonly events: readonly LifeEvent[];
  readonly inventory: readonly InventoryEntry[];
  /** The circle's placements, when drawn; otherwise the inventory's closeness rings are read. */
  readonly circle?: readonly CirclePlacement[] | null;
  /** The course's taxonomy, to name each hint's area in it (default weissman4). */
  readonly preset?: TaxonomyPreset;
  /** ± months around onset (DOMAIN §2.4, default 3). */
  readonly windowMonths?: number;
  /** See `SparseCircle`. */
  readonly sparseMaxClose?: number;
}

/** Role or status changes (DOMAIN §3.5 [S1][S47]: employment, relationship status, health, living place, childbirth). */
export const roleChangeCategories: readonly LifeEventCategory[] = [
  LifeEventCategory.transition,
  LifeEventCategory.work,
  LifeEventCategory.move,
  LifeEventCategory.birth,
  LifeEventCategory.health,
];

type Draft = Pick<ProblemAreaHint, 'rule' | 'area' | 'why' | 'evidence' | 'source'>;

function whenFromOnset(days: number, approximate: boolean): string {
  const about = approximate ? 'about ' : '';
  const side = days < 0 ? 'before' : 'after';
  const n = Math.abs(days);
  if (n < 15) return approximate ? 'around the onset' : n === 0 ? 'at the onset' : `${n} days ${side} the onset`;
  if (n < 60) return `${about}${Math.round(n / 7)} weeks ${side} the onset`;
  const months = Math.round(n / 30.44);
  return `${about}${months} month${months === 1 ? '' : 's'} ${side} the onset`;
}

const quoted = (s: string) => `“${s}”`;
const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`;

function eventEvidence(p: EventProximity, facts: HintFacts): HintEvidence {
  const person = facts.people.find((x) => x.id === p.event.personId)?.name;
  const what = p.event.description === '' ? `A ${p.event.category} event` : quoted(p.event.description);
  return {
    kind: 'event',
    eventId: p.event.id,
    category: p.event.category,
    personId: p.event.personId ?? null,
    daysFromOnset: p.daysFromOnset,
    approximate: p.approximate,
    summary: `${what}${person ? ` (${person})` : ''}, ${whenFromOnset(p.daysFromOnset, p.approximate)}.`,
  };
}

/** Grief: a death in the timeline near onset (DOMAIN §3.2 [Inference]; §3.3 [S1]); a dated death in the inventory counts too. */
function griefRule(facts: HintFacts, near: readonly EventProximity[], onset: TimelineDate): Draft | null {
  const deaths = near.filter((p) => p.event.category === LifeEventCategory.death);
  const evidence = deaths.map((p) => eventEvidence(p, facts));
  for (const person of facts.people) {
    const died = person.dateOfDeath;
    if (died === null || deaths.some((p) => p.event.personId === person.id)) continue;
    if (!isNearOnset(died, onset, facts.windowMonths)) continue;
    const approximate = typeof died !== 'string' || typeof onset !== 'string';
    const when = whenFromOnset(midpointDay(died) - midpointDay(onset), approximate);
    evidence.push({
      kind: 'person',
      personId: person.id,
      fields: ['deceased', 'dateOfDeath'],
      summary: `${person.name} died ${when}.`,
    });
  }
  if (evidence.length === 0) return null;
  const why = `A death is recorded within ${months(facts.windowMonths)} of the onset.`;
  return {
    rule: HintRule.deathNearOnset,
    area: CanonicalArea.grief,
    why,
    evidence,
    source: 'DOMAIN §3.2 [Inference]; §3.3 [S1]',
  };
}

/**
 * Dispute: a living person with conflict recorded and expectations not met or only partly met, i.e. non-reciprocal
 * (DOMAIN §3.2 [Inference]; §3.4 definition [S1][S14]). Onset is not required: a dispute may maintain the episode
 * (DOMAIN §3.2 [S1]). A dispute event near onset with the same person is added as supporting evidence.
 */
function disputeRule(facts: HintFacts, near: readonly EventProximity[]): Draft | null {
  const evidence: HintEvidence[] = [];
  for (const person of facts.people) {
    if (person.deceased || !person.conflict) continue;
    if (person.met !== ExpectationsMet.no && person.met !== ExpectationsMet.partly) continue;
    const expects = [
      person.patientExpects && `the patient expects ${quoted(person.patientExpects)}`,
      person.otherExpects && `${person.name} expects ${quoted(person.otherExpects)}`,
    ].filter((s) => s !== '');
    const met = person.met === ExpectationsMet.no ? 'not met' : 'only partly met';
    evidence.push({
      kind: 'person',
      personId: person.id,
      fields: ['conflict.present', 'expectations.met'],
      summary: `Conflict with ${person.name}; expectations ${met}${expects.length > 0 ? `: ${expects.join('; ')}` : ''}.`,
    });
    for (const p of near) {
      if (p.event.category === LifeEventCategory.dispute && p.event.personId === person.id) {
        evidence.push(eventEvidence(p, facts));
      }
    }
  }
  if (evidence.length === 0) return null;
  const why = 'A relationship has conflict, and the two people expect different things of each other.';
  return {
    rule: HintRule.conflictNonReciprocal,
    area: CanonicalArea.dispute,
    why,
    evidence,
    source: 'DOMAIN §3.2 [Inference]; §3.4 [S1][S14]',
  };
}

/** Transition: a change of role or circumstances near onset (DOMAIN §3.2 [Inference]; §3.5 [S1][S47]). */
function transitionRule(facts: HintFacts, near: readonly EventProximity[]): Draft | null {
  const evidence = near
    .filter((p) => roleChangeCategories.includes(p.event.category))
    .map((p) => eventEvidence(p, facts));
  if (evidence.length === 0) return null;
  const why = `A change of role or circumstances is recorded within ${months(facts.windowMonths)} of the onset.`;
  return {
    rule: HintRule.roleChangeNearOnset,
    area: CanonicalArea.transition,
    why,
    evidence,
    source: 'DOMAIN §3.2 [Inference]; §3.5 [S1][S47]',
  };
}

/**
 * Deficits / sensitivities / loneliness: none of the other rules fired and the circle is sparse (DOMAIN §3.2
 * [Inference]; §3.6 [S6][S51]). It needs an onset (so events near it were looked for) and an inventory: an empty
 * inventory means "not taken yet", not "no one".
 */
function sparseRule(facts: HintFacts): Draft | null {
  if (facts.onset === null || facts.people.length === 0) return null;
  const dead = new Set(facts.people.filter((p) => p.deceased).map((p) => p.id));
  const fromCircle = facts.placements.length > 0;
  const inner = (ring: number | null) => ring !== null && ring <= SparseCircle.closeRings;
  const ids = fromCircle
    ? facts.placements.filter((p) => inner(p.ring)).map((p) => p.personId)
    : facts.people.filter((p) => inner(p.ring)).map((p) => p.id);
  const close = new Set(ids.filter((id) => !dead.has(id))).size;
  if (close > facts.sparseMaxClose) return null;
  const who = close === 0 ? 'No living person' : close === 1 ? 'One living person' : `${close} living people`;
  const source = fromCircle ? 'circle' : 'inventory';
  return {
    rule: HintRule.sparseCircle,
    area: CanonicalArea.deficits,
    why: 'No death, dispute or role change was found near the onset, and the circle is sparse.',
    evidence: [
      {
        kind: 'circle',
        closePeople: close,
        sparseMaxClose: facts.sparseMaxClose,
        from: source,
        summary: `${who} in the two inner rings of the ${source}.`,
      },
    ],
    source: 'DOMAIN §3.2 [Inference]; §3.6 [S6][S51]',
  };
}

const deficitWarnings = [
  {
    id: HintWarning.excludeOtherAreasFirst,
    text: 'Use this area only when no other can be found: look again for a hidden grief or dispute first.',
  },
  {
    id: HintWarning.withdrawalMayBeDepression,
    text: 'Withdrawal caused by the depression is not a deficit: ask how the patient got on with people before this episode.',
  },
] as const;

const noAreaWarning = {
  id: HintWarning.noAreaInPreset,
  text: 'This taxonomy has no such area: it treats interpersonal sensitivity as a complicating factor within grief, dispute or transition.',
} as const;

/** The hints, in the DOMAIN §3.1 order of areas (grief, dispute, transition, deficits). Never throws. */
export function problemAreaHints(input: HintInput): ProblemAreaHint[] {
  const facts = readHintInput(input);
  const onset = facts.onset;
  const near = onset === null ? [] : proximalEvents(facts.events, onset, facts.windowMonths).filter((p) => p.proximal);
  const drafts = [
    onset === null ? null : griefRule(facts, near, onset),
    disputeRule(facts, near),
    transitionRule(facts, near),
  ].filter((d) => d !== null);
  if (drafts.length === 0) {
    const sparse = sparseRule(facts);
    if (sparse) drafts.push(sparse);
  }
  return drafts.map((d) => {
    const presetArea = presetAreaFor(facts.preset, d.area)?.id ?? null;
    const warnings: { id: HintWarning; text: string }[] = d.area === CanonicalArea.deficits ? [...deficitWarnings] : [];
    if (presetArea === null) warnings.push(noAreaWarning);
    return { ...d, presetArea, warnings };
  });
}
