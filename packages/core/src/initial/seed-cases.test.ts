/**
 * The two seed cases, walked through the initial phase as stories. Facts come from shared/seeds/: Joy (Markowitz &
 * Weissman 2012 casebook, as retold in 002_*.txt) and Ethyl (Law, Ravitz, Pain & Fonagy 2022, 000_*.txt). Dates,
 * scores and the people's closeness rings are ours: the articles give none, so they are plausible fixtures.
 */
import { describe, expect, it } from 'vitest';
import { defaultSchedule } from '../course/measure-schedule.js';
import { type CircleSnapshot, compareSnapshots, moveToRing, placeByCloseness } from './circle.js';
import { assertTreatmentContract, draftTreatmentContract } from './contract.js';
import { applyFormulationTransition, draftFormulation, newFormulation } from './formulation.js';
import { assertGate, initialPhaseChecklist } from './gate.js';
import { problemAreaHints } from './hints.js';
import { assertInventoryEntry, type InventoryEntry, newInventoryEntry } from './inventory.js';
import { findDuplicatePerson } from './inventory-merge.js';
import { recordProblemAreaChoice } from './problem-area-choice.js';
import {
  assertEpisode,
  assertLifeEvent,
  currentEpisodeOnset,
  type Episode,
  type LifeEvent,
  proximalEvents,
} from './timeline.js';

const today = '2026-03-02';

describe('Joy: a role dispute with her ex-partner', () => {
  const dates = { today, yearOfBirth: 1988 };
  const inventory: InventoryEntry[] = [
    {
      id: 'ben',
      ...newInventoryEntry('Ben', 'partner'),
      closenessRing: 1,
      positives: 'Encouraging and supportive; we spend most evenings together.',
      negatives: 'Not sure he wants to be with me; I feel I do not deserve his kindness.',
      supportReceived: ['emotional'],
    },
    {
      id: 'laura',
      ...newInventoryEntry('Laura', 'other'),
      relationshipDetail: 'ex-partner; we co-parent her daughter Maxine',
      closenessRing: 2,
      negatives: 'Manipulative when we were together.',
      conflict: {
        present: true,
        frequency: 'more since I quit my job',
        whatHappens: 'She asks me to cover childcare at short notice; I resent it and give in.',
        outcome: 'dropped',
      },
      expectations: {
        patient: 'Laura keeps to her own responsibilities',
        other: 'Joy picks up childcare at short notice',
        met: 'no',
      },
      communicationStyle: ['avoids-confrontation'],
      cannotTalkAbout: 'Saying no: I fear she would cut me off from Maxine.',
      supportReceived: ['source-of-stress'],
      changedNearOnset: {
        changed: true,
        date: { year: 2025, month: 12 },
        description: 'More demands since I left my job.',
      },
      relationToEpisode: 'both',
    },
    {
      id: 'maxine',
      ...newInventoryEntry('Maxine', 'child'),
      relationshipDetail: "Laura's daughter, whom Joy co-parents two nights a week",
      closenessRing: 1,
    },
  ];
  const events: LifeEvent[] = [
    {
      id: 'left-laura',
      date: { year: 2024 },
      category: 'transition',
      personId: 'laura',
      description: 'Left Laura',
      perceivedImpact: 1,
    },
    {
      id: 'heart-attack',
      date: { year: 2025, month: 10 },
      category: 'health',
      description: 'Heart attack',
      perceivedImpact: -3,
    },
    {
      id: 'quit-job',
      date: '2025-11-14',
      category: 'work',
      description: 'Quit her high-stress job',
      perceivedImpact: -2,
    },
    {
      id: 'childcare-row',
      date: { year: 2026, month: 1 },
      category: 'dispute',
      personId: 'laura',
      description: 'Rows with Laura over childcare',
    },
  ];
  const episode: Episode = { id: 'current', kind: 'current', type: 'depressive', start: { year: 2025, month: 12 } };

  it('goes from inventory and timeline to hints, a dispute choice, an agreed formulation, a contract and through the gate', () => {
    // First, the clinician records the three people and the life events; all dates are in the past and after birth.
    for (const entry of inventory) assertInventoryEntry(entry, dates);
    for (const event of events) assertLifeEvent(event, dates);
    assertEpisode(episode, dates);
    // Adding "laura" again offers to merge with the entry already there.
    expect(findDuplicatePerson(inventory, ' laura ')?.entry.id).toBe('laura');

    // The timeline marks the heart attack, quitting the job and the rows as close to the onset; leaving Laura is not.
    const onset = currentEpisodeOnset([episode]);
    expect(onset).not.toBeNull();
    if (onset === null) return;
    expect(
      proximalEvents(events, onset)
        .filter((p) => p.proximal)
        .map((p) => p.event.id),
    ).toEqual(['heart-attack', 'quit-job', 'childcare-row']);

    // The hints suggest a dispute (Laura) and a transition (heart attack, job); no grief, no deficits.
    const hints = problemAreaHints({ onset, events, inventory, circle: placeByCloseness(inventory) });
    expect(hints.map((h) => h.area)).toEqual(['dispute', 'transition']);
    expect(
      hints[0]?.evidence.map((e) => (e.kind === 'person' ? e.personId : e.kind === 'event' ? e.eventId : '')),
    ).toEqual(['laura', 'childcare-row']);
    expect(hints[1]?.evidence.map((e) => (e.kind === 'event' ? e.eventId : ''))).toEqual(['heart-attack', 'quit-job']);

    // The clinician chooses the dispute with Laura, sets its stage and writes why: it agrees with the hints.
    const choice = recordProblemAreaChoice(
      {
        preset: 'weissman4',
        primary: { area: 'dispute', disputeStage: 'renegotiation', personId: 'laura' },
        rationale:
          'Conflicts with Laura over childcare grew after Joy quit her job; she gives in without stating her needs. The focus resonated with Joy.',
      },
      hints,
    );
    expect(choice.differsFromHints).toBe(false);

    // The formulation is drafted, presented and agreed in Joy's words.
    const text = draftFormulation({
      diagnosis: 'major depression',
      baseline: { instrumentShortName: 'PHQ-9', total: 17, bandLabel: 'Moderately severe' },
      onset,
      linkingEvent: 'you left your job after your heart attack, and the arguments with Laura about childcare grew',
      linkingPerson: 'Laura',
      problemArea: choice.primary.area,
      plannedSessions: 16,
      patientName: 'Joy',
    });
    expect(text).toContain('We call this a role dispute');
    let formulation = applyFormulationTransition(newFormulation(text), { to: 'presented', on: '2026-03-16' });
    formulation = applyFormulationTransition(formulation, {
      to: 'agreed',
      on: '2026-03-16',
      patientWords: 'Yes. I always end up saying yes to Laura.',
    });

    // The contract: 16 weekly sessions from the first session, the dispute goals, Joy's own goal.
    const contract = {
      ...draftTreatmentContract({
        plannedSessions: 16,
        startDate: today,
        schedule: { weekday: 1, time: '10:00' },
        primary: 'dispute',
        focusStatement: 'The disagreement with Laura about childcare.',
        measurementSchedule: defaultSchedule(false),
      }),
      personalGoals: ['Stand up for myself with Laura and still be a good mother to Maxine'],
      missedSessions: 'Tell the clinic a day ahead; a missed session is not added at the end.',
      safety: 'Call the clinic, or the crisis line out of hours, if things get worse.',
    };
    assertTreatmentContract(contract);

    // The gate lets the course into the middle phase.
    const facts = {
      diagnosis: 'Major depressive disorder',
      baselineSeverity: { instrumentId: 'phq-9', total: 17 },
      sickRoleExplained: true,
      inventoryCount: inventory.length,
      currentEpisodeOnset: onset,
      primaryProblemArea: choice.primary.area,
      formulationStatus: formulation.status,
      contract: { plannedSessions: contract.plannedSessions, endDate: contract.endDate },
      safetyScreenDone: true,
      openRiskFlags: 0,
    };
    expect(initialPhaseChecklist(facts).every((i) => i.done)).toBe(true);
    expect(assertGate(facts)).toEqual({ overridden: false, missing: [], reason: null });
    expect(contract.endDate).toBe('2026-06-15');
  });

  it('shows the change in her circle between intake and the end of treatment', () => {
    const intake: CircleSnapshot = {
      phase: 'intake',
      takenAt: today,
      rings: 3,
      placements: placeByCloseness(inventory),
    };
    const end: CircleSnapshot = {
      phase: 'end-of-treatment',
      takenAt: '2026-06-15',
      rings: 3,
      placements: moveToRing(intake.placements, 'laura', 3),
    };
    expect(compareSnapshots(intake, end).changes.filter((c) => c.change !== 'unchanged')).toEqual([
      { personId: 'laura', change: 'moved-out', fromRing: 2, toRing: 3 },
    ]);
  });
});

describe('Ethyl: interpersonal sensitivities chosen over the grief hint', () => {
  const dates = { today, yearOfBirth: 1972 };
  const inventory: InventoryEntry[] = [
    {
      id: 'brandy',
      ...newInventoryEntry('Brandy', 'other'),
      relationshipDetail: 'her dog and main companion',
      closenessRing: 1,
      positives: 'Uncomplicated affection and support for many years.',
      deceased: true,
      dateOfDeath: { year: 2025, month: 9 },
    },
    {
      id: 'mother',
      ...newInventoryEntry('Mother', 'parent'),
      closenessRing: 3,
      negatives: 'Untreated depression; a passive presence.',
    },
    {
      id: 'father',
      ...newInventoryEntry('Father', 'parent'),
      closenessRing: 3,
      negatives: 'Retreated into work and alcohol; volatile.',
    },
    { id: 'park', ...newInventoryEntry('Dog owners at the park', 'other'), closenessRing: 3 },
  ];
  const events: LifeEvent[] = [
    {
      id: 'brandy-died',
      date: { year: 2025, month: 9 },
      category: 'death',
      personId: 'brandy',
      description: 'Brandy died',
      perceivedImpact: -3,
    },
  ];
  const episodes: Episode[] = [
    { id: 'adolescence', kind: 'past', type: 'depressive', start: { year: 1987 } },
    { id: 'current', kind: 'current', type: 'depressive', start: { year: 2025, month: 10 } },
  ];

  it('fires the grief hint for her dog’s death, and lets her clinician choose sensitivities with a rationale', () => {
    for (const entry of inventory) assertInventoryEntry(entry, dates);
    for (const episode of episodes) assertEpisode(episode, dates);
    const onset = currentEpisodeOnset(episodes);
    const circle = placeByCloseness(inventory);
    const hints = problemAreaHints({ onset, events, inventory, circle });
    expect(hints.map((h) => h.rule)).toEqual(['death-near-onset']);
    expect(hints[0]?.evidence).toEqual([
      expect.objectContaining({ kind: 'event', eventId: 'brandy-died', personId: 'brandy' }),
    ]);

    const choice = recordProblemAreaChoice(
      {
        preset: 'weissman4',
        primary: { area: 'deficits' },
        rationale:
          'Grief was considered, but her life-long pattern of impoverished relationships is more salient: isolation amplified the loss of Brandy.',
      },
      hints,
    );
    expect(choice).toMatchObject({ hintedAreas: ['grief'], differsFromHints: true });
    const text = draftFormulation({
      diagnosis: 'depression',
      onset: onset ?? { year: 2025 },
      onsetWording: 'worsened',
      linkingEvent: 'your dog Brandy died',
      problemArea: 'deficits',
      plannedSessions: 16,
      patientName: 'Ethyl',
    });
    expect(text).toContain('Your symptoms got worse in October 2025, around the time that your dog Brandy died.');
    expect(text).toContain('We call this interpersonal sensitivity');
  });

  it('would suggest deficits/sensitivities, with the warning, had the death not been near the onset', () => {
    const onset = currentEpisodeOnset(episodes);
    const longAgo = inventory.map((e) => (e.id === 'brandy' ? { ...e, dateOfDeath: { year: 2024, month: 1 } } : e));
    const hints = problemAreaHints({ onset, events: [], inventory: longAgo });
    expect(hints.map((h) => h.rule)).toEqual(['sparse-circle-no-other-area']);
    expect(hints[0]?.evidence).toEqual([expect.objectContaining({ kind: 'circle', closePeople: 0 })]);
    expect(hints[0]?.warnings.map((w) => w.id)).toContain('exclude-other-areas-first');
  });
});
