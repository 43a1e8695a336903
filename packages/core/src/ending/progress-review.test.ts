import { describe, expect, it } from 'vitest';
import { checklistFor } from '../initial/area-checklists.js';
import type { CircleSnapshot } from '../initial/circle.js';
import { phq9 } from '../measures/phq-9.js';
import type { SessionWork } from '../middle/model.js';
import { newSessionWork } from '../middle/session-work.js';
import { assembleProgressReview, type ProgressReviewInput } from './progress-review.js';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const work = (sessionId: string, w: Partial<SessionWork>): SessionWork => ({
  ...newSessionWork(sessionId),
  status: 'finished',
  finishedAt: '2026-04-01T11:00:00Z',
  ...w,
});

const intake: CircleSnapshot = {
  phase: 'intake',
  takenAt: '2026-03-09',
  rings: 3,
  placements: [
    { personId: 'p-laura', ring: 2, angle: 0 },
    { personId: 'p-sister', ring: 3, angle: 90 },
    { personId: 'p-boss', ring: 2, angle: 180 },
  ],
};
const latest: CircleSnapshot = {
  phase: 'end-of-treatment',
  takenAt: '2026-06-08',
  rings: 3,
  placements: [
    { personId: 'p-laura', ring: 1, angle: 0 },
    { personId: 'p-sister', ring: 3, angle: 90 },
    { personId: 'p-friend', ring: 2, angle: 270 },
  ],
};

const input: ProgressReviewInput = {
  course: { plannedSessions: 16, startDate: '2026-03-02', lastSessionNumber: 15, attended: 14 },
  primaryInstrumentId: 'phq-9',
  series: [
    {
      instrumentId: 'phq-9',
      points: [
        { date: '2026-06-08', total: 8, sessionNumber: 15 },
        { date: '2026-03-02', total: 18, sessionNumber: 1 },
        { date: '2026-04-20', total: 13, sessionNumber: 8 },
      ],
    },
    {
      instrumentId: 'gad-7',
      points: [
        { date: '2026-03-02', total: 12, sessionNumber: 1 },
        { date: '2026-06-08', total: 10, sessionNumber: 15 },
      ],
    },
  ],
  area: { primary: 'dispute', secondary: null },
  contractGoals: {
    areaGoals: ['dispute.identify', 'dispute.modify'],
    personalGoals: ['Say no to Laura when I need to'],
  },
  goalAttainment: [
    { goal: 'dispute.identify', attainment: 'achieved', note: 'Named in session 4.' },
    { goal: 'Say no to Laura when I need to', attainment: 'partly', note: 'Most weeks.' },
  ],
  inventory: [
    { id: 'p-laura', personName: 'Laura' },
    { id: 'p-sister', personName: 'Ana' },
    { id: 'p-boss', personName: 'Mr Reed' },
    { id: 'p-friend', personName: 'Jo' },
  ],
  circles: { intake, latest },
  initialDisputeStage: { stage: 'impasse' },
  sessionWorks: [
    {
      sessionId: 's5',
      sessionNumber: 5,
      work: work('s5', {
        techniques: ['communication-analysis', 'encouragement-of-affect'],
        strategies: ['dispute.expectations', 'dispute.stage'],
        disputeStage: { stage: 'impasse', note: 'Still not talking.' },
      }),
    },
    {
      sessionId: 's6',
      sessionNumber: 6,
      work: work('s6', { techniques: ['role-play', 'communication-analysis'], strategies: ['dispute.action'] }),
    },
    {
      sessionId: 's7',
      sessionNumber: 7,
      work: work('s7', {
        techniques: ['decision-analysis'],
        strategies: ['dispute.action', 'dispute.expectations'],
        disputeStage: { stage: 'renegotiation', note: 'Talking about Fridays.' },
      }),
    },
  ],
  analyses: [
    {
      id: 'ca-1',
      sessionId: 's5',
      personId: 'p-laura',
      incident: 'Laura late again on Friday.',
      turns: [],
      intendedVsConveyed: '',
      patterns: ['indirect', 'avoided-anger'],
      patternNote: '',
      alternatives: [
        { id: 'a1', text: 'Can we plan Friday together?' },
        { id: 'a2', text: 'I feel let down.' },
      ],
      agreedAttempt: '',
    },
    {
      id: 'ca-2',
      sessionId: 's7',
      personId: null,
      incident: 'Row in the car park.',
      turns: [],
      intendedVsConveyed: '',
      patterns: [],
      patternNote: '',
      alternatives: [],
      agreedAttempt: '',
    },
  ],
  rolePlays: [
    {
      id: 'rp-1',
      sessionId: 's6',
      analysisId: 'ca-1',
      alternativeId: 'a1',
      personId: 'p-laura',
      scenario: 'Asking Laura to plan Friday.',
      therapistPlays: 'other',
      rounds: [],
      confidenceBefore: 3,
      confidenceAfter: 7,
    },
  ],
  decisions: [
    {
      id: 'da-1',
      sessionId: 's6',
      decision: 'Ask my sister for help?',
      options: [
        { id: 'o1', text: 'Ask her', pros: [], cons: [], emotionalConsequences: '' },
        { id: 'o2', text: 'Manage alone', pros: [], cons: [], emotionalConsequences: '' },
      ],
      chosenOptionId: 'o1',
      plan: { who: 'Me', when: 'Sunday', words: '' },
      outcome: { sessionId: 's7', result: 'as-planned', note: '' },
    },
    {
      id: 'da-2',
      sessionId: 's7',
      decision: 'Change jobs?',
      options: [],
      chosenOptionId: null,
      plan: { who: '', when: '', words: '' },
      outcome: null,
    },
  ],
  ruptures: [
    {
      id: 'ru-1',
      sessionId: 's6',
      type: 'withdrawal',
      observed: 'Went quiet.',
      repair: '',
      metacommunication: true,
      linkOutside: '',
      resolved: true,
    },
  ],
};

describe(assembleProgressReview.name, () => {
  const review = assembleProgressReview(input);

  it('carries the course facts and the chosen areas', () => {
    expect(review.course).toEqual({
      plannedSessions: 16,
      attended: 14,
      lastSessionNumber: 15,
      startDate: '2026-03-02',
      primaryArea: 'dispute',
      secondaryArea: null,
    });
  });

  it('gives each measure its trajectory from baseline, sorted by date, with bands and change', () => {
    const [phq, gad] = review.measures;
    expect(phq).toMatchObject({
      instrumentId: 'phq-9',
      shortName: phq9.shortName,
      maxTotal: 27,
      baseline: { date: '2026-03-02', total: 18, band: 'Moderately severe' },
      latest: { date: '2026-06-08', total: 8, band: 'Mild' },
      change: -10,
    });
    expect(phq?.points.map((p) => [p.total, p.sessionNumber])).toEqual([
      [18, 1],
      [13, 8],
      [8, 15],
    ]);
    expect(gad).toMatchObject({ instrumentId: 'gad-7', change: -2, latest: { band: 'Moderate' } });
  });

  it('judges response, remission and reliable change with the instrument thresholds (measures/change.ts)', () => {
    const [phq, gad] = review.measures;
    expect(phq?.response).toMatchObject({ met: true, source: phq9.thresholds.responseFraction?.source });
    expect(phq?.remission).toMatchObject({ met: false, definition: 'Remission: latest total ≤ 4.' });
    expect(phq?.reliableImprovement).toMatchObject({ met: true, definition: 'Improved by at least 6 points.' });
    expect(phq?.reliableDeterioration.met).toBe(false);
    expect(gad?.reliableImprovement.met).toBe(false);
    expect(gad?.response.met).toBe(false);
    for (const m of review.measures) {
      for (const j of [m.response, m.remission, m.reliableImprovement, m.reliableDeterioration]) {
        expect(j.source).not.toBe('');
      }
    }
  });

  it('marks the course improved on the primary measure', () => {
    expect(review.improved).toBe(true);
  });

  it('lists the contract goals with their text and attainment, keeping attainment of goals not in the contract', () => {
    const identify = checklistFor('dispute').goals.find((g) => g.id === 'dispute.identify');
    expect(review.goals).toEqual([
      {
        goal: 'dispute.identify',
        text: identify?.text,
        kind: 'area',
        attainment: 'achieved',
        note: 'Named in session 4.',
      },
      {
        goal: 'dispute.modify',
        text: checklistFor('dispute').goals.find((g) => g.id === 'dispute.modify')?.text,
        kind: 'area',
        attainment: null,
        note: '',
      },
      {
        goal: 'Say no to Laura when I need to',
        text: 'Say no to Laura when I need to',
        kind: 'personal',
        attainment: 'partly',
        note: 'Most weeks.',
      },
    ]);
    const extra = assembleProgressReview({
      ...input,
      goalAttainment: [...input.goalAttainment, { goal: 'dispute.plan', attainment: 'not-achieved', note: '' }],
    });
    expect(extra.goals.at(-1)).toMatchObject({ goal: 'dispute.plan', kind: 'area', attainment: 'not-achieved' });
  });

  it('sets the circle at intake beside now, person by person, by name', () => {
    expect(review.relationships).toEqual({
      inventory: { atIntake: 4, now: 4, addedSince: [] },
      intakeDate: '2026-03-09',
      latestDate: '2026-06-08',
      people: [
        { personId: 'p-laura', name: 'Laura', intakeRing: 2, latestRing: 1, change: 'moved-in' },
        { personId: 'p-sister', name: 'Ana', intakeRing: 3, latestRing: 3, change: 'unchanged' },
        { personId: 'p-boss', name: 'Mr Reed', intakeRing: 2, latestRing: null, change: 'gone' },
        { personId: 'p-friend', name: 'Jo', intakeRing: null, latestRing: 2, change: 'new' },
      ],
    });
  });

  it('with one snapshot shows it without a change; with none, no people', () => {
    const onlyIntake = assembleProgressReview({ ...input, circles: { intake, latest: null } }).relationships;
    expect(onlyIntake.latestDate).toBeNull();
    expect(onlyIntake.people[0]).toEqual({
      personId: 'p-laura',
      name: 'Laura',
      intakeRing: 2,
      latestRing: null,
      change: null,
    });
    const onlyLatest = assembleProgressReview({ ...input, circles: { intake: null, latest } }).relationships;
    expect(onlyLatest.people[0]).toMatchObject({ intakeRing: null, latestRing: 1, change: null });
    expect(assembleProgressReview({ ...input, circles: { intake: null, latest: null } }).relationships).toEqual({
      inventory: { atIntake: 4, now: 4, addedSince: [] },
      intakeDate: null,
      latestDate: null,
      people: [],
    });
  });

  it('sets the inventory at the end of the initial phase beside the inventory now, naming who was added since', () => {
    const dated = {
      ...input,
      inventory: input.inventory.map((p) => ({
        ...p,
        addedOn: p.id === 'p-friend' ? '2026-02-20T10:00:00.000Z' : '2026-01-12T10:00:00.000Z',
      })),
      initialPhaseEndedAt: '2026-01-26T11:00:00.000Z',
    };
    expect(assembleProgressReview(dated).relationships.inventory).toEqual({
      atIntake: 3,
      now: 4,
      addedSince: [{ personId: 'p-friend', name: 'Jo', addedOn: '2026-02-20' }],
    });
    // Still in the initial phase: everyone recorded so far belongs to the intake.
    expect(assembleProgressReview({ ...dated, initialPhaseEndedAt: null }).relationships.inventory).toEqual({
      atIntake: 4,
      now: 4,
      addedSince: [],
    });
  });

  it('counts the sessions per technique, in DOMAIN §5 order', () => {
    expect(review.work.sessionsWorked).toBe(3);
    expect(review.work.techniques).toEqual([
      { technique: 'encouragement-of-affect', sessions: 1 },
      { technique: 'communication-analysis', sessions: 2 },
      { technique: 'decision-analysis', sessions: 1 },
      { technique: 'role-play', sessions: 1 },
    ]);
  });

  it('counts the sessions per strategy, in the checklist order, with its text', () => {
    const text = (id: string) => checklistFor('dispute').strategies.find((s) => s.id === id)?.text;
    expect(review.work.strategies).toEqual([
      { id: 'dispute.stage', text: text('dispute.stage'), sessions: 1 },
      { id: 'dispute.expectations', text: text('dispute.expectations'), sessions: 2 },
      { id: 'dispute.action', text: text('dispute.action'), sessions: 2 },
    ]);
  });

  it('shows the dispute stage history from the area choice', () => {
    expect(review.work.disputeStages).toEqual([
      { stage: 'impasse', sessionNumber: null, note: '' },
      { stage: 'impasse', sessionNumber: 5, note: 'Still not talking.' },
      { stage: 'renegotiation', sessionNumber: 7, note: 'Talking about Fridays.' },
    ]);
  });

  it('lists the incidents, role plays, decisions and ruptures', () => {
    expect(review.work.incidents).toEqual([
      {
        id: 'ca-1',
        incident: 'Laura late again on Friday.',
        personName: 'Laura',
        patterns: ['indirect', 'avoided-anger'],
        alternatives: 2,
        rolePlayed: true,
      },
      {
        id: 'ca-2',
        incident: 'Row in the car park.',
        personName: null,
        patterns: [],
        alternatives: 0,
        rolePlayed: false,
      },
    ]);
    expect(review.work.rolePlays).toEqual([
      { id: 'rp-1', scenario: 'Asking Laura to plan Friday.', confidenceBefore: 3, confidenceAfter: 7 },
    ]);
    expect(review.work.decisions).toEqual([
      { id: 'da-1', decision: 'Ask my sister for help?', chosen: 'Ask her', outcome: 'as-planned' },
      { id: 'da-2', decision: 'Change jobs?', chosen: null, outcome: null },
    ]);
    expect(review.work.ruptures).toEqual([{ id: 'ru-1', type: 'withdrawal', resolved: true }]);
  });

  it('assembles an empty review for a course with no records yet', () => {
    const empty = assembleProgressReview({
      ...input,
      primaryInstrumentId: null,
      series: [],
      area: null,
      contractGoals: null,
      goalAttainment: [],
      circles: { intake: null, latest: null },
      initialDisputeStage: null,
      sessionWorks: [],
      analyses: [],
      rolePlays: [],
      decisions: [],
      ruptures: [],
    });
    expect(empty.improved).toBeNull();
    expect(empty.measures).toEqual([]);
    expect(empty.goals).toEqual([]);
    expect(empty.work).toEqual({
      sessionsWorked: 0,
      techniques: [],
      strategies: [],
      disputeStages: [],
      incidents: [],
      rolePlays: [],
      decisions: [],
      ruptures: [],
    });
  });

  it('refuses a series of an instrument not in the registry', () => {
    expect(() => assembleProgressReview({ ...input, series: [{ instrumentId: 'bdi-ii', points: [] }] })).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field: 'series.instrumentId' }),
    );
  });
});

describe('improved (the primary measure read by readChange, DOMAIN §9.9, §6.1)', () => {
  const withPhq = (totals: number[]) =>
    assembleProgressReview({
      ...input,
      series: [
        {
          instrumentId: 'phq-9',
          points: totals.map((total, i) => ({ date: `2026-0${3 + i}-01`, total, sessionNumber: null })),
        },
      ],
    });

  it('is true with reliable improvement only (a fall of 6 from 18, under 50%)', () => {
    const r = withPhq([18, 12]);
    expect(r.measures[0]?.response.met).toBe(false);
    expect(r.improved).toBe(true);
  });

  it('is true with response only (10 → 5, a fall of 5 points)', () => {
    const r = withPhq([10, 5]);
    expect(r.measures[0]?.reliableImprovement.met).toBe(false);
    expect(r.improved).toBe(true);
  });

  it('is false with neither', () => {
    expect(withPhq([18, 15]).improved).toBe(false);
    expect(withPhq([18, 22]).improved).toBe(false);
  });

  it('is null with fewer than two measurements, saying why', () => {
    const one = withPhq([18]);
    expect(one.improved).toBeNull();
    expect(one.measures[0]?.change).toBeNull();
    expect(one.measures[0]?.reliableImprovement).toMatchObject({
      met: null,
      definition: matching(/two|later/),
    });
    expect(withPhq([]).improved).toBeNull();
  });

  it('is judged on the primary instrument only (EPDS for a perinatal course)', () => {
    const r = assembleProgressReview({
      ...input,
      primaryInstrumentId: 'epds',
      series: [
        ...input.series,
        {
          instrumentId: 'epds',
          points: [
            { date: '2026-03-02', total: 16, sessionNumber: 1 },
            { date: '2026-06-08', total: 13, sessionNumber: 15 },
          ],
        },
      ],
    });
    expect(r.improved).toBe(false);
    expect(assembleProgressReview({ ...input, primaryInstrumentId: 'epds' }).improved).toBeNull();
  });

  it('reads EPDS 15 → 9 as improved, below the cut-off, though not a response (issue 10 part 3)', () => {
    const r = assembleProgressReview({
      ...input,
      primaryInstrumentId: 'epds',
      series: [
        {
          instrumentId: 'epds',
          points: [
            { date: '2026-03-02', total: 15, sessionNumber: 1 },
            { date: '2026-06-08', total: 9, sessionNumber: 15 },
          ],
        },
      ],
    });
    expect(r.primaryInstrumentId).toBe('epds');
    expect(r.measures[0]).toMatchObject({
      response: { met: false },
      belowCutOff: { met: true },
      remission: { met: null, definition: matching(/No standard remission threshold/) },
      outcome: 'improved',
      verdict: 'Improved: below the cut-off',
    });
    expect(r.improved).toBe(true);
  });

  it('is null when the primary measure was in remission at baseline and still is', () => {
    const r = withPhq([3, 2]);
    expect(r.measures[0]?.outcome).toBe('well-throughout');
    expect(r.improved).toBeNull();
  });
});
