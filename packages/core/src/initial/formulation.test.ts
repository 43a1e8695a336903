import { describe, expect, it } from 'vitest';
import {
  allowedFormulationTransitions,
  applyFormulationTransition,
  assertFormulationEditable,
  assertFormulationTransition,
  draftFormulation,
  type FormulationInput,
  formulationSections,
  newFormulation,
  onsetLinkedEvent,
} from './formulation.js';
import type { LifeEvent } from './timeline.js';

const joy: FormulationInput = {
  diagnosis: 'major depression',
  baseline: { instrumentShortName: 'PHQ-9', total: 17, bandLabel: 'Moderately severe' },
  onset: { year: 2025, month: 12 },
  linkingEvent: 'you left your job after your heart attack, and the arguments with Laura about childcare grew',
  linkingPerson: 'Laura',
  problemArea: 'dispute',
  plannedSessions: 16,
  patientName: 'Joy',
};
const section = (input: FormulationInput, key: string) => formulationSections(input).find((s) => s.key === key)?.text;

/** Any "your fault" not preceded by a negation is blame. */
const affirmativeBlame =
  /(?<!not )your fault|\blazy\b|(?<!not a sign of )weakness|should have|brought (this|it) on yourself/i;

describe(draftFormulation.name, () => {
  const text = draftFormulation(joy);

  it('frames depression as a treatable illness that is not the patient’s fault (the sick role)', () => {
    expect(text).toContain('Major depression is a common illness, and it can be treated.');
    expect(text).toContain('It is not your fault');
    expect(text).toMatch(/ease off some of what you expect of yourself; your part is to keep coming/);
    expect(text).not.toMatch(affirmativeBlame);
  });

  it('names the diagnosis with the baseline score and band, and links the onset to the interpersonal context', () => {
    expect(text).toContain('On the PHQ-9 questionnaire you scored 17, which is in the moderately severe range.');
    expect(text).toContain(
      'Your symptoms began in December 2025, around the time that you left your job after your heart attack',
    );
    expect(text).toContain('We call this a role dispute');
  });

  it('states the focus and the time limit', () => {
    expect(section(joy, 'focus')).toContain('the disagreement with Laura: what each of you expects');
    expect(text).toContain('We will meet for 16 sessions, once a week.');
    expect(text.endsWith('Please tell me anything I have got wrong or left out.')).toBe(true);
    expect(text.startsWith('Joy, thank you')).toBe(true);
  });

  it('stays blame-free for every area, with and without the optional parts', () => {
    for (const problemArea of [
      'grief',
      'transition',
      'deficits',
      'loneliness',
      'grief-loss',
      'role-insecurity',
    ] as const) {
      const bare = draftFormulation({ diagnosis: 'depression', onset: '2025-10-01', problemArea, plannedSessions: 12 });
      expect(bare).toContain('It is not your fault');
      expect(bare).toContain('We will meet for 12 sessions');
      expect(bare).not.toMatch(affirmativeBlame);
      expect(bare).not.toContain('questionnaire');
      expect(bare).not.toContain('around the time that');
      expect(bare).not.toMatch(/undefined|null/);
    }
  });

  it('says "got worse" when the episode worsened rather than began', () => {
    expect(section({ ...joy, onsetWording: 'worsened' }, 'link')).toMatch(/^Your symptoms got worse in December 2025/);
  });

  it('refuses an empty diagnosis, an unknown area and an impossible number of sessions', () => {
    expect(() => draftFormulation({ ...joy, diagnosis: ' ' })).toThrow(expect.objectContaining({ field: 'diagnosis' }));
    // @ts-expect-error -- 'bad-luck' is not a problem area: the deliberate bad input the runtime guard must refuse.
    expect(() => draftFormulation({ ...joy, problemArea: 'bad-luck' })).toThrow();
    expect(() => draftFormulation({ ...joy, plannedSessions: 2 })).toThrow(
      expect.objectContaining({ field: 'plannedSessions' }),
    );
  });
});

/**
 * Amara (fictional), perinatal: low mood since April 2026, after her daughter Zuri's birth in March; arguments with
 * her partner Kofi about night feeds in May; back to work at the pharmacy planned for January 2027.
 */
describe('a perinatal draft from the EPDS and the timeline (Amara, fictional)', () => {
  const onset = { year: 2026, month: 4 };
  const events: LifeEvent[] = [
    { id: 'school', date: { year: 2009 }, category: 'move', description: 'Moved away for university' },
    { id: 'birth', date: '2026-03-09', category: 'birth', description: 'Zuri born, after a long labour.' },
    {
      id: 'feeds',
      date: { year: 2026, month: 5 },
      category: 'dispute',
      personId: 'kofi',
      description: 'Arguments with Kofi about the night feeds',
    },
    {
      id: 'work',
      date: { year: 2027, month: 1 },
      category: 'work',
      description: 'Back to work at the pharmacy',
      planned: true,
    },
  ];
  const amara: FormulationInput = {
    diagnosis: 'postnatal depression',
    baseline: {
      instrumentId: 'epds',
      instrumentShortName: 'EPDS',
      total: 16,
      bandLabel: 'Likely depression (≥ 13): assess for depression',
    },
    onset,
    problemArea: 'transition',
    plannedSessions: 12,
    patientName: 'Amara',
  };

  it('says the EPDS band as a sentence, never as the clinician’s label', () => {
    const diagnosis = section(amara, 'diagnosis') ?? '';
    expect(diagnosis).toBe(
      'What you have been going through has a name: postnatal depression. On the EPDS questionnaire you scored 16. On this questionnaire a score of 13 or more means that depression is likely.',
    );
    expect(diagnosis).not.toMatch(/assess for|≥|range/);
  });

  it('says the other EPDS bands in words as well', () => {
    const at = (total: number, bandLabel: string) =>
      section(
        { ...amara, baseline: { ...(amara.baseline ?? { instrumentShortName: 'EPDS' }), total, bandLabel } },
        'diagnosis',
      );
    expect(at(11, 'Possible depression (≥ 10, the more sensitive threshold)')).toContain(
      'you scored 11. On this questionnaire a score from 10 to 12 means that depression is possible.',
    );
    expect(at(7, 'Below 10')).toContain(
      'you scored 7, which is below 10, the lowest score at which this questionnaire suggests depression.',
    );
  });

  it('says PHQ-9 and HAM-D bands as ranges, and leaves out a band it has no words for', () => {
    const phq = { instrumentId: 'phq-9', instrumentShortName: 'PHQ-9', total: 12, bandLabel: 'Moderate' };
    expect(section({ ...amara, baseline: phq }, 'diagnosis')).toContain(
      'you scored 12, which is in the moderate range.',
    );
    const hamd = { instrumentId: 'ham-d-17', instrumentShortName: 'HAM-D', total: 5, bandLabel: 'No depression' };
    expect(section({ ...amara, baseline: hamd }, 'diagnosis')).toContain(
      'you scored 5, which is in the range the scale counts as no depression.',
    );
    const unknown = { instrumentShortName: 'Local scale', total: 9, bandLabel: 'High (≥ 8): review' };
    expect(section({ ...amara, baseline: unknown }, 'diagnosis')).toContain('Local scale questionnaire you scored 9.');
  });

  it('links the onset to the event of the chosen area near it, and leaves out what is far or only planned', () => {
    expect(onsetLinkedEvent({ events, onset, problemArea: 'transition' })?.id).toBe('birth');
    expect(onsetLinkedEvent({ events, onset, problemArea: 'dispute', personId: 'kofi' })?.id).toBe('feeds');
    // Nothing of the area's kind near the onset: the event closest to it (mid-May is nearer mid-April than 9 March).
    expect(onsetLinkedEvent({ events, onset, problemArea: 'grief' })?.id).toBe('feeds');
    expect(
      onsetLinkedEvent({
        events: [events[0], events[3]].filter((e) => e !== undefined),
        onset,
        problemArea: 'transition',
      }),
    ).toBeNull();
  });

  it('names the linked event in the draft, in the clinician’s words, with when it happened', () => {
    const onsetEvent = onsetLinkedEvent({ events, onset, problemArea: 'transition' });
    const link = section({ ...amara, onsetEvent }, 'link') ?? '';
    expect(link).toMatch(
      /^Your symptoms began in April 2026, close in time to something you told me about: “Zuri born, after a long labour”, in March 2026\. /,
    );
    expect(link).toContain('We call this a role transition');
    const text = draftFormulation({ ...amara, onsetEvent });
    expect(text).not.toMatch(affirmativeBlame);
    expect(text).not.toMatch(/undefined|null|\.\.|“”/);
    expect(text).not.toContain('pharmacy');
  });
});

describe(assertFormulationTransition.name, () => {
  it('goes draft → presented → agreed, revised or declined, and back to presented through a revision', () => {
    expect(allowedFormulationTransitions('draft')).toEqual(['presented']);
    expect(allowedFormulationTransitions('presented')).toEqual(['agreed', 'revised', 'declined']);
    expect(allowedFormulationTransitions('revised')).toEqual(['presented']);
    expect(allowedFormulationTransitions('declined')).toEqual(['revised']);
    expect(allowedFormulationTransitions('agreed')).toEqual(['revised']);
  });

  it('refuses a skipped step, naming the status field', () => {
    expect(() => assertFormulationTransition('draft', 'agreed', 'yes')).toThrow(
      expect.objectContaining({ field: 'status', message: 'A formulation cannot go from draft to agreed.' }),
    );
  });

  it("requires the patient's own words when they agree, revise or decline", () => {
    expect(() => assertFormulationTransition('draft', 'presented')).not.toThrow();
    for (const to of ['agreed', 'revised', 'declined'] as const) {
      expect(() => assertFormulationTransition('presented', to, ' ')).toThrow(
        expect.objectContaining({ field: 'patientWords' }),
      );
    }
  });
});

describe(applyFormulationTransition.name, () => {
  it('presents a draft, takes a revision in new words, and records the agreement verbatim', () => {
    let state = newFormulation('First draft.');
    state = applyFormulationTransition(state, { to: 'presented', on: '2026-03-16' });
    state = applyFormulationTransition(state, {
      to: 'revised',
      on: '2026-03-16',
      patientWords: 'It is more about Maxine than about Laura.',
      text: 'Second draft.',
    });
    expect(() => assertFormulationEditable(state.status)).not.toThrow();
    state = applyFormulationTransition(state, { to: 'presented', on: '2026-03-16' });
    expect(() => assertFormulationEditable(state.status)).toThrow(expect.objectContaining({ field: 'status' }));
    state = applyFormulationTransition(state, { to: 'agreed', on: '2026-03-16', patientWords: ' Yes, that is it. ' });
    expect(state).toEqual({
      status: 'agreed',
      text: 'Second draft.',
      patientWords: 'Yes, that is it.',
      statusDate: '2026-03-16',
    });
  });

  it('changes the text only through a revision', () => {
    const presented = applyFormulationTransition(newFormulation('x'), { to: 'presented', on: '2026-03-16' });
    expect(() =>
      applyFormulationTransition(presented, { to: 'agreed', on: '2026-03-16', patientWords: 'ok', text: 'y' }),
    ).toThrow(expect.objectContaining({ field: 'text' }));
  });
});
