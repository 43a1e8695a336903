/**
 * GAD-7, the Generalized Anxiety Disorder scale. See shared/ipt/DOMAIN.md §9.3 and ERRATA.md (Must-fix 1 and 4;
 * rows 23–30).
 */
import { type Instrument, InstrumentId, loincSystem } from './instrument.js';
import { phqFrequencyOptions, phqLicence, phqTimeFrame } from './phq-responses.js';

/**
 * [stem (DOMAIN §9.3), LOINC item code (ERRATA row 26)]. The item codes are confirmed; their LOINC display strings
 * were not (the one source seen is inconsistent), so they are left out (ERRATA Must-fix 2: exact displays only).
 */
const stems: readonly [string, string][] = [
  ['Feeling nervous, anxious or on edge', '69725-0'],
  ['Not being able to stop or control worrying', '68509-9'],
  ['Worrying too much about different things', '69733-4'],
  ['Trouble relaxing', '69734-2'],
  ['Being so restless that it is hard to sit still', '69735-9'],
  ['Becoming easily annoyed or irritable', '69689-8'],
  ['Feeling afraid as if something awful might happen', '69736-7'],
];

export const gad7: Instrument = {
  id: InstrumentId.gad7,
  version: '1.0.0',
  name: 'Generalized Anxiety Disorder 7-item scale',
  shortName: 'GAD-7',
  rater: 'patient',
  timeFrame: phqTimeFrame,
  items: stems.map(([text, code], i) => ({
    id: `gad-7/${i + 1}`,
    number: i + 1,
    text,
    neutralLabel: `Item ${i + 1}`,
    options: phqFrequencyOptions,
    scored: true,
    loinc: { system: loincSystem, code },
  })),
  scoring: {
    multiplier: 1,
    min: 0,
    max: 21,
    direction: 'higher-is-worse',
    missing: { kind: 'none', source: 'No published missing-item rule for the GAD-7 (ERRATA Must-fix 1).' },
  },
  /** Cut points 5/10/15 (Spitzer 2006; DOMAIN §9.3; ERRATA row 24). */
  bands: [
    { id: 'minimal', min: 0, max: 4, label: 'Minimal' },
    { id: 'mild', min: 5, max: 9, label: 'Mild' },
    { id: 'moderate', min: 10, max: 14, label: 'Moderate' },
    { id: 'severe', min: 15, max: 21, label: 'Severe' },
  ],
  thresholds: {
    reliableChange: {
      value: 4,
      source: 'NHS Talking Therapies: GAD-7 change ≥ 4 (DOMAIN §9.9; ERRATA row 74, secondary — configurable).',
    },
    responseFraction: { value: 0.5, source: '≥ 50% fall from baseline (DOMAIN §9.9 [Inference]; ERRATA row 70).' },
    caseness: {
      value: 8,
      source:
        'NHS Talking Therapies caseness GAD-7 ≥ 8 (DOMAIN §9.3; ERRATA rows 29, 72, secondary — configurable). ' +
        'GAD-7 is the anxiety measure only for depression, GAD, mixed or no problem descriptor (ERRATA Must-fix 4).',
    },
  },
  loinc: {
    panel: { system: loincSystem, code: '69737-5', display: 'Generalized anxiety disorder 7 item (GAD-7)' },
    total: {
      system: loincSystem,
      code: '70274-6',
      display: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]',
    },
  },
  citation:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: ' +
    'the GAD-7. Arch Intern Med 2006;166(10):1092–1097.',
  licence: phqLicence,
};
