/**
 * WSAS, the Work and Social Adjustment Scale: structure and scoring only. "Copyright © Isaac M. Marks" and shipped by
 * CamCOPS as data collection only, so no wording ships (ERRATA Must-fix 5, rows 67 and 81).
 * See shared/ipt/DOMAIN.md §9.7 and ERRATA rows 63–69.
 */
import type { AnswerOption, Instrument, Item } from './instrument.js';
import { InstrumentId, numberedOptions } from './instrument.js';

/**
 * Item 1 (work) has a further option: retired, or chose not to work for reasons unrelated to the problem. The item is
 * then not scored and the maximum is 32, not 40 (ERRATA Must-fix 5, row 68; CamCOPS `wsas.py` `retired_etc`).
 */
const notApplicable: AnswerOption = {
  position: 9,
  weight: null,
  label: null,
  neutralLabel: 'Not applicable: retired, or not working for reasons unrelated to the problem (not scored)',
};

function wsasItem(number: number): Item {
  return {
    id: `wsas/${number}`,
    number,
    text: null,
    neutralLabel: `Item ${number}`,
    /** Each item 0–8 (DOMAIN §9.7; ERRATA row 63); anchors are WSAS wording and are not shipped. */
    options: number === 1 ? [...numberedOptions(9), notApplicable] : numberedOptions(9),
    scored: true,
  };
}

export const wsas: Instrument = {
  id: InstrumentId.wsas,
  version: '1.0.0',
  name: 'Work and Social Adjustment Scale',
  shortName: 'WSAS',
  rater: 'patient',
  items: [1, 2, 3, 4, 5].map(wsasItem),
  scoring: {
    multiplier: 1,
    min: 0,
    max: 40,
    direction: 'higher-is-worse',
    missing: { kind: 'none', source: 'No published missing-item rule for the WSAS (ERRATA Must-fix 1).' },
  },
  /** Mundt 2002: < 10 subclinical; 10–20 significant impairment; > 20 moderately severe or worse (ERRATA row 65). */
  bands: [
    { id: 'subclinical', min: 0, max: 9, label: 'Below 10: as in subclinical populations' },
    { id: 'significant', min: 10, max: 20, label: '10–20: significant functional impairment' },
    { id: 'moderately-severe', min: 21, max: 40, label: 'Above 20: moderately severe or worse' },
  ],
  thresholds: {
    responseFraction: { value: 0.5, source: '≥ 50% fall from baseline (DOMAIN §9.9 [Inference]; ERRATA row 70).' },
  },
  citation:
    'Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple measure of impairment ' +
    'in functioning. Br J Psychiatry 2002;180:461–464.',
  licence: {
    wordingIncluded: false,
    note:
      'Copyright © Isaac M. Marks (see Mundt 2002). Reuse terms for embedding are unverified, so item and option ' +
      'wording is not included; record the answers from a licensed copy of the form.',
  },
};
