/**
 * The formulation offered to the patient: a draft generated from the initial-phase records, in plain, warm and
 * non-blaming words, then presented, agreed, revised or declined with the patient's own words.
 *
 * The draft follows the STRUCTURE of DOMAIN §4.3 (itself modelled on Markowitz's examples [S3][S56]): what the
 * patient has is a named, treatable illness and not their fault (the sick role, DOMAIN §1.2, §4.2 [S2][S5][S13]);
 * the onset linked to the interpersonal context, as linkage rather than causation (DOMAIN §0 [S3][S5]); the
 * problem area named; the focus; the time limit (DOMAIN §0 [S1], §4.4); and a question asking whether it fits
 * (DOMAIN §4.1: the patient's agreement [S3][S4]). The wording is ours, not a quotation of any source.
 */
import { assertPlannedSessions } from '../course/course.js';
import { RuleViolation } from '../errors.js';
import type { Band } from '../measures/instrument.js';
import { getInstrument, isInstrumentId } from '../measures/registry.js';
import { formatTimelineDate, type TimelineDate } from './approx-date.js';
import { roleChangeCategories } from './hints.js';
import { areaDefinition, CanonicalArea, type ProblemArea } from './problem-areas.js';
import { type LifeEvent, LifeEventCategory, ProximalWindow, proximalEvents } from './timeline.js';

/** The baseline severity score the formulation names (DOMAIN §4.3: "your {instrument} score of {score}"). */
export interface FormulationBaseline {
  /** The registry's id ("phq-9", "epds"), so the band can be said in words that fit the instrument. */
  readonly instrumentId?: string;
  readonly instrumentShortName: string;
  readonly total: number;
  /** The band's label as it was recorded with the score. */
  readonly bandLabel: string;
}

/**
 * The instruments whose score names the severity of a depression in the formulation: HAM-D in research and PHQ-9 in
 * practice (DOMAIN §1.2 [S2][S4][S5]), the EPDS in perinatal care (DOMAIN §7.2 [Inference]). GAD-7, WHO-5 and WSAS
 * measure something else, so they are not the formulation's baseline.
 */
export const formulationSeverityInstruments: readonly string[] = ['phq-9', 'epds', 'ham-d-17'];

export interface FormulationInput {
  /** As the patient should hear it, e.g. "depression" or "major depression". */
  readonly diagnosis: string;
  readonly baseline?: FormulationBaseline | null;
  /** Onset of the current episode. */
  readonly onset: TimelineDate;
  /** Whether the symptoms began then or got worse then (the seed case "worsened after" a loss). Default: began. */
  readonly onsetWording?: 'began' | 'worsened';
  /** A clause that completes "around the time that …", in the second person: "your dog Brandy died". */
  readonly linkingEvent?: string | null;
  /**
   * The timeline event linked to the onset (`onsetLinkedEvent`), in the clinician's words; used when no
   * `linkingEvent` clause is given.
   */
  readonly onsetEvent?: Pick<LifeEvent, 'date' | 'description'> | null;
  /** The person at the centre of the focus: the one who died, the other party to a dispute. */
  readonly linkingPerson?: string | null;
  readonly problemArea: ProblemArea;
  readonly plannedSessions: number;
  readonly patientName?: string | null;
}

export const FormulationSection = {
  opening: 'opening',
  diagnosis: 'diagnosis',
  sickRole: 'sick-role',
  link: 'link',
  focus: 'focus',
  timeLimit: 'time-limit',
  check: 'check',
} as const;
export type FormulationSection = (typeof FormulationSection)[keyof typeof FormulationSection];

const clause = (s: string | null | undefined) => (s ?? '').trim().replace(/[.\s]+$/, '');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What a band means, said to the patient after "you scored N". A severity band is a range ("in the moderate
 * range"); the EPDS bands are screening thresholds, not severities, so they are said as what the score suggests.
 * Each text follows its instrument's published bands; a band without words here is not said at all, rather than
 * read out from a label written for the clinician ("Likely depression (≥ 13): assess for depression").
 */
const bandWords: Readonly<Record<string, Readonly<Record<string, (band: Band) => string>>>> = {
  // PHQ-9: 0–4 none/minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe (DOMAIN §9.1 [S27]).
  'phq-9': {
    'none-minimal': () => ', which is in the none-to-minimal range.',
    mild: () => ', which is in the mild range.',
    moderate: () => ', which is in the moderate range.',
    'moderately-severe': () => ', which is in the moderately severe range.',
    severe: () => ', which is in the severe range.',
  },
  // HAM-D-17: Zimmerman 2013 by default, or the five-band set (DOMAIN §9.5 [S30]; ERRATA rows 47–48).
  'ham-d-17': {
    none: () => ', which is in the range the scale counts as no depression.',
    mild: () => ', which is in the mild range.',
    moderate: () => ', which is in the moderate range.',
    severe: () => ', which is in the severe range.',
    'very-severe': () => ', which is in the very severe range.',
  },
  // EPDS: ≥ 10 possible and ≥ 13 likely depression (Cox 1987 thresholds; DOMAIN §9.4 [S29]; ERRATA row 33).
  epds: {
    'below-threshold': (b) =>
      `, which is below ${b.max + 1}, the lowest score at which this questionnaire suggests depression.`,
    possible: (b) => `. On this questionnaire a score from ${b.min} to ${b.max} means that depression is possible.`,
    likely: (b) => `. On this questionnaire a score of ${b.min} or more means that depression is likely.`,
  },
};

/** The band a recorded score was given: the instrument's band with the recorded label, else the default one. */
function recordedBand(baseline: FormulationBaseline): Band | null {
  const id = baseline.instrumentId;
  if (id === undefined || !isInstrumentId(id)) return null;
  const instrument = getInstrument(id);
  const sets = [instrument.bands, ...Object.values(instrument.alternativeBands ?? {})];
  const inRange = (b: Band) => b.min <= baseline.total && baseline.total <= b.max;
  return (
    sets.flat().find((b) => b.label === baseline.bandLabel && inRange(b)) ?? instrument.bands.find(inRange) ?? null
  );
}

/** "On the PHQ-9 questionnaire you scored 17, which is in the moderately severe range." */
function baselineSentence(baseline: FormulationBaseline): string {
  const scored = `On the ${clause(baseline.instrumentShortName)} questionnaire you scored ${baseline.total}`;
  const band = recordedBand(baseline);
  const words = band && baseline.instrumentId ? bandWords[baseline.instrumentId]?.[band.id] : undefined;
  if (words && band) return `${scored}${words(band)}`;
  // No instrument named: a plain severity word ("Moderately severe") reads as a range; anything else is left out.
  const label = clause(baseline.bandLabel);
  if (baseline.instrumentId === undefined && /^[\p{L}][\p{L} –-]*$/u.test(label)) {
    return `${scored}, which is in the ${label.toLowerCase()} range.`;
  }
  return `${scored}.`;
}

/** The kinds of life event each area is linked through (DOMAIN §3.2 [Inference]; §3.3, §3.4, §3.5, §3.6). */
const areaEventCategories: Readonly<Record<CanonicalArea, readonly LifeEventCategory[]>> = {
  [CanonicalArea.grief]: [LifeEventCategory.death],
  [CanonicalArea.dispute]: [LifeEventCategory.dispute],
  [CanonicalArea.transition]: roleChangeCategories,
  [CanonicalArea.deficits]: [LifeEventCategory.isolation],
};

/**
 * The life event the formulation links the onset to (DOMAIN §4.1: link the episode to a life event in one problem
 * area [S3][S4]). Only events near the onset count: the timeline's ±3-month window (DOMAIN §2.4, configurable),
 * which leaves out planned events, since they have not happened. Among them: an event of the chosen area's kind
 * first, then one involving the area's person, then the one closest to the onset. Null when none is near.
 */
export function onsetLinkedEvent(input: {
  readonly events: readonly LifeEvent[];
  readonly onset: TimelineDate;
  readonly problemArea: ProblemArea;
  readonly personId?: string | null;
  readonly windowMonths?: number;
}): LifeEvent | null {
  const kinds = areaEventCategories[areaDefinition(input.problemArea).canonical];
  const near = proximalEvents(input.events, input.onset, input.windowMonths ?? ProximalWindow.defaultMonths).filter(
    (p) => p.proximal,
  );
  const rank = (p: (typeof near)[number]) =>
    (kinds.includes(p.event.category) ? 2 : 0) + (input.personId && p.event.personId === input.personId ? 1 : 0);
  const best = [...near].sort((a, b) => rank(b) - rank(a) || Math.abs(a.daysFromOnset) - Math.abs(b.daysFromOnset))[0];
  return best?.event ?? null;
}

function focusSentence(area: ProblemArea, person: string): string {
  const canonical = areaDefinition(area).canonical;
  switch (canonical) {
    // Grief goals: mourning, then interests and relationships that partly fill the gap (DOMAIN §3.3 [S6]).
    case CanonicalArea.grief:
      return `I suggest that we focus on ${person ? `losing ${person}` : 'your loss'}: making room for the feelings it has left you with, and finding your way back to people and to things that matter to you.`;
    // Dispute goals: the disagreement, the differing expectations, communication, a plan (DOMAIN §3.4 [S6][S14]).
    case CanonicalArea.dispute:
      return `I suggest that we focus on the disagreement ${person ? `with ${person}` : 'you described'}: what each of you expects, how the two of you talk about it, and what you would like to change.`;
    // Transition goals: the old role mourned, the new one mastered, hope restored (DOMAIN §3.5 [S47][S53]).
    case CanonicalArea.transition:
      return 'I suggest that we focus on this change in your life: what it has cost you, what your new situation asks of you, and what it might have to offer.';
    // Deficits/sensitivities goals: less isolation, new relationships (DOMAIN §3.6 [S6][S11]).
    case CanonicalArea.deficits:
      return 'I suggest that we focus on how you connect with other people: what makes it hard, and how you might come to feel less alone.';
  }
}

/** The draft, section by section, so the editor can show and the tests can check each part. */
export function formulationSections(
  input: FormulationInput,
): { readonly key: FormulationSection; readonly text: string }[] {
  const diagnosis = clause(input.diagnosis);
  if (diagnosis === '') throw new RuleViolation('Name the diagnosis as the patient should hear it.', 'diagnosis');
  assertPlannedSessions(input.plannedSessions);
  const area = areaDefinition(input.problemArea);
  const name = clause(input.patientName);
  const event = clause(input.linkingEvent);
  const told = input.onsetEvent ? clause(input.onsetEvent.description) : '';
  const link = event
    ? `, around the time that ${event}`
    : told && input.onsetEvent
      ? `, close in time to something you told me about: “${told}”, in ${formatTimelineDate(input.onsetEvent.date)}`
      : '';
  const person = clause(input.linkingPerson);
  const baseline = input.baseline;
  const n = input.plannedSessions;
  const began = input.onsetWording === 'worsened' ? 'got worse' : 'began';
  return [
    {
      key: FormulationSection.opening,
      text: `${name ? `${name}, thank you` : 'Thank you'} for telling me so much about yourself and the people in your life. Let me put together what I have understood, and then you can tell me how well it fits.`,
    },
    {
      key: FormulationSection.diagnosis,
      text: `What you have been going through has a name: ${diagnosis}.${baseline ? ` ${baselineSentence(baseline)}` : ''}`,
    },
    {
      key: FormulationSection.sickRole,
      text: `${capitalise(diagnosis)} is a common illness, and it can be treated. It is not your fault, and it is not a sign of weakness. While you are unwell it is reasonable to ease off some of what you expect of yourself; your part is to keep coming and to work with me on getting better. Feeling hopeless is one of the symptoms, not a forecast: you have a good chance of feeling better.`,
    },
    {
      key: FormulationSection.link,
      text: `Your symptoms ${began} in ${formatTimelineDate(input.onset)}${link}. How we feel and what happens between us and other people affect each other, in both directions. We call this ${area.patientPhrase}: a common setting for depression, and one we know how to work on.`,
    },
    {
      key: FormulationSection.focus,
      text: `${focusSentence(input.problemArea, person)} As that gets better, I expect your mood to lift as well.`,
    },
    {
      key: FormulationSection.timeLimit,
      text: `We will meet for ${n} sessions, once a week. Keeping to a set number helps us both stay with what matters most, and we will keep track together of how many are left.`,
    },
    {
      key: FormulationSection.check,
      text: 'Does this match how you see it? Please tell me anything I have got wrong or left out.',
    },
  ];
}

/** The draft statement as plain text, one paragraph per pair of sections. Editable afterwards. */
export function draftFormulation(input: FormulationInput): string {
  const s = formulationSections(input).map((x) => x.text);
  return [s.slice(0, 2), s.slice(2, 3), s.slice(3, 5), s.slice(5)].map((p) => p.join(' ')).join('\n\n');
}

/** Where the formulation stands with the patient (DOMAIN §4.1 `patientResponse`; §4.3 [Inference]). */
export const FormulationStatus = {
  draft: 'draft',
  presented: 'presented',
  agreed: 'agreed',
  revised: 'revised',
  declined: 'declined',
} as const;
export type FormulationStatus = (typeof FormulationStatus)[keyof typeof FormulationStatus];

/**
 * Allowed moves. A draft is presented; the patient agrees, asks for a revision, or declines; a revision or a
 * declined formulation is revised and offered again (DOMAIN §4.3 [Inference]: "revise the area and offer the
 * formulation again"); an agreed formulation may still be revised later, and is then presented again.
 */
export function allowedFormulationTransitions(from: FormulationStatus): readonly FormulationStatus[] {
  switch (from) {
    case FormulationStatus.draft:
      return [FormulationStatus.presented];
    case FormulationStatus.presented:
      return [FormulationStatus.agreed, FormulationStatus.revised, FormulationStatus.declined];
    case FormulationStatus.revised:
      return [FormulationStatus.presented];
    case FormulationStatus.declined:
      return [FormulationStatus.revised];
    case FormulationStatus.agreed:
      return [FormulationStatus.revised];
  }
}

/** The patient's answer is recorded verbatim (DOMAIN §4.3 [Inference]): required when they agree, revise or decline. */
export function patientWordsRequired(to: FormulationStatus): boolean {
  return to === FormulationStatus.agreed || to === FormulationStatus.revised || to === FormulationStatus.declined;
}

export function assertFormulationTransition(
  from: FormulationStatus,
  to: FormulationStatus,
  patientWords?: string | null,
): void {
  if (!allowedFormulationTransitions(from).includes(to)) {
    throw new RuleViolation(`A formulation cannot go from ${from} to ${to}.`, 'status');
  }
  if (patientWordsRequired(to) && (patientWords ?? '').trim() === '') {
    throw new RuleViolation("Record the patient's own words.", 'patientWords');
  }
}

export interface FormulationState {
  readonly status: FormulationStatus;
  readonly text: string;
  readonly patientWords: string | null;
  /** "YYYY-MM-DD" of the last status change, given by the caller. */
  readonly statusDate: string | null;
}

export function newFormulation(text: string): FormulationState {
  return { status: FormulationStatus.draft, text, patientWords: null, statusDate: null };
}

/** Moves the formulation on; a new text is taken only when it is revised. */
export function applyFormulationTransition(
  state: FormulationState,
  change: {
    readonly to: FormulationStatus;
    readonly on: string;
    readonly patientWords?: string | null;
    readonly text?: string;
  },
): FormulationState {
  assertFormulationTransition(state.status, change.to, change.patientWords);
  if (change.text !== undefined && change.to !== FormulationStatus.revised) {
    throw new RuleViolation('Change the text by revising the formulation.', 'text');
  }
  const words = (change.patientWords ?? '').trim();
  return {
    status: change.to,
    text: change.text ?? state.text,
    patientWords: words === '' ? null : words,
    statusDate: change.on,
  };
}

/** The text may be edited freely while it is a draft or a revision not yet presented. */
export function assertFormulationEditable(status: FormulationStatus): void {
  if (status !== FormulationStatus.draft && status !== FormulationStatus.revised) {
    throw new RuleViolation(`A ${status} formulation is not edited in place: revise it.`, 'status');
  }
}
