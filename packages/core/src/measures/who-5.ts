/**
 * WHO-5, the WHO-Five Well-Being Index. Higher is better. See shared/ipt/DOMAIN.md §9.6 and ERRATA.md rows 54–62.
 *
 * Wording: "Public domain. The source must be mentioned." (INSPQ, ERRATA row 61); altered wording must be marked
 * (DOMAIN §9.6), so none is altered. The English stems were not read from the official sheet (ERRATA row 55); they are
 * the stems reproduced identically by several secondary copies (smaat.eu, anxietyaidtools.com, mycctoolkit.com), which
 * match the confirmed content (cheerful/good spirits; calm/relaxed; active/vigorous; woke fresh/rested; daily life
 * filled with things of interest). Option labels as mysignposts.com.au (ERRATA row 54). Check both against
 * psykiatri-regionh.dk before release.
 */
import type { AnswerOption, Instrument } from './instrument.js';
import { InstrumentId } from './instrument.js';

/** Printed from "All of the time" (5) down to "At no time" (0): position 0 weighs 5 (DOMAIN §9.6; ERRATA row 54). */
const options: readonly AnswerOption[] = [
  'All of the time',
  'Most of the time',
  'More than half of the time',
  'Less than half of the time',
  'Some of the time',
  'At no time',
].map((label, position) => ({ position, weight: 5 - position, label, neutralLabel: String(5 - position) }));

const stems = [
  'I have felt cheerful and in good spirits',
  'I have felt calm and relaxed',
  'I have felt active and vigorous',
  'I woke up feeling fresh and rested',
  'My daily life has been filled with things that interest me',
];

export const who5: Instrument = {
  id: InstrumentId.who5,
  version: '1.0.0',
  name: 'WHO-Five Well-Being Index',
  shortName: 'WHO-5',
  rater: 'patient',
  timeFrame: 'Over the last two weeks',
  items: stems.map((text, i) => ({
    id: `who-5/${i + 1}`,
    number: i + 1,
    text,
    neutralLabel: `Item ${i + 1}`,
    options,
    scored: true,
    flags: [
      {
        code: 'well-being-item-low',
        kind: 'advice' as const,
        when: { maxWeight: 1 },
        label: 'Answered 0 or 1: administer a depression inventory.',
        source: 'DOMAIN §9.6 "administer a depression inventory if any item is answered 0–1"; ERRATA row 58.',
      },
    ],
  })),
  scoring: {
    /** Raw 0–25 × 4 = percentage 0–100, 0 worst, 100 best (DOMAIN §9.6; ERRATA row 56). */
    multiplier: 4,
    unit: '%',
    min: 0,
    max: 100,
    direction: 'higher-is-better',
    missing: { kind: 'none', source: 'No published missing-item rule for the WHO-5 (ERRATA Must-fix 1).' },
  },
  /**
   * Danish guidance citing Topp 2015: 0–35 high risk; 36–50 at risk; > 50 not at immediate risk (ERRATA row 59).
   * ≤ 50% (raw < 13) is poor well-being and should prompt testing for depression (ERRATA row 57).
   */
  bands: [
    { id: 'high-risk', min: 0, max: 35, label: 'High risk of depression or stress: test for depression' },
    { id: 'at-risk', min: 36, max: 50, label: 'At risk (poor well-being, ≤ 50%): test for depression' },
    { id: 'not-at-immediate-risk', min: 51, max: 100, label: 'Not at immediate risk' },
  ],
  /** No remission threshold; the "10-point difference" is unverified (ERRATA row 60). Response is defined for
   * falling scores only, so it is not applied to a higher-is-better index. */
  thresholds: {},
  /** 65625-0 is unconfirmed: no LOINC code (DOMAIN §9.6; ERRATA row 62). */
  citation:
    'Psychiatric Research Unit, Mental Health Centre North Zealand. WHO-Five Well-Being Index (WHO-5). ' +
    'Topp CW, Østergaard SD, Søndergaard S, Bech P. The WHO-5 Well-Being Index: a systematic review of the ' +
    'literature. Psychother Psychosom 2015;84(3):167–176.',
  licence: {
    wordingIncluded: true,
    note:
      'Public domain; the source must be mentioned. Psychiatric Research Unit, Mental Health Centre North Zealand, ' +
      'Hillerød, Denmark. Any altered wording must be marked.',
  },
};
