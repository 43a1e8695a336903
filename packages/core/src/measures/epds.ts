/**
 * EPDS, the Edinburgh Postnatal Depression Scale: structure and scoring only. The wording is © RCPsych and needs
 * written permission for online republication, so no item or option text ships (ERRATA Must-fix 3, rows 37–40).
 * See shared/ipt/DOMAIN.md §9.4 and ERRATA rows 31–44.
 */
import {
  type Instrument,
  InstrumentId,
  type Item,
  loincSystem,
  reverseWeight,
  unlabelledOptions,
} from './instrument.js';

/** Items 3 and 5–10 are reverse scored: 3→0 down the page (Cox 1987; DOMAIN §9.4; ERRATA Must-fix 3, row 32). */
export const epdsReverseItems: readonly number[] = [3, 5, 6, 7, 8, 9, 10];

const forward = [0, 1, 2, 3];

function epdsItem(number: number): Item {
  const reverse = epdsReverseItems.includes(number);
  return {
    id: `epds/${number}`,
    number,
    text: null,
    neutralLabel: `Item ${number}`,
    options: unlabelledOptions(reverse ? forward.map((w) => reverseWeight(w, 0, 3)) : forward),
    scored: true,
    ...(reverse && { reverse: true }),
    ...(number === 10 && {
      flags: [
        {
          code: 'self-harm-thoughts',
          kind: 'risk' as const,
          when: { minWeight: 1 },
          label: 'Item 10 (thoughts of self-harm) scored above 0: assess further, whatever the total.',
          source: 'DOMAIN §9.4 and §10.1; ERRATA row 35 (RCPsych form: any score above 0 on item 10).',
        },
      ],
      notAskedFlag: {
        code: 'self-harm-not-asked',
        label: 'Item 10 (thoughts of self-harm) was not answered: the safety screen is not done. Ask it directly.',
        source:
          'DOMAIN §10.2 ("On every PHQ-9 (and EPDS) submission") with ERRATA must-fix 1 applied to EPDS item 10 [Inference]: a missing self-harm item is never read as "no ideation".',
      },
    }),
  };
}

export const epds: Instrument = {
  id: InstrumentId.epds,
  version: '1.0.0',
  name: 'Edinburgh Postnatal Depression Scale',
  shortName: 'EPDS',
  rater: 'patient',
  timeFrame: 'Past 7 days',
  items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(epdsItem),
  scoring: {
    multiplier: 1,
    min: 0,
    max: 30,
    direction: 'higher-is-worse',
    missing: { kind: 'none', source: 'No published missing-item rule found for the EPDS (ERRATA Must-fix 1).' },
  },
  /** Cox 1987 thresholds 9/10 and 12/13; labels "possible" (≥ 10) and "likely" (≥ 13) as CamCOPS (ERRATA row 33). */
  bands: [
    { id: 'below-threshold', min: 0, max: 9, label: 'Below 10' },
    { id: 'possible', min: 10, max: 12, label: 'Possible depression (≥ 10, the more sensitive threshold)' },
    { id: 'likely', min: 13, max: 30, label: 'Likely depression (≥ 13): assess for depression' },
  ],
  /** No standard remission threshold is sourced (DOMAIN §9.9; ERRATA row 44). */
  thresholds: {
    responseFraction: { value: 0.5, source: '≥ 50% fall from baseline (DOMAIN §9.9 [Inference]; ERRATA row 70).' },
  },
  loinc: {
    panel: { system: loincSystem, code: '71354-5', display: 'Edinburgh Postnatal Depression Scale [EPDS]' },
    /** The code is agreed; its display is disputed, so none is given (ERRATA Must-fix 2, row 42). */
    total: { system: loincSystem, code: '99046-5' },
  },
  citation:
    'Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression: development of the 10-item Edinburgh ' +
    'Postnatal Depression Scale. Br J Psychiatry 1987;150:782–786.',
  licence: {
    wordingIncluded: false,
    note:
      '© 1987 The Royal College of Psychiatrists. Written permission from the Royal College of Psychiatrists is needed ' +
      'for copying and distribution to others or for republication (in print, online or by any other medium). Item ' +
      'and option wording is therefore not included; record the answers from a licensed copy of the form.',
  },
  cautions: ['Perinatal: also ask about thoughts of harming the baby (DOMAIN §10.2).'],
};
