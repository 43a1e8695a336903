/**
 * The server's window on the instrument registry in core: definitions for forms (with an organisation's licensed
 * wording applied), scoring, interpretation and FHIR. The only file that knows the registry's shape.
 */
import { readTextPack } from '../db/repositories/json-columns.js';
import type { Administration, InstrumentDefinition, InstrumentTextPack } from '@ipt/contract';
import {
  getInstrument,
  type Instrument,
  type Item,
  instruments,
  isInstrumentId,
  readChange,
  RuleViolation,
  scoreAdministration,
  validateAnswers,
} from '@ipt/core';
import { toObservations, toQuestionnaire, toQuestionnaireResponse } from '@ipt/fhir';

export function isKnownInstrument(id: string): boolean {
  return isInstrumentId(id);
}

function instrument(id: string): Instrument {
  if (!isInstrumentId(id)) throw new RuleViolation(`Unknown instrument "${id}".`, 'instrumentId');
  return getInstrument(id);
}

export const versionOf = (id: string) => instrument(id).version;
/** The instrument's short name ("PHQ-9"), or the id itself for an instrument this build does not know. */
export const shortNameOf = (id: string) => (isInstrumentId(id) ? getInstrument(id).shortName : id);
export const rater = (id: string) => instrument(id).rater;

function maxTotal(i: Instrument): number {
  return i.scoring.max;
}

/** The form definition: licensed wording where we ship it or the organisation loaded it, neutral labels otherwise. */
export function definition(id: string, packRow?: { packJson: string }): InstrumentDefinition {
  const i = instrument(id);
  const pack = packRow ? readTextPack(packRow.packJson) : undefined;
  return {
    id: i.id,
    version: i.version,
    name: i.name,
    shortName: i.shortName,
    rater: i.rater,
    timeFrame: pack?.timeFrame ?? i.timeFrame ?? null,
    items: i.items.map((item) => {
      const packed = pack?.items.find((p) => p.id === item.id);
      const text = packed?.text ?? item.text;
      return {
        id: item.id,
        number: item.number,
        label: text ?? item.neutralLabel,
        wordingIncluded: text !== null,
        options: item.options.map((o) => ({
          position: o.position,
          label: packed?.options[o.position] ?? o.label ?? o.neutralLabel,
        })),
        scored: item.scored,
        required: item.required ?? false,
      };
    }),
    bands: i.bands.map((b) => ({ min: b.min, max: b.max, label: b.label })),
    maxTotal: maxTotal(i),
    citation: i.citation,
    licence: { wordingIncluded: i.licence.wordingIncluded, note: i.licence.note, textPackLoaded: pack !== undefined },
  };
}

export function definitions(packs: readonly { instrumentId: string; packJson: string }[]): InstrumentDefinition[] {
  return instruments.map((i) =>
    definition(
      i.id,
      packs.find((p) => p.instrumentId === i.id),
    ),
  );
}

/** A text pack must match the instrument's items and option counts exactly. */
export function assertTextPackFits(pack: InstrumentTextPack): void {
  const i = instrument(pack.instrumentId);
  if (pack.instrumentVersion !== i.version) {
    throw new RuleViolation(
      `The pack is for version ${pack.instrumentVersion}; this instrument is version ${i.version}.`,
      'instrumentVersion',
    );
  }
  for (const [n, p] of pack.items.entries()) {
    const item = i.items.find((it) => it.id === p.id);
    if (!item) throw new RuleViolation(`The instrument has no item "${p.id}".`, `items.${n}.id`);
    if (p.options.length !== item.options.length) {
      throw new RuleViolation(
        `Item "${p.id}" has ${item.options.length} options; the pack gives ${p.options.length}.`,
        `items.${n}.options`,
      );
    }
  }
  if (new Set(pack.items.map((p) => p.id)).size !== pack.items.length) {
    throw new RuleViolation('The pack names an item twice.', 'items');
  }
}

export interface Scored {
  readonly scorable: boolean;
  readonly total: number | null;
  readonly band: string | null;
  readonly flags: { item: number | string; code: string; label: string; answerLabel: string; weight: number }[];
  readonly reason: string | null;
  readonly scorerVersion: string;
}

/**
 * The answer a flag shows: the option's wording where we may show it; where the wording is not licensed to us (EPDS),
 * the item's score out of its maximum ("scored 2 of 3"), never an option position ("Option 2") that reads like a score;
 * "not asked" for a risk item left unanswered.
 */
function answerWords(option: Item['options'][number] | undefined, item: Item | undefined): string {
  if (option === undefined) return 'Not asked: no answer was given';
  if (option.label !== null && option.label !== undefined) return option.label;
  const max = Math.max(...(item?.options.map((o) => o.weight ?? 0) ?? [0]));
  return option.weight === null || option.weight === undefined
    ? option.neutralLabel
    : `scored ${option.weight} of ${max}`;
}

/** Scores answers (option positions), refusing malformed ones with the item named. */
export function score(id: string, answers: readonly (number | null)[]): Scored {
  const i = instrument(id);
  const problems = validateAnswers(i, answers);
  if (problems.length > 0) {
    const first = problems[0];
    throw new RuleViolation(first?.message ?? 'The answers do not fit this instrument.', first?.field ?? 'answers');
  }
  const r = scoreAdministration(i, answers);
  return {
    scorable: r.scorable,
    total: r.total,
    band: r.band?.label ?? null,
    flags: r.flags.map((f) => {
      const item = i.items.find((it) => String(it.number) === String(f.item));
      const position = item ? answers[i.items.indexOf(item)] : null;
      const option = item?.options.find((o) => o.position === position);
      return {
        item: f.item,
        code: f.code,
        label: f.label,
        answerLabel: answerWords(option, item),
        weight: option?.weight ?? 0,
      };
    }),
    reason: r.reason ?? null,
    scorerVersion: r.scorerVersion,
  };
}

export function chartFacts(id: string) {
  const i = instrument(id);
  return {
    shortName: i.shortName,
    maxTotal: maxTotal(i),
    bands: i.bands.map((b) => ({ min: b.min, max: b.max, label: b.label })),
  };
}

/**
 * The chart's interpretation: core's one reading of change (`readChange`, DOMAIN §9.9 with ERRATA Must-fix 9) from
 * the course baseline (the first scorable administration), by the day each was answered.
 */
export function interpret(id: string, administrations: readonly Administration[]) {
  const r = readChange(
    instrument(id),
    administrations.flatMap((a) =>
      a.scorable && a.total !== null ? [{ date: a.answeredAt.slice(0, 10), total: a.total }] : [],
    ),
  );
  const two = r.change !== null;
  return {
    baseline: r.baseline?.total ?? null,
    latest: r.latest?.total ?? null,
    response: two ? r.response.met : null,
    remission: two ? r.remission.met : null,
    reliableImprovement: r.reliableImprovement.met,
    reliableDeterioration: r.reliableDeterioration.met,
    iaptRecovery: r.iaptRecovery.met,
    sustainedRecovery: two ? r.sustainedRecovery.met : null,
    belowCutOff: r.belowCutOff.met,
    outcome: r.outcome,
    improved: r.improved,
    verdict: r.verdict,
    sentence: r.sentence,
  };
}

export function fhirQuestionnaire(id: string) {
  return toQuestionnaire(instrument(id));
}

export function fhirBundle(a: Administration, patientId: string) {
  const i = instrument(a.instrumentId);
  const refs = {
    subject: `Patient/${patientId}`,
    ...(a.sessionId && { encounter: `Encounter/${a.sessionId}` }),
    effectiveDateTime: a.answeredAt,
  };
  const response = toQuestionnaireResponse(i, a, refs);
  const observations = toObservations(i, a, refs);
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [response, ...observations].map((resource) => ({ resource })),
  };
}
