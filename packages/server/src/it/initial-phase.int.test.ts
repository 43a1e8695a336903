import type { InstrumentDefinition } from '@ipt/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dbTargets,
  movableClock,
  problemOf,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';
import { buildWorld, PASSWORD } from '../../test/world.js';

const targets = await dbTargets();

describe.each(targets)('the initial phase on $name', (target) => {
  let server: TestServer;
  let clinician: SignedIn;
  const clock = movableClock(new Date('2026-01-26T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    const world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  const newCourse = async (name: string, yearOfBirth: number) => {
    const patient = await clinician.api.createPatient({ body: { displayName: name, yearOfBirth } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: { schoolPreset: 'weissman-markowitz', schedule: { weekday: 1, time: '10:00' }, startDate: '2026-01-05' },
    });
    return course;
  };

  it("carries Joy's initial phase from inventory to the gate, as in the case history", async () => {
    // First, Joy's course and the story of the episode on the timeline (Markowitz & Weissman 2012, shared/seeds).
    const course = await newCourse('Joy (test)', 1989);
    const courseId = course.id;
    await clinician.api.createEpisode({
      params: { courseId },
      body: { kind: 'current', type: 'depressive', start: { year: 2025, month: 11 } },
    });
    const ben = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Ben', relationship: 'partner', closenessRing: 1, positives: 'Encouraging and supportive' },
    });
    const laura = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: {
        personName: 'Laura',
        relationship: 'other',
        relationshipDetail: 'ex-partner',
        closenessRing: 2,
        conflict: { present: true, whatHappens: 'Asks her to take on childcare at short notice' },
        expectations: { patient: 'Shared, planned childcare', other: 'Joy helps whenever asked', met: 'no' },
      },
    });
    await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Maxine', relationship: 'child' },
    });
    expect(ben.version).toBe(1);

    // A person already there is refused, and merged when the clinician says so.
    const dup = await problemOf(
      clinician.api.createInventoryEntry({
        params: { courseId },
        body: { personName: ' laura ', relationship: 'other' },
      }),
    );
    expect(dup).toMatchObject({ status: 409 });
    expect(dup.detail).toContain(laura.id);
    const merged = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Laura', relationship: 'other', desiredChange: 'Be able to say no', mergeInto: laura.id },
    });
    expect(merged).toMatchObject({ id: laura.id, version: 2 });

    await clinician.api.createLifeEvent({
      params: { courseId },
      body: { date: { year: 2025, month: 9 }, category: 'health', description: 'Heart attack' },
    });
    await clinician.api.createLifeEvent({
      params: { courseId },
      body: { date: { year: 2025, month: 10 }, category: 'work', description: 'Quit her high-stress job' },
    });

    // The hints say why: a dispute with non-reciprocal expectations, a role change near onset.
    let view = await clinician.api.getInitialPhase({ params: { courseId } });
    const hinted = view.hints.map((h) => h.area);
    expect(hinted).toEqual(expect.arrayContaining(['dispute', 'transition']));
    expect(view.hints.every((h) => typeof h.why === 'string' && h.why.length > 10)).toBe(true);
    expect(view.proximal.filter((p) => p.proximal)).toHaveLength(2);

    // The gate refuses the middle phase while work is missing, and names it.
    const early = await problemOf(
      clinician.api.createPhaseTransition({
        params: { courseId },
        body: { to: 'middle', reason: 'Too soon' },
        ifMatch: 1,
      }),
    );
    expect(early).toMatchObject({ status: 422, errors: [{ field: 'gate' }] });

    // Role dispute, at the renegotiation stage, with Laura, and why.
    await clinician.api.putProblemArea({
      params: { courseId },
      body: {
        preset: 'weissman4',
        primary: { area: 'dispute', disputeStage: 'renegotiation', personId: laura.id },
        rationale: 'Different expectations with her ex-partner about childcare; resentment she does not voice.',
      },
      ifMatch: 0,
    });
    view = await clinician.api.getInitialPhase({ params: { courseId } });
    expect(view.problemArea?.data).toMatchObject({ differsFromHints: false });
    expect(view.draftFormulation).toMatch(/not your fault|treatable/i);

    // The formulation is written from the draft, presented, and agreed in Joy's words.
    let formulation = await clinician.api.putFormulation({
      params: { courseId },
      body: { text: view.draftFormulation as string },
      ifMatch: 0,
    });
    formulation = await clinician.api.createFormulationTransition({
      params: { courseId },
      body: { to: 'presented' },
      ifMatch: formulation.version,
    });
    const agreed = await clinician.api.createFormulationTransition({
      params: { courseId },
      body: { to: 'agreed', patientWords: 'Yes, it is about Laura and me not saying no.' },
      ifMatch: formulation.version,
    });
    expect(agreed.data).toMatchObject({
      status: 'agreed',
      patientWords: 'Yes, it is about Laura and me not saying no.',
    });
    expect((agreed.data.history as { status: string }[]).map((h) => h.status)).toEqual(['presented', 'agreed']);

    const contract = await clinician.api.putTreatmentContract({
      params: { courseId },
      body: {
        sessionMinutes: 50,
        areaGoals: [],
        personalGoals: ['Say no to last-minute requests without guilt'],
        missedSessions: 'Call the day before; a missed session still counts.',
        safety: 'Crisis numbers given; call the service if thoughts of self-harm return.',
      },
      ifMatch: 0,
    });
    expect(contract.data).toMatchObject({ plannedSessions: 16, endDate: '2026-04-20' });
    await clinician.api.putInitialFacts({
      params: { courseId },
      body: { diagnosis: 'Major depressive disorder', sickRoleExplained: true, safetyScreenDone: true },
      ifMatch: 0,
    });
    const phq = (await clinician.api.listInstruments({})).find((i) => i.id === 'phq-9') as InstrumentDefinition;
    await clinician.api.createAdministration({
      params: { courseId },
      body: { instrumentId: 'phq-9', instrumentVersion: phq.version, answers: [2, 2, 2, 2, 1, 2, 2, 1, 0, 1] },
    });

    // Everything on the checklist is done: the gate lets the course into the middle phase.
    view = await clinician.api.getInitialPhase({ params: { courseId } });
    expect(view.checklist.filter((c) => !c.done).map((c) => c.id)).toEqual([]);
    const moved = await clinician.api.createPhaseTransition({
      params: { courseId },
      body: { to: 'middle', reason: 'Formulation agreed; contract set.' },
      ifMatch: 1,
    });
    expect(moved.course.phase).toBe('middle');

    // A life event during the course annotates the symptom charts: one mechanism for both.
    await clinician.api.createLifeEvent({
      params: { courseId },
      body: {
        date: '2026-01-20',
        category: 'dispute',
        personId: laura.id,
        description: 'Argument with Laura about the weekend',
      },
    });
    const chart = await clinician.api.getMeasures({ params: { courseId } });
    expect(chart.annotations).toContainEqual(
      expect.objectContaining({
        date: '2026-01-20',
        label: 'Argument with Laura about the weekend',
        kind: 'life-event',
      }),
    );
    expect(chart.annotations.map((a) => a.label)).not.toContain('Heart attack');
  });

  it('lets Ethyl choose interpersonal sensitivities over the grief hint, and records that it differs', async () => {
    const course = await newCourse('Ethyl (test)', 1973);
    const courseId = course.id;
    await clinician.api.createEpisode({
      params: { courseId },
      body: { kind: 'current', type: 'depressive', start: { year: 2025, month: 8 } },
    });
    const brandy = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: {
        personName: 'Brandy (her dog)',
        relationship: 'other',
        deceased: true,
        dateOfDeath: { year: 2025, month: 7 },
      },
    });
    await clinician.api.createLifeEvent({
      params: { courseId },
      body: {
        date: { year: 2025, month: 7 },
        category: 'death',
        personId: brandy.id,
        description: 'Her dog Brandy died',
      },
    });
    const view = await clinician.api.getInitialPhase({ params: { courseId } });
    expect(view.hints.map((h) => h.area)).toContain('grief');
    const choice = await clinician.api.putProblemArea({
      params: { courseId },
      body: {
        preset: 'weissman4',
        primary: { area: 'deficits' },
        rationale: 'A life-long pattern of impoverished relationships amplified the loss; sensitivities over grief.',
      },
      ifMatch: 0,
    });
    expect(choice.data).toMatchObject({ differsFromHints: true });
  });

  it('refuses dates in the future or before birth, and a stale edit, with a clear message', async () => {
    const course = await newCourse('Dates (test)', 1990);
    const future = await problemOf(
      clinician.api.createLifeEvent({
        params: { courseId: course.id },
        body: { date: '2026-06-01', category: 'work', description: 'Not yet' },
      }),
    );
    expect(future).toMatchObject({ status: 422, errors: [{ field: 'date' }] });
    expect(future.detail).toMatch(/future/);
    const beforeBirth = await problemOf(
      clinician.api.createLifeEvent({
        params: { courseId: course.id },
        body: { date: { year: 1980 }, category: 'move', description: 'Before she was born' },
      }),
    );
    expect(beforeBirth).toMatchObject({ status: 422, errors: [{ field: 'date' }] });
    const entry = await clinician.api.createInventoryEntry({
      params: { courseId: course.id },
      body: { personName: 'Alex', relationship: 'friend' },
    });
    await clinician.api.updateInventoryEntry({
      params: { recordId: entry.id },
      body: { positives: 'Kind' },
      ifMatch: 1,
    });
    const stale = await problemOf(
      clinician.api.updateInventoryEntry({ params: { recordId: entry.id }, body: { positives: 'Lost?' }, ifMatch: 1 }),
    );
    expect(stale).toMatchObject({ status: 409, currentVersion: 2 });
  });
});
