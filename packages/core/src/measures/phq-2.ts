/**
 * PHQ-2: items 1–2 of the PHQ-9, range 0–6. See shared/ipt/DOMAIN.md §9.2 and ERRATA.md (Must-fix 2 and 8;
 * rows 18–22).
 */
import { type Instrument, InstrumentId, loincSystem } from './instrument.js';
import { phqItem } from './phq-9.js';
import { phqLicence, phqTimeFrame } from './phq-responses.js';

export const phq2: Instrument = {
  id: InstrumentId.phq2,
  version: '1.0.0',
  name: 'Patient Health Questionnaire-2',
  shortName: 'PHQ-2',
  rater: 'patient',
  timeFrame: phqTimeFrame,
  /** The item LOINC codes are the PHQ-9 item codes: the PHQ-2 is PHQ-9 items 1–2 (DOMAIN §9.2; ERRATA row 18). */
  items: [phqItem('phq-2', 1), phqItem('phq-2', 2)],
  scoring: {
    multiplier: 1,
    min: 0,
    max: 6,
    direction: 'higher-is-worse',
    /** The NHS prorating rule is for the PHQ-9; none is published for the PHQ-2 (ERRATA Must-fix 1). */
    missing: { kind: 'none', source: 'No published missing-item rule for the PHQ-2 (ERRATA Must-fix 1).' },
  },
  /** Cut-off ≥ 3: major depression likely (Kroenke 2003; DOMAIN §9.2; ERRATA row 19). */
  bands: [
    { id: 'below-cut-off', min: 0, max: 2, label: 'Below the cut-off (< 3)' },
    {
      id: 'at-or-above-cut-off',
      min: 3,
      max: 6,
      label: 'At or above the cut-off (≥ 3): major depression likely — follow with the full PHQ-9 or an interview',
    },
  ],
  thresholds: {
    responseFraction: { value: 0.5, source: '≥ 50% fall from baseline (DOMAIN §9.9 [Inference]; ERRATA row 70).' },
  },
  loinc: {
    /** 55757-9 is the panel, never a score; 55758-7 is the PHQ-2 total only (ERRATA Must-fix 2, row 21). */
    panel: { system: loincSystem, code: '55757-9', display: 'Patient Health Questionnaire 2 item (PHQ-2) [Reported]' },
    total: {
      system: loincSystem,
      code: '55758-7',
      display: 'Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]',
    },
  },
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression ' +
    'screener. Med Care 2003;41(11):1284–1292.',
  licence: phqLicence,
  cautions: [
    'Never gate the self-harm question behind the PHQ-2: give the full PHQ-9, or ask about self-harm directly, at ' +
      'intake and whenever risk is reviewed (ERRATA Must-fix 8).',
  ],
};
