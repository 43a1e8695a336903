/**
 * HAM-D-17, the Hamilton Rating Scale for Depression (17-item), clinician-rated. See shared/ipt/DOMAIN.md §9.5 and
 * ERRATA.md (Must-fix 6; rows 45–53).
 *
 * Structure and scoring: nine items 0–4, eight items 0–2, total 0–52; item 16 is rated EITHER 16A (by history) OR 16B
 * (by measurement), each with "3 = not assessed", which is not scored; items 18–21 of longer versions are not part of
 * the HAM-D-17 (ERRATA Must-fix 6, rows 45–46; CamCOPS `hamd.py`, after Guy 1976 ECDEU manual pp. 180–192).
 * Wording: the 1960 scale is public domain (NINDS CDE, quoted by CamCOPS `hamd.rst`; ERRATA rows 52 and 80), as
 * transcribed in CamCOPS `server/extra_strings/hamd.xml` @894435e3. No SIGH-D interview text is included.
 */
import type { AnswerOption, Instrument, Item } from './instrument.js';
import { InstrumentId } from './instrument.js';

/** Options from the anchors in order; `notAssessed` adds the unscored "Not assessed" option of item 16. */
function anchors(labels: readonly string[], notAssessed = false): AnswerOption[] {
  const scored = labels.map((label, position) => ({
    position,
    weight: position,
    label,
    neutralLabel: String(position),
  }));
  return notAssessed
    ? [...scored, { position: labels.length, weight: null, label: 'Not assessed', neutralLabel: 'Not assessed' }]
    : scored;
}

function item(number: number | string, text: string, options: AnswerOption[], extra: Partial<Item> = {}): Item {
  return { id: `ham-d-17/${number}`, number, text, neutralLabel: `Item ${number}`, options, scored: true, ...extra };
}

const absentToSevere = ['Absent', 'Mild', 'Severe'];

export const hamd17: Instrument = {
  id: InstrumentId.hamd17,
  version: '1.0.0',
  name: 'Hamilton Rating Scale for Depression (17-item)',
  shortName: 'HAM-D-17',
  rater: 'clinician',
  items: [
    item(
      1,
      'Depressed mood (sadness, hopeless, helpless, worthless)',
      anchors([
        'Absent',
        'These feeling states indicated only on questioning',
        'These feeling states spontaneously reported verbally',
        'Communicates feeling states non-verbally, i.e., through facial expression, posture, voice, and tendency to weep',
        'Patient reports virtually only these feeling states in his/her spontaneous verbal and non-verbal communication',
      ]),
    ),
    item(
      2,
      'Feelings of guilt',
      anchors([
        'Absent',
        'Self reproach, feels he/she has let people down',
        'Ideas of guilt or rumination over past errors or sinful deeds',
        'Present illness is a punishment. Delusions of guilt',
        'Hears accusatory or denunciatory voices and/or experiences threatening visual hallucinations',
      ]),
    ),
    item(
      3,
      'Suicide',
      anchors([
        'Absent',
        'Feels life is not worth living',
        'Wishes he/she were dead or any thoughts of possible death to self',
        'Suicidal ideas or gesture',
        'Attempts at suicide (any serious attempt rates 4)',
      ]),
    ),
    item(
      4,
      'Insomnia: early in the night',
      anchors([
        'No difficulty falling asleep',
        'Complains of occasional difficulty falling asleep, i.e. more than ½ hour',
        'Complains of nightly difficulty falling asleep',
      ]),
    ),
    item(
      5,
      'Insomnia: middle of the night',
      anchors([
        'No difficulty',
        'Patient complains of being restless and disturbed during the night',
        'Waking during the night — any getting out of bed rates 2 (except for purposes of voiding)',
      ]),
    ),
    item(
      6,
      'Insomnia: early hours of the morning',
      anchors([
        'No difficulty',
        'Waking in early hours of the morning but goes back to sleep',
        'Unable to fall asleep again if he/she gets out of bed',
      ]),
    ),
    item(
      7,
      'Work and activities',
      anchors([
        'No difficulty',
        'Thoughts and feelings of incapacity, fatigue or weakness related to activities; work or hobbies',
        'Loss of interest in activity; hobbies or work — either directly reported by patient, or indirect in ' +
          'listlessness, indecision and vacillation (feels he/she has to push self to work or activities)',
        'Decrease in actual time spent in activities or decrease in productivity. Rate 3 if the patient does not ' +
          'spend at least three hours a day in activities (job or hobbies) excluding routine chores',
        'Stopped working because of present illness. Rate 4 if patient engages in no activities except routine ' +
          'chores, or if patient fails to perform routine chores unassisted',
      ]),
    ),
    item(
      8,
      'Retardation (slowness of thought and speech, impaired ability to concentrate, decreased motor activity)',
      anchors([
        'Normal speech and thought',
        'Slight retardation at interview',
        'Obvious retardation at interview',
        'Interview difficult',
        'Complete stupor',
      ]),
    ),
    item(
      9,
      'Agitation',
      anchors([
        'None',
        'Fidgetiness',
        'Playing with hands, hair, etc.',
        'Moving about, can’t sit still',
        'Hand wringing, nail biting, hair-pulling, biting of lips',
      ]),
    ),
    item(
      10,
      'Anxiety (psychological)',
      anchors([
        'No difficulty',
        'Subjective tension and irritability',
        'Worrying about minor matters',
        'Apprehensive attitude apparent in face or speech',
        'Fears expressed without questioning',
      ]),
    ),
    item(
      11,
      'Anxiety somatic (physiological concomitants of anxiety) such as: gastrointestinal – dry mouth, wind, ' +
        'indigestion, diarrhea, cramps, belching; cardiovascular – palpitations, headaches; respiratory – ' +
        'hyperventilation, sighing; urinary frequency; sweating',
      anchors(['Absent', 'Mild', 'Moderate', 'Severe', 'Incapacitating']),
    ),
    item(
      12,
      'Somatic symptoms (gastrointestinal)',
      anchors([
        'None',
        'Loss of appetite but eating without staff encouragement. Heavy feelings in abdomen',
        'Difficulty eating without staff urging. Requests or requires laxatives or medication for bowels or ' +
          'medication for gastro-intestinal symptoms',
      ]),
    ),
    item(
      13,
      'General somatic symptoms',
      anchors([
        'None',
        'Heaviness in limbs, back or head. Backaches, headache, muscle aches. Loss of energy and fatigability',
        'Any clear-cut symptom rates 2',
      ]),
    ),
    item(
      14,
      'Genital symptoms (symptoms such as: loss of libido, impaired sexual performance, menstrual disturbances)',
      anchors(absentToSevere),
    ),
    item(
      15,
      'Hypochondriasis',
      anchors([
        'Not present',
        'Self-absorption (bodily)',
        'Preoccupation with health',
        'Frequent complaints, requests for help, etc.',
        'Hypochondriacal delusions',
      ]),
    ),
    item(
      '16A',
      'Loss of weight, according to the patient',
      anchors(
        [
          'No weight loss',
          'Probably weight loss associated with present illness',
          'Definite (according to patient) weight loss',
        ],
        true,
      ),
      { alternativeGroup: '16', neutralLabel: 'Item 16A (rate 16A or 16B, not both)' },
    ),
    item(
      '16B',
      'Loss of weight, according to weekly measurements',
      anchors(
        [
          'Less than 1 lb [0.45 kg] weight loss in week',
          'Greater than 1 lb [0.45 kg] weight loss in week',
          'Greater than 2 lb [0.91 kg] weight loss in week',
        ],
        true,
      ),
      { alternativeGroup: '16', neutralLabel: 'Item 16B (rate 16A or 16B, not both)' },
    ),
    item(
      17,
      'Insight',
      anchors([
        'Acknowledges being depressed and ill',
        'Acknowledges illness but attributes cause to bad food, climate, overwork, virus, need for rest, etc.',
        'Denies being ill at all',
      ]),
    ),
  ],
  scoring: {
    multiplier: 1,
    min: 0,
    max: 52,
    direction: 'higher-is-worse',
    missing: { kind: 'none', source: 'No published missing-item rule for the HAM-D-17 in DOMAIN §9.5 or ERRATA.' },
  },
  /** Default: Zimmerman 2013 (cut-points 17 and 24; DOMAIN §9.5 [Inference] default; ERRATA row 47). */
  bands: [
    { id: 'none', min: 0, max: 7, label: 'No depression' },
    { id: 'mild', min: 8, max: 16, label: 'Mild' },
    { id: 'moderate', min: 17, max: 23, label: 'Moderate' },
    { id: 'severe', min: 24, max: 52, label: 'Severe' },
  ],
  alternativeBands: {
    /** The "consensus" bands CamCOPS implements (DOMAIN §9.5; ERRATA Must-fix 6, row 48). */
    consensus: [
      { id: 'none', min: 0, max: 7, label: 'No depression' },
      { id: 'mild', min: 8, max: 13, label: 'Mild' },
      { id: 'moderate', min: 14, max: 18, label: 'Moderate' },
      { id: 'severe', min: 19, max: 22, label: 'Severe' },
      { id: 'very-severe', min: 23, max: 52, label: 'Very severe' },
    ],
  },
  thresholds: {
    remission: { value: 7, source: 'HAM-D-17 ≤ 7 (Frank 1991 consensus; DOMAIN §9.9; ERRATA row 50).' },
    responseFraction: { value: 0.5, source: '≥ 50% fall from baseline (DOMAIN §9.9; ERRATA row 70: convention).' },
  },
  citation: 'Hamilton M. A rating scale for depression. J Neurol Neurosurg Psychiatry 1960;23:56–62.',
  licence: {
    wordingIncluded: true,
    note:
      'The 1960 scale is in the public domain (NINDS Common Data Elements, as quoted by CamCOPS). Structured ' +
      'interview guides such as the SIGH-D may carry their own copyright and are not included.',
  },
};
