/**
 * Scoring an administration from option positions. Never throws for any input: anything invalid gives
 * `scorable: false` with the precise validation errors. Item flags are raised from every individually valid answer,
 * whatever the total, and even when there is no total (DOMAIN §10.2; ERRATA Must-fix 1).
 */
import { type Answers, type AnswerError, validateAnswers } from './answers.js';
import type { Band, FlagKind, Instrument, Item, ItemFlagRule } from './instrument.js';

/** Bump when the scoring algorithm changes; stored beside every total. */
export const scorerVersion = '1.0.0';

export interface RaisedFlag {
  readonly item: number | string;
  readonly code: string;
  readonly kind: FlagKind;
  readonly label: string;
  /** The item's weight that raised the flag; 0 when the item was not answered (`answered: false`). */
  readonly weight: number;
  /** False for a "not asked" flag: the risk item has no answer, which is never read as "no risk". */
  readonly answered: boolean;
  /** A flag needing a same-day review (ItemFlagRule.sameDay). */
  readonly sameDay: boolean;
  readonly source: string;
}

export interface ImputedItem {
  readonly item: number | string;
  /** The value imputed: the mean of the answered scored items, unrounded. */
  readonly value: number;
}

export const NotScorableReason = {
  invalidAnswers: 'invalid-answers',
  requiredItemMissing: 'required-item-missing',
  missingItems: 'missing-items',
  tooManyMissing: 'too-many-missing',
} as const;
export type NotScorableReason = (typeof NotScorableReason)[keyof typeof NotScorableReason];

export interface ScoreResult {
  readonly instrumentId: Instrument['id'];
  readonly instrumentVersion: string;
  readonly scorerVersion: string;
  readonly scorable: boolean;
  /** The reported total (WHO-5: the percentage); a whole number; null when not scorable. */
  readonly total: number | null;
  /** The sum of the item weights before any multiplier (WHO-5 raw 0–25); null when not scorable. */
  readonly rawTotal: number | null;
  /** The highest total possible for this administration (WSAS 32 when the work item is not applicable). */
  readonly maxTotal: number | null;
  readonly band: Band | null;
  readonly flags: readonly RaisedFlag[];
  readonly imputedItems: readonly ImputedItem[];
  /** Items answered with an option that is not scored (HAM-D 16 "not assessed", WSAS work item not applicable). */
  readonly notScoredItems: readonly (number | string)[];
  readonly missingItems: readonly (number | string)[];
  readonly errors: readonly AnswerError[];
  readonly reasonCode?: NotScorableReason;
  readonly reason?: string;
}

export interface ScoreOptions {
  /** Another band set (e.g. `hamd17.alternativeBands.consensus`); default `instrument.bands`. */
  readonly bands?: readonly Band[];
}

function flagApplies(rule: ItemFlagRule, weight: number): boolean {
  return (
    (rule.when.minWeight === undefined || weight >= rule.when.minWeight) &&
    (rule.when.maxWeight === undefined || weight <= rule.when.maxWeight)
  );
}

/** The band a total falls in: the last whose lower bound it reaches, if within that band's upper bound. */
export function bandFor(bands: readonly Band[], total: number): Band | null {
  const band = bands.filter((b) => b.min <= total).at(-1);
  return band !== undefined && total <= band.max ? band : null;
}

/** Half up, as "rounded to the nearest integer" (CMS MDS PHQ-9 total; see phq-9.ts). Epsilon guards 4.4999…. */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

interface Counted {
  readonly item: Item;
  readonly weight: number | null;
  readonly answered: boolean;
}

/** The scored items that count, with alternative groups (HAM-D 16A/16B) folded into whichever was answered. */
function countedItems(instrument: Instrument, answers: Answers): Counted[] {
  const counted: Counted[] = [];
  const seenGroups = new Set<string>();
  instrument.items.forEach((item, i) => {
    if (!item.scored) return;
    const group = item.alternativeGroup;
    if (group !== undefined) {
      if (seenGroups.has(group)) return;
      seenGroups.add(group);
      const members = instrument.items.map((it, j) => ({ it, j })).filter(({ it }) => it.alternativeGroup === group);
      const chosen = members.find(({ j }) => answers[j] !== null && answers[j] !== undefined);
      if (chosen === undefined) {
        counted.push({ item: { ...item, number: group }, weight: null, answered: false });
        return;
      }
      const weight = chosen.it.options[answers[chosen.j] as number]?.weight ?? null;
      counted.push({ item: chosen.it, weight, answered: true });
      return;
    }
    const a = answers[i];
    const answered = a !== null && a !== undefined;
    counted.push({ item, weight: answered ? (item.options[a]?.weight ?? null) : null, answered });
  });
  return counted;
}

export function scoreAdministration(instrument: Instrument, answers: Answers, options: ScoreOptions = {}): ScoreResult {
  const errors = validateAnswers(instrument, answers);
  const aligned = Array.isArray(answers) && !errors.some((e) => e.code === 'wrong-length');
  const base = {
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    scorerVersion,
    flags: aligned ? raiseFlags(instrument, answers, errors) : [],
    errors,
  };
  const none = { scorable: false, total: null, rawTotal: null, maxTotal: null, band: null } as const;
  if (errors.length > 0) {
    return {
      ...base,
      ...none,
      imputedItems: [],
      notScoredItems: [],
      missingItems: [],
      reasonCode: 'invalid-answers',
      reason: errors.map((e) => e.message).join(' '),
    };
  }

  const counted = countedItems(instrument, answers);
  const notScoredItems = counted.filter((c) => c.answered && c.weight === null).map((c) => c.item.number);
  const missing = counted.filter((c) => !c.answered);
  const missingItems = missing.map((c) => c.item.number);
  const lists = { notScoredItems, missingItems };
  const notScorable = (reasonCode: NotScorableReason, reason: string): ScoreResult => ({
    ...base,
    ...none,
    ...lists,
    imputedItems: [],
    reasonCode,
    reason,
  });

  const requiredMissing = missing.filter((c) => c.item.required);
  if (requiredMissing.length > 0) {
    const names = requiredMissing.map((c) => c.item.number).join(', ');
    return notScorable('required-item-missing', `Item ${names} is required and is never imputed: it was not answered.`);
  }
  const rule = instrument.scoring.missing;
  if (missing.length > 0 && rule.kind === 'none') {
    return notScorable(
      'missing-items',
      `Items ${missingItems.join(', ')} not answered; ${instrument.shortName} has no published rule for missing items.`,
    );
  }
  if (rule.kind === 'prorate' && missing.length > rule.maxMissing) {
    return notScorable(
      'too-many-missing',
      `${missing.length} items not answered (${missingItems.join(', ')}); at most ${rule.maxMissing} may be prorated.`,
    );
  }

  const scoredWeights = counted.flatMap((c) => (c.weight === null ? [] : [c.weight]));
  const sum = scoredWeights.reduce((a, b) => a + b, 0);
  const mean = scoredWeights.length > 0 ? sum / scoredWeights.length : 0;
  const imputedItems = missing.map((c) => ({ item: c.item.number, value: mean }));
  const rawTotal = missing.length > 0 ? roundHalfUp(sum + mean * missing.length) : sum;
  const total = rawTotal * instrument.scoring.multiplier;
  const maxRaw = counted
    .filter((c) => !(c.answered && c.weight === null))
    .reduce((acc, c) => acc + Math.max(0, ...c.item.options.map((o) => o.weight ?? 0)), 0);
  return {
    ...base,
    ...lists,
    scorable: true,
    total,
    rawTotal,
    maxTotal: maxRaw * instrument.scoring.multiplier,
    band: bandFor(options.bands ?? instrument.bands, total),
    imputedItems,
  };
}

/** Flags from each answer that is itself valid, so one bad cell elsewhere cannot hide a risk flag. */
function raiseFlags(instrument: Instrument, answers: Answers, errors: readonly AnswerError[]): RaisedFlag[] {
  const bad = new Set(errors.flatMap((e) => (e.index === undefined ? [] : [e.index])));
  return instrument.items.flatMap((item, i): RaisedFlag[] => {
    const a = answers[i];
    if ((a === null || a === undefined) && item.notAskedFlag !== undefined) {
      const rule = item.notAskedFlag;
      return [
        {
          item: item.number,
          code: rule.code,
          kind: 'risk',
          label: rule.label,
          weight: 0,
          answered: false,
          sameDay: false,
          source: rule.source,
        },
      ];
    }
    if (!item.flags || a === null || a === undefined || bad.has(i)) return [];
    const weight = item.options[a]?.weight;
    if (weight === null || weight === undefined) return [];
    return item.flags
      .filter((rule) => flagApplies(rule, weight))
      .map((rule) => ({
        item: item.number,
        code: rule.code,
        kind: rule.kind,
        label: rule.label,
        weight,
        answered: true,
        sameDay: rule.sameDay === true,
        source: rule.source,
      }));
  });
}
