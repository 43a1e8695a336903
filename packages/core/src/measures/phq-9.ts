/**
 * PHQ-9, the Patient Health Questionnaire depression module. See shared/ipt/DOMAIN.md §9.1 and ERRATA.md
 * (Must-fix 1, 2, 7, 8; rows 1–17). Item stems and LOINC displays from HL7 US Core `Questionnaire-phq-9-example.json`.
 */
import { type Instrument, InstrumentId, type Item, type ItemFlagRule, loincSystem } from './instrument.js';
import { phqFrequencyOptions, phqLicence, phqTimeFrame } from './phq-responses.js';

/** Raised on item 9 (self-harm thoughts). Item 9 is never imputed: a missing item 9 is "safety screen not done". */
export const selfHarmFlags: readonly ItemFlagRule[] = [
  {
    code: 'self-harm-thoughts',
    kind: 'risk',
    when: { minWeight: 1 },
    label: 'Thoughts of death or self-harm endorsed: assess suicide risk directly before the note is signed.',
    source: 'DOMAIN §9.1 "Item-9 flag: any response > 0" and §10.2; Simon 2013 (ERRATA rows 84–85).',
  },
  {
    code: 'self-harm-thoughts-frequent',
    kind: 'risk',
    when: { minWeight: 2 },
    label:
      'Thoughts of death or self-harm on more than half the days or more: markedly elevated risk, same-day review.',
    source: 'DOMAIN §10.1–10.2 (Simon 2013: "more than half the days" or "nearly every day"); ERRATA row 85.',
    sameDay: true,
  },
];

/** Item 9 left unanswered: the safety screen is not done (ERRATA must-fix 1). */
export const selfHarmNotAsked = {
  code: 'self-harm-not-asked',
  label: 'The self-harm question (item 9) was not answered: the safety screen is not done. Ask it directly.',
  source:
    'ERRATA must-fix 1 ("A missing item 9 means \'safety screen not done\'… force the clinician to ask directly").',
} as const;

const loinc = (code: string, display: string) => ({ system: loincSystem, code, display });

/** [number, stem (DOMAIN §9.1 table), LOINC code, LOINC display (US Core; ERRATA row 4)]. */
const stems: readonly [number, string, string, string][] = [
  [
    1,
    'Little interest or pleasure in doing things',
    '44250-9',
    'Little interest or pleasure in doing things in last 2 weeks',
  ],
  [2, 'Feeling down, depressed, or hopeless', '44255-8', 'Feeling down, depressed, or hopeless in last 2 weeks'],
  [
    3,
    'Trouble falling or staying asleep, or sleeping too much',
    '44259-0',
    'Trouble falling or staying asleep, or sleeping too much in last 2 weeks [Reported.PHQ]',
  ],
  [
    4,
    'Feeling tired or having little energy',
    '44254-1',
    'Feeling tired or having little energy in last 2 weeks [Reported.PHQ]',
  ],
  [5, 'Poor appetite or overeating', '44251-7', 'Poor appetite or overeating in last 2 weeks [Reported.PHQ]'],
  [
    6,
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    '44258-2',
    'Feeling bad about yourself - or that you are a failure or have let yourself or your family down in last 2 weeks [Reported.PHQ]',
  ],
  [
    7,
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    '44252-5',
    'Trouble concentrating on things, such as reading the newspaper or watching television in last 2 weeks [Reported.PHQ]',
  ],
  [
    8,
    'Moving or speaking so slowly that other people could have noticed. Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    '44253-3',
    'Moving or speaking so slowly that other people could have noticed. Or the opposite - being so fidgety or restless that you have been moving around a lot more than usual in last 2 weeks [Reported.PHQ]',
  ],
  [
    9,
    'Thoughts that you would be better off dead, or of hurting yourself in some way',
    '44260-8',
    'Thoughts that you would be better off dead, or of hurting yourself in some way in last 2 weeks [Reported.PHQ]',
  ],
];

/** The nine PHQ items, reused by PHQ-2 (its items are PHQ-9 items 1–2, DOMAIN §9.2). */
export function phqItem(instrument: string, n: number): Item {
  const [number, text, code, display] = stems[n - 1] ?? [];
  if (number === undefined || text === undefined || code === undefined || display === undefined) {
    throw new RangeError(`PHQ item ${n} does not exist.`);
  }
  return {
    id: `${instrument}/${number}`,
    number,
    text,
    neutralLabel: `Item ${number}`,
    options: phqFrequencyOptions,
    scored: true,
    loinc: loinc(code, display),
  };
}

export const phq9: Instrument = {
  id: InstrumentId.phq9,
  version: '1.0.0',
  name: 'Patient Health Questionnaire-9',
  shortName: 'PHQ-9',
  rater: 'patient',
  timeFrame: phqTimeFrame,
  items: [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => phqItem('phq-9', n)),
    /** Item 9 is mandatory, unlike the US Core example (ERRATA Must-fix 1, row 5). */
    { ...phqItem('phq-9', 9), required: true, flags: selfHarmFlags, notAskedFlag: selfHarmNotAsked },
    {
      /** Difficulty item: not scored; LOINC 69722-7 and its answer codes, which are NOT in numeric order (ERRATA row 6). */
      id: 'phq-9/10',
      number: 10,
      /** Wording as the LOINC display in the US Core example, without its "[Reported.PHQ]" suffix (ERRATA row 6). */
      text: 'How difficult have these made it for you to do your work, take care of things at home, or get along with other people?',
      neutralLabel: 'Item 10 (difficulty, not scored)',
      scored: false,
      options: [
        ['LA6572-7', 'Not difficult at all'],
        ['LA6573-5', 'Somewhat difficult'],
        ['LA6575-0', 'Very difficult'],
        ['LA6574-3', 'Extremely difficult'],
      ].map(([code = '', label = ''], position) => ({
        position,
        weight: null,
        label,
        neutralLabel: label,
        loinc: loinc(code, label),
      })),
      loinc: loinc(
        '69722-7',
        'How difficult have these made it for you to do your work, take care of things at home, or get along with other people [Reported.PHQ]',
      ),
    },
  ],
  scoring: {
    multiplier: 1,
    min: 0,
    max: 27,
    direction: 'higher-is-worse',
    missing: {
      kind: 'prorate',
      maxMissing: 2,
      source:
        'NHS Data Dictionary (ERRATA Must-fix 1): one or two missing items take the mean of the answered items; more ' +
        'than two, the questionnaire is disregarded. Item 9 is never imputed. Rounded to the nearest whole number ' +
        '(CMS MDS/LTCH PHQ-9 total: sum × 9/8 or × 9/7 "rounded to the nearest integer").',
    },
  },
  /** Severity labels only, no treatment actions (ERRATA Must-fix 7). Kroenke 2001; NHS Data Dictionary "None". */
  bands: [
    { id: 'none-minimal', min: 0, max: 4, label: 'None–minimal' },
    { id: 'mild', min: 5, max: 9, label: 'Mild' },
    { id: 'moderate', min: 10, max: 14, label: 'Moderate' },
    { id: 'moderately-severe', min: 15, max: 19, label: 'Moderately severe' },
    { id: 'severe', min: 20, max: 27, label: 'Severe' },
  ],
  thresholds: {
    remission: { value: 4, source: 'PHQ-9 < 5 (DOMAIN §9.9; ERRATA row 71, CMS159).' },
    reliableChange: {
      value: 6,
      source: 'NHS Talking Therapies: PHQ-9 change ≥ 6 (DOMAIN §9.9; ERRATA row 74, secondary — configurable).',
    },
    responseFraction: { value: 0.5, source: '≥ 50% fall from baseline (DOMAIN §9.9; ERRATA row 70: convention).' },
    caseness: {
      value: 10,
      source: 'NHS Talking Therapies caseness PHQ-9 ≥ 10 (DOMAIN §9.9; ERRATA row 72, secondary — configurable).',
    },
  },
  loinc: {
    /** Exact display with its "[Reported.PHQ]" suffix (ERRATA Must-fix 2, row 15). Never use the panel as a score. */
    panel: loinc('44249-1', 'PHQ-9 quick depression assessment panel [Reported.PHQ]'),
    total: loinc('44261-6', 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]'),
  },
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. ' +
    'J Gen Intern Med 2001;16(9):606–613.',
  licence: phqLicence,
  cautions: [
    'Item 9 misses many people at risk: ask directly about suicidal thoughts when other risk factors are present ' +
      '(DOMAIN §10.1–10.2).',
  ],
};
