/**
 * An administration as a FHIR R4 QuestionnaireResponse (https://hl7.org/fhir/R4/questionnaireresponse.html) and its
 * Observations (https://hl7.org/fhir/R4/observation.html): one for the total, LOINC-coded where core carries a verified
 * code, and one for each flagged item. Pure: references, ids and times are passed in.
 */
import { assertValidAnswers, type Instrument } from '@ipt/core';
import { itemText, measureSystem, optionCoding, questionnaireUrl } from './questionnaire.js';

export interface MeasureRefs {
  /** e.g. "Patient/123" */
  readonly subject: string;
  /** e.g. "Encounter/456", when the administration belongs to a session. */
  readonly encounter?: string;
  /** When the questionnaire was answered: QuestionnaireResponse.authored and Observation.effectiveDateTime. */
  readonly effectiveDateTime: string;
}

/** What FHIR needs of an administration; core's ScoreResult plus the answers fits, and so does a stored one. */
export interface AdministrationForFhir {
  /** Used to derive resource ids ("<id>", "<id>-total", "<id>-item-9") and the derivedFrom reference. */
  readonly id?: string;
  readonly answers: readonly (number | null)[];
  readonly scorable: boolean;
  readonly total: number | null;
  readonly band?: string | { readonly label: string } | null;
  readonly flags: readonly { readonly item: number | string; readonly code: string; readonly label: string }[];
  readonly imputedItems?: readonly { readonly item: number | string }[];
}

const surveyCategory = [
  {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' },
    ],
  },
];

function references(refs: MeasureRefs) {
  return {
    subject: { reference: refs.subject },
    ...(refs.encounter !== undefined && { encounter: { reference: refs.encounter } }),
  };
}

/** The answered items, each with the coding of the chosen option. Throws InvalidAnswers (from core) on bad answers. */
export function toQuestionnaireResponse(
  instrument: Instrument,
  administration: Pick<AdministrationForFhir, 'id' | 'answers'>,
  refs: MeasureRefs,
) {
  const { answers } = administration;
  assertValidAnswers(instrument, answers);
  return {
    resourceType: 'QuestionnaireResponse' as const,
    ...(administration.id !== undefined && { id: administration.id }),
    questionnaire: `${questionnaireUrl(instrument)}|${instrument.version}`,
    status: 'completed' as const,
    ...references(refs),
    authored: refs.effectiveDateTime,
    item: instrument.items.flatMap((item, i) => {
      const option = item.options[answers[i] ?? -1];
      if (option === undefined) return [];
      return [{ linkId: item.id, text: itemText(item), answer: [{ valueCoding: optionCoding(instrument, option) }] }];
    }),
  };
}

function bandLabel(band: AdministrationForFhir['band']): string | null {
  if (band === undefined || band === null) return null;
  return typeof band === 'string' ? band : band.label;
}

/**
 * The total (only when scorable) and one Observation per flagged item, whose value is the item's weight. Flags are
 * emitted even when the total is not scorable: a risk flag never waits for a total.
 */
export function toObservations(instrument: Instrument, administration: AdministrationForFhir, refs: MeasureRefs) {
  const common = {
    resourceType: 'Observation' as const,
    status: 'final' as const,
    category: surveyCategory,
    ...references(refs),
    effectiveDateTime: refs.effectiveDateTime,
    ...(administration.id !== undefined && {
      derivedFrom: [{ reference: `QuestionnaireResponse/${administration.id}` }],
    }),
  };
  const idFor = (suffix: string) => (administration.id !== undefined ? { id: `${administration.id}-${suffix}` } : {});
  const observations = [];

  if (administration.scorable && administration.total !== null) {
    const band = bandLabel(administration.band);
    const imputed = administration.imputedItems ?? [];
    const totalName = instrument.scoring.unit === '%' ? 'percentage score' : 'total score';
    observations.push({
      ...common,
      ...idFor('total'),
      code: {
        coding: [
          instrument.loinc?.total ?? {
            system: measureSystem,
            code: `${instrument.id}/total`,
            display: `${instrument.shortName} ${totalName}`,
          },
        ],
        text: `${instrument.shortName} ${totalName}`,
      },
      valueInteger: administration.total,
      ...(band !== null && { interpretation: [{ text: band }] }),
      ...(imputed.length > 0 && {
        note: [
          { text: `Prorated: item ${imputed.map((m) => m.item).join(', ')} imputed from the mean of the others.` },
        ],
      }),
    });
  }

  const flaggedItems = [...new Set(administration.flags.map((f) => String(f.item)))];
  for (const number of flaggedItems) {
    const index = instrument.items.findIndex((item) => String(item.number) === number);
    const item = instrument.items[index];
    const weight = item?.options[administration.answers[index] ?? -1]?.weight;
    if (item === undefined || weight === null || weight === undefined) continue;
    observations.push({
      ...common,
      ...idFor(`item-${number}`),
      code: {
        coding: [
          item.loinc ?? {
            system: measureSystem,
            code: item.id,
            display: `${instrument.shortName} ${item.neutralLabel}`,
          },
        ],
        text: `${instrument.shortName} ${item.neutralLabel}`,
      },
      valueInteger: weight,
      interpretation: administration.flags.filter((f) => String(f.item) === number).map((f) => ({ text: f.label })),
    });
  }
  return observations;
}
