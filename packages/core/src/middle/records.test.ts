import { describe, expect, it } from 'vitest';
import { communicationPatternCatalogue, lapseCatalogue, mentalizingPrompts, techniqueCatalogue } from './catalogue.js';
import { assertCommunicationAnalysis, rolePlayFromAlternative } from './communication.js';
import { assertDecisionAnalysis } from './decision.js';
import {
  type CommunicationAnalysis,
  CommunicationPattern,
  type DecisionAnalysis,
  MentalizingDimension,
  MentalizingLapse,
  type RolePlay,
  type Rupture,
  techniques,
} from './model.js';
import { assertRolePlay } from './role-play.js';
import { assertRupture, ruptureTypeCatalogue } from './rupture.js';

const ctx = { personIds: ['p-laura'], sessionIds: ['s5', 's6'] };

const analysis: CommunicationAnalysis & { id: string } = {
  id: 'ca-1',
  sessionId: 's5',
  personId: 'p-laura',
  incident: 'Laura said she would be late again on Friday.',
  turns: [
    {
      id: 't1',
      speaker: 'other',
      words: 'I will be late again.',
      toneNonverbal: 'Flat',
      patientFeeling: 'Hurt',
      patientMeant: '',
      otherFeltGuess: 'Tired',
      prompts: [{ promptId: 'outward-clues', answer: 'She did not look at me.' }],
      lapses: ['certainty-about-others'],
    },
    {
      id: 't2',
      speaker: 'patient',
      words: 'Fine.',
      toneNonverbal: 'Turned away',
      patientFeeling: 'Angry',
      patientMeant: 'I wanted her to see I needed help.',
      otherFeltGuess: '',
      prompts: [],
      lapses: [],
    },
  ],
  intendedVsConveyed: 'Meant "I need help"; conveyed "do what you like".',
  patterns: ['indirect', 'avoided-anger'],
  patternNote: '',
  alternatives: [
    { id: 'a1', text: 'I was counting on you; can we plan Friday together?' },
    { id: 'a2', text: 'I feel let down when plans change late.' },
  ],
  agreedAttempt: 'Raise Friday on Sunday evening.',
};

describe('catalogues', () => {
  it('name every technique once, each with a DOMAIN §5 source', () => {
    expect(techniqueCatalogue.map((t) => t.id)).toEqual(techniques);
    for (const t of techniqueCatalogue) expect(t.source).toMatch(/DOMAIN §5\.\d/);
  });

  it('offer one mentalizing prompt per dimension, sourced in DOMAIN §5.8 or the seed article', () => {
    expect(mentalizingPrompts.map((p) => p.dimension).sort()).toEqual(Object.values(MentalizingDimension).sort());
    expect(new Set(mentalizingPrompts.map((p) => p.id)).size).toBe(mentalizingPrompts.length);
    for (const p of mentalizingPrompts) expect(p.source).toMatch(/DOMAIN §5\.8|seeds\/000_170c0bf6859b8dcb/);
    expect(mentalizingPrompts.find((p) => p.dimension === 'internal-external')?.source).toMatch(/seed/i);
  });

  it('cover every lapse marker and communication pattern with a source', () => {
    expect(lapseCatalogue.map((l) => l.id)).toEqual(Object.values(MentalizingLapse));
    expect(communicationPatternCatalogue.map((c) => c.id)).toEqual(Object.values(CommunicationPattern));
    for (const e of [...lapseCatalogue, ...communicationPatternCatalogue, ...ruptureTypeCatalogue]) {
      expect(e.source).toMatch(/DOMAIN §/);
    }
  });
});

describe(assertCommunicationAnalysis.name, () => {
  it('accepts a turn-by-turn analysis of the course', () => {
    expect(() => assertCommunicationAnalysis(analysis, ctx)).not.toThrow();
    expect(() => assertCommunicationAnalysis({ ...analysis, personId: null, turns: [] }, ctx)).not.toThrow();
  });

  const turn = analysis.turns[0] as CommunicationAnalysis['turns'][number];
  it.each([
    ['a session of another course', { sessionId: 's99' }, 'sessionId'],
    ['a person not in the inventory', { personId: 'p-x' }, 'personId'],
    ['a blank incident', { incident: '  ' }, 'incident'],
    ['two turns with one id', { turns: [turn, turn] }, 'turns'],
    ['an unknown speaker', { turns: [{ ...turn, speaker: 'narrator' }] }, 'turns.speaker'],
    ['an unknown lapse', { turns: [{ ...turn, lapses: ['denial'] }] }, 'turns.lapses'],
    ['an unknown prompt', { turns: [{ ...turn, prompts: [{ promptId: 'why', answer: '' }] }] }, 'turns.prompts'],
    [
      'a prompt answered twice on a turn',
      { turns: [{ ...turn, prompts: [...turn.prompts, ...turn.prompts] }] },
      'turns.prompts',
    ],
    ['an unknown pattern', { patterns: ['sarcasm'] }, 'patterns'],
    ['"other" pattern without a note', { patterns: ['other'], patternNote: '' }, 'patternNote'],
    ['a blank alternative', { alternatives: [{ id: 'a1', text: ' ' }] }, 'alternatives'],
    [
      'two alternatives with one id',
      {
        alternatives: [
          { id: 'a1', text: 'x' },
          { id: 'a1', text: 'y' },
        ],
      },
      'alternatives',
    ],
  ])('refuses %s', (_what, change, field) => {
    expect(() => assertCommunicationAnalysis({ ...analysis, ...change } as CommunicationAnalysis, ctx)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field }),
    );
  });
});

describe(rolePlayFromAlternative.name, () => {
  it('carries the incident, the alternative and the person into a role play with the therapist as the other', () => {
    const r = rolePlayFromAlternative(analysis, 'a2', 's6');
    expect(r).toEqual({
      sessionId: 's6',
      analysisId: 'ca-1',
      alternativeId: 'a2',
      personId: 'p-laura',
      scenario:
        'Laura said she would be late again on Friday.\nTrying instead: I feel let down when plans change late.',
      therapistPlays: 'other',
      rounds: [],
      confidenceBefore: null,
      confidenceAfter: null,
    });
    expect(() => assertRolePlay(r, { ...ctx, analyses: [analysis] })).not.toThrow();
  });

  it('refuses an alternative the analysis does not have', () => {
    expect(() => rolePlayFromAlternative(analysis, 'a9', 's6')).toThrow(
      expect.objectContaining({ field: 'alternativeId' }),
    );
  });
});

describe(assertRolePlay.name, () => {
  const rp: RolePlay = {
    sessionId: 's6',
    analysisId: 'ca-1',
    alternativeId: 'a1',
    personId: 'p-laura',
    scenario: 'Asking Laura to plan Friday together.',
    therapistPlays: 'other',
    rounds: [
      { id: 'r1', tried: 'Asked quietly', feedback: 'Clear, but looked away.' },
      { id: 'r2', tried: 'Asked looking at her', feedback: 'Much clearer.' },
    ],
    confidenceBefore: 3,
    confidenceAfter: 7,
  };
  const rctx = { ...ctx, analyses: [analysis] };

  it('accepts a role play, with or without an analysis', () => {
    expect(() => assertRolePlay(rp, rctx)).not.toThrow();
    expect(() => assertRolePlay({ ...rp, analysisId: null, alternativeId: null, personId: null }, rctx)).not.toThrow();
  });

  it.each([
    ['a session of another course', { sessionId: 's99' }, 'sessionId'],
    ['a person not in the inventory', { personId: 'p-x' }, 'personId'],
    ['a blank scenario', { scenario: '' }, 'scenario'],
    ['an unknown role', { therapistPlays: 'both' }, 'therapistPlays'],
    ['an unknown analysis', { analysisId: 'ca-9' }, 'analysisId'],
    ['an alternative the analysis lacks', { alternativeId: 'a9' }, 'alternativeId'],
    ['an alternative without its analysis', { analysisId: null }, 'analysisId'],
    ['two rounds with one id', { rounds: [rp.rounds[0], rp.rounds[0]] }, 'rounds'],
    ['confidence above 10', { confidenceAfter: 11 }, 'confidenceAfter'],
    ['confidence below 0', { confidenceBefore: -1 }, 'confidenceBefore'],
  ])('refuses %s', (_what, change, field) => {
    expect(() => assertRolePlay({ ...rp, ...change } as RolePlay, rctx)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field }),
    );
  });
});

describe(assertDecisionAnalysis.name, () => {
  const sessionNumbers = new Map([
    ['s5', 5],
    ['s6', 6],
    ['s7', 7],
  ]);
  const d: DecisionAnalysis = {
    sessionId: 's6',
    decision: 'Whether to ask my sister for help with the children.',
    options: [
      { id: 'o1', text: 'Ask her', pros: ['Time for me'], cons: ['She may say no'], emotionalConsequences: 'Anxious' },
      { id: 'o2', text: 'Manage alone', pros: [], cons: ['Exhausted'], emotionalConsequences: 'Resentful' },
    ],
    chosenOptionId: 'o1',
    plan: { who: 'Me', when: 'Sunday', words: 'Could you take them on Tuesdays?' },
    outcome: { sessionId: 's7', result: 'as-planned', note: 'She agreed.' },
  };

  it('accepts an analysis whose outcome is reviewed at a later session', () => {
    expect(() => assertDecisionAnalysis(d, { sessionNumbers })).not.toThrow();
    expect(() =>
      assertDecisionAnalysis({ ...d, chosenOptionId: null, outcome: null }, { sessionNumbers }),
    ).not.toThrow();
  });

  it.each([
    ['a session of another course', { sessionId: 's99' }, 'sessionId'],
    ['a blank decision', { decision: ' ' }, 'decision'],
    ['a blank option', { options: [{ ...d.options[0], text: '' }] }, 'options'],
    ['a chosen option that does not exist', { chosenOptionId: 'o9' }, 'chosenOptionId'],
    ['an outcome without a choice', { chosenOptionId: null }, 'chosenOptionId'],
    [
      'an outcome at the same session',
      { outcome: { sessionId: 's6', result: 'partly', note: '' } },
      'outcome.sessionId',
    ],
    [
      'an outcome at an earlier session',
      { outcome: { sessionId: 's5', result: 'partly', note: '' } },
      'outcome.sessionId',
    ],
    [
      'an outcome at an unknown session',
      { outcome: { sessionId: 's99', result: 'partly', note: '' } },
      'outcome.sessionId',
    ],
    ['an unknown outcome', { outcome: { sessionId: 's7', result: 'maybe', note: '' } }, 'outcome.result'],
  ])('refuses %s', (_what, change, field) => {
    expect(() => assertDecisionAnalysis({ ...d, ...change } as DecisionAnalysis, { sessionNumbers })).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field }),
    );
  });
});

describe(assertRupture.name, () => {
  const r: Rupture = {
    sessionId: 's5',
    type: 'withdrawal',
    observed: 'Went quiet after feedback; agreed to everything.',
    repair: 'Asked what it was like to hear that.',
    metacommunication: true,
    linkOutside: 'Same as with Laura: goes quiet, then resentful.',
    resolved: true,
  };

  it('accepts a rupture of the course', () => {
    expect(() => assertRupture(r, ctx)).not.toThrow();
    expect(() => assertRupture({ ...r, type: 'confrontation', repair: '', resolved: null }, ctx)).not.toThrow();
  });

  it.each([
    ['a session of another course', { sessionId: 's99' }, 'sessionId'],
    ['an unknown type', { type: 'sulking' }, 'type'],
    ['nothing observed', { observed: '  ' }, 'observed'],
  ])('refuses %s', (_what, change, field) => {
    expect(() => assertRupture({ ...r, ...change } as Rupture, ctx)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field }),
    );
  });
});
