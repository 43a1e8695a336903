/**
 * An instrument as a FHIR R4 Questionnaire (https://hl7.org/fhir/R4/questionnaire.html), built from the registry
 * entry in core. LOINC codes appear only where core carries them (verified per shared/ipt/ERRATA.md); item and option
 * text falls back to neutral labels where the wording is not licensed (EPDS, WSAS). Pure.
 */
import type { AnswerOption, Coding, Instrument, Item } from '@ipt/core';

/** Our own code systems, for what has no verified LOINC code. */
export const measureSystem = 'urn:ipt-workbench:measure';
export const ordinalValueUrl = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

export function questionnaireUrl(instrument: Instrument): string {
  return `urn:ipt-workbench:questionnaire:${instrument.id}`;
}

/** Codes for an item's options: per instrument and item, the option's position. */
export function optionSystem(instrument: Instrument): string {
  return `urn:ipt-workbench:questionnaire:${instrument.id}:option`;
}

/** The coding recorded for an option: its LOINC answer code where verified, else our position code. */
export function optionCoding(instrument: Instrument, option: AnswerOption): Coding {
  return option.loinc ?? { system: optionSystem(instrument), code: String(option.position), display: display(option) };
}

function display(option: AnswerOption): string {
  return option.label ?? option.neutralLabel;
}

export function itemText(item: Item): string {
  return item.text ?? item.neutralLabel;
}

function questionnaireItem(instrument: Instrument, item: Item) {
  return {
    linkId: item.id,
    prefix: String(item.number),
    text: itemText(item),
    type: 'choice' as const,
    ...(item.loinc && { code: [item.loinc] }),
    // Every scored item is asked; either-or items (HAM-D 16A/16B) and unscored ones are optional on the form.
    required: item.scored && item.alternativeGroup === undefined,
    answerOption: item.options.map((option) => ({
      valueCoding: { ...optionCoding(instrument, option), display: display(option) },
      ...(option.weight !== null && { extension: [{ url: ordinalValueUrl, valueDecimal: option.weight }] }),
    })),
  };
}

export function toQuestionnaire(instrument: Instrument) {
  return {
    resourceType: 'Questionnaire' as const,
    id: instrument.id,
    url: questionnaireUrl(instrument),
    version: instrument.version,
    name: instrument.shortName.replace(/[^A-Za-z0-9]/g, ''),
    title: instrument.name,
    status: 'active' as const,
    subjectType: ['Patient'],
    ...(instrument.loinc?.panel && { code: [instrument.loinc.panel] }),
    description: [
      instrument.rater === 'clinician' ? 'Clinician-rated.' : 'Self-report.',
      instrument.timeFrame ? `Time frame: ${instrument.timeFrame}.` : '',
      instrument.licence.wordingIncluded ? '' : 'Neutral labels: the instrument wording is not licensed for display.',
    ]
      .filter(Boolean)
      .join(' '),
    copyright: `${instrument.citation} ${instrument.licence.note}`,
    item: instrument.items.map((item) => questionnaireItem(instrument, item)),
  };
}
