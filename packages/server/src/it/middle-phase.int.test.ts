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
import { chooseJoysDispute, holdWeeklySessions } from '../../test/course-story.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();

describe.each(targets)('the middle phase on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  let supervisor: SignedIn;
  const clock = movableClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    supervisor = await server.as(world.users.supervisor.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  /** A role-dispute course with eight weekly sessions held, a PHQ-9 at the first and the eighth. */
  const disputeCourse = async (phq9: readonly [number[], number[]]) => {
    const patient = await clinician.api.createPatient({ body: { displayName: 'Joy (test)', yearOfBirth: 1989 } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: { schoolPreset: 'weissman-markowitz', schedule: { weekday: 1, time: '10:00' }, startDate: '2026-01-05' },
    });
    const courseId = course.id;
    const laura = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Laura', relationship: 'other', relationshipDetail: 'ex-partner', closenessRing: 2 },
    });
    await chooseJoysDispute(clinician.api, courseId, laura.id);
    const phq = (await clinician.api.listInstruments({})).find((i) => i.id === 'phq-9') as InstrumentDefinition;
    const sessions = await holdWeeklySessions(() => clinician.api, courseId, {
      count: 8,
      phqVersion: phq.version,
      dateOf: (n) => new Date(Date.UTC(2026, 0, 5 + 7 * n)).toISOString().slice(0, 10),
      answersAt: (n) => (n === 0 ? phq9[0] : n === 7 ? phq9[1] : null),
    });
    return { courseId, laura, sessions: sessions as [string, ...string[]] & string[] };
  };

  it("keeps a session's work, finishes it, and asks for a reason before a finished record changes", async () => {
    const { courseId, laura, sessions } = await disputeCourse([
      [2, 2, 2, 2, 1, 2, 2, 1, 0, 1],
      [2, 2, 2, 1, 1, 2, 2, 1, 0, 1],
    ]);
    const s4 = sessions[3] as string;
    const draft = await clinician.api.putSessionWork({
      params: { sessionId: s4 },
      body: {
        checkIn: { mood: 4, administrationId: null, sinceLastMet: 'A difficult week: Laura changed the weekend plan.' },
        moodEventLink: 'Mood fell after the call with Laura on Wednesday.',
        strategies: ['dispute.stage', 'dispute.expectations'],
        disputeStage: { stage: 'impasse', note: 'They no longer talk about it.' },
        techniques: ['communication-analysis', 'encouragement-of-affect'],
      },
      ifMatch: 0,
    });
    expect(draft).toMatchObject({ kind: 'session-work', version: 1, data: { status: 'draft', sessionId: s4 } });

    // If-Match "0" again: the record exists, so the caller is told its version.
    expect(
      await problemOf(clinician.api.putSessionWork({ params: { sessionId: s4 }, body: {}, ifMatch: 0 })),
    ).toMatchObject({ status: 409, currentVersion: 1 });
    // A strategy of another problem area is refused, naming the field.
    expect(
      await problemOf(
        clinician.api.putSessionWork({ params: { sessionId: s4 }, body: { strategies: ['grief.mourn'] }, ifMatch: 1 }),
      ),
    ).toMatchObject({ status: 422, errors: [{ field: 'strategies' }] });

    const finished = await clinician.api.putSessionWork({
      params: { sessionId: s4 },
      body: { patientWillTry: 'Tell Laura she needs a week of notice.', status: 'finished' },
      ifMatch: 1,
    });
    expect(finished.version).toBe(2);
    expect(finished.data).toMatchObject({ status: 'finished', finishedAt: '2026-03-02T09:00:00.000Z' });

    const noReason = await problemOf(
      clinician.api.putSessionWork({
        params: { sessionId: s4 },
        body: { patientWillTry: 'Ask for two weeks of notice.' },
        ifMatch: 2,
      }),
    );
    expect(noReason).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    const amended = await clinician.api.putSessionWork({
      params: { sessionId: s4 },
      body: { patientWillTry: 'Ask for two weeks of notice.', reason: 'Typed the wrong notice period.' },
      ifMatch: 2,
    });
    expect(amended.version).toBe(3);
    expect(amended.data.amendments).toEqual([
      expect.objectContaining({ reason: 'Typed the wrong notice period.', fromVersion: 2 }),
    ]);
    const back = await problemOf(
      clinician.api.putSessionWork({ params: { sessionId: s4 }, body: { status: 'draft', reason: 'x' }, ifMatch: 3 }),
    );
    expect(back).toMatchObject({ status: 422, errors: [{ field: 'status' }] });

    // The session itself, once its work is finished, also changes only with a reason, kept with the earlier version.
    const session = await clinician.api.getSession({ params: { sessionId: s4 } });
    const unexplained = await problemOf(
      clinician.api.updateSession({ params: { sessionId: s4 }, body: { lengthMinutes: 45 }, ifMatch: session.version }),
    );
    expect(unexplained).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    const explained = await clinician.api.updateSession({
      params: { sessionId: s4 },
      body: { lengthMinutes: 45, reason: 'The session ended early.' },
      ifMatch: session.version,
    });
    expect(explained).toMatchObject({ lengthMinutes: 45, version: session.version + 1 });
    const sessionRevisions = await clinician.api.listSessionRevisions({ params: { sessionId: s4 } });
    expect(sessionRevisions[0]).toMatchObject({ version: session.version, reason: 'The session ended early.' });
    expect(sessionRevisions[0]?.session).not.toHaveProperty('changeReason');

    // The earlier versions are kept, newest first.
    const revisions = await clinician.api.listCourseRecordRevisions({ params: { recordId: amended.id } });
    expect(revisions.map((r) => r.version)).toEqual([2, 1]);
    expect(revisions[0]?.data).toMatchObject({ patientWillTry: 'Tell Laura she needs a week of notice.' });
    // A stale version is refused; a missing If-Match asks for one.
    expect(
      await problemOf(
        clinician.api.putSessionWork({ params: { sessionId: s4 }, body: { curiosityNote: 'x' }, ifMatch: 2 }),
      ),
    ).toMatchObject({ status: 409, currentVersion: 3 });
    const noIfMatch = await clinician.raw('PUT', `/api/sessions/${s4}/work`, {
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(noIfMatch.status).toBe(428);

    // An interval event told at the session: in the middle view, on the timeline and on the chart.
    await clinician.api.createLifeEvent({
      params: { courseId },
      body: {
        date: '2026-01-28',
        category: 'dispute',
        personId: laura.id,
        description: 'Laura changed the weekend plan at a day\u2019s notice',
        sessionId: s4,
      },
    });
    const foreign = await problemOf(
      clinician.api.createLifeEvent({
        params: { courseId },
        body: { date: '2026-01-28', category: 'work', description: 'x', sessionId: world.own.sessionId },
      }),
    );
    expect(foreign).toMatchObject({ status: 422, errors: [{ field: 'sessionId' }] });

    const view = await clinician.api.getMiddlePhase({ params: { courseId } });
    expect(view).toMatchObject({ plannedSessions: 16, lastSessionNumber: 8, sessionsRemaining: 8 });
    expect(view.area).toMatchObject({ primary: 'dispute', disputePersonId: laura.id });
    expect(view.strategies.map((s) => s.id)).toContain('dispute.expectations');
    expect(view.techniques.length).toBeGreaterThanOrEqual(8);
    expect(view.sessionWork.map((w) => w.id)).toEqual([amended.id]);
    expect(view.intervalEvents.map((e) => e.data.description)).toEqual([
      'Laura changed the weekend plan at a day\u2019s notice',
    ]);
    expect(view.disputeStageHistory).toEqual([
      { stage: 'renegotiation', sessionId: null, sessionNumber: null, note: '' },
      { stage: 'impasse', sessionId: s4, sessionNumber: 4, note: 'They no longer talk about it.' },
    ]);
    const chart = await clinician.api.getMeasures({ params: { courseId } });
    expect(chart.annotations).toContainEqual(expect.objectContaining({ date: '2026-01-28', kind: 'life-event' }));
    // The supervisor reads it; a write is not theirs.
    expect((await supervisor.api.getMiddlePhase({ params: { courseId } })).courseId).toBe(courseId);
  });

  it('carries a communication analysis into a role play and a decision analysis to its outcome', async () => {
    const { courseId, laura, sessions } = await disputeCourse([
      [2, 2, 2, 2, 1, 2, 2, 1, 0, 1],
      [2, 2, 2, 2, 1, 2, 1, 1, 0, 1],
    ]);
    const [s5, s6, s7] = [sessions[4], sessions[5], sessions[6]] as [string, string, string];
    const analysis = await clinician.api.createCommunicationAnalysis({
      params: { courseId },
      body: {
        sessionId: s5,
        personId: laura.id,
        incident: 'The phone call about the weekend',
        turns: [
          {
            id: 't1',
            speaker: 'other',
            words: 'Can you have Maxine on Saturday? Something came up.',
            toneNonverbal: 'Hurried',
            patientFeeling: 'Angry, then guilty',
            patientMeant: '',
            otherFeltGuess: 'She thinks I have nothing better to do',
            prompts: [],
            lapses: ['certainty-about-others'],
          },
          {
            id: 't2',
            speaker: 'patient',
            words: 'Fine, I suppose.',
            toneNonverbal: 'Flat',
            patientFeeling: 'Resentful',
            patientMeant: 'I had plans with Ben and wanted to be asked earlier',
            otherFeltGuess: '',
            prompts: [],
            lapses: ['talk-without-feeling'],
          },
        ],
        patterns: ['avoided-anger', 'indirect'],
        alternatives: [{ id: 'alt-1', text: 'I had plans this Saturday; next time please ask me a week ahead.' }],
      },
    });
    expect(analysis).toMatchObject({ kind: 'communication-analysis', version: 1 });
    const withAttempt = await clinician.api.updateCommunicationAnalysis({
      params: { recordId: analysis.id },
      body: { agreedAttempt: 'Say it at the next handover.' },
      ifMatch: 1,
    });
    expect(withAttempt).toMatchObject({ version: 2, data: { agreedAttempt: 'Say it at the next handover.' } });
    expect(
      await problemOf(
        clinician.api.createCommunicationAnalysis({
          params: { courseId },
          body: { sessionId: s5, personId: world.own.inventoryEntryId, incident: 'Someone else' },
        }),
      ),
    ).toMatchObject({ status: 422 });

    // The alternative is rehearsed: the role play is carried over from it.
    const badAlternative = await problemOf(
      clinician.api.createRolePlay({
        params: { courseId },
        body: { sessionId: s5, analysisId: analysis.id, alternativeId: 'alt-9', scenario: 'The handover' },
      }),
    );
    expect(badAlternative).toMatchObject({ status: 422, errors: [{ field: 'alternativeId' }] });
    const rolePlay = await clinician.api.createRolePlay({
      params: { courseId },
      body: {
        sessionId: s5,
        analysisId: analysis.id,
        alternativeId: 'alt-1',
        scenario: 'Asking Laura for a week of notice',
        confidenceBefore: 3,
      },
    });
    expect(rolePlay.data).toMatchObject({
      analysisId: analysis.id,
      alternativeId: 'alt-1',
      personId: laura.id,
      therapistPlays: 'other',
      confidenceBefore: 3,
    });
    const rehearsed = await clinician.api.updateRolePlay({
      params: { recordId: rolePlay.id },
      body: {
        rounds: [{ id: 'r1', tried: 'I have plans; ask me a week ahead.', feedback: 'Clear; keep the calm tone.' }],
        confidenceAfter: 6,
      },
      ifMatch: 1,
    });
    expect(rehearsed).toMatchObject({ version: 2, data: { confidenceAfter: 6 } });

    const decision = await clinician.api.createDecisionAnalysis({
      params: { courseId },
      body: {
        sessionId: s6,
        decision: 'Whether to agree a fixed childcare rota with Laura',
        options: [
          {
            id: 'o1',
            text: 'Propose a fixed rota',
            pros: ['Predictable'],
            cons: ['She may refuse'],
            emotionalConsequences: 'Anxious, then relieved',
          },
          {
            id: 'o2',
            text: 'Keep saying yes',
            pros: ['No argument'],
            cons: ['Resentment'],
            emotionalConsequences: 'Resentful',
          },
        ],
        chosenOptionId: 'o1',
        plan: { who: 'Joy', when: 'At Sunday handover', words: 'Could we agree the weekends a month ahead?' },
      },
    });
    expect(decision.data).toMatchObject({ chosenOptionId: 'o1', outcome: null });
    const sameSession = await problemOf(
      clinician.api.updateDecisionAnalysis({
        params: { recordId: decision.id },
        body: { outcome: { sessionId: s6, result: 'as-planned', note: '' } },
        ifMatch: 1,
      }),
    );
    expect(sameSession).toMatchObject({ status: 422 });
    const reviewed = await clinician.api.updateDecisionAnalysis({
      params: { recordId: decision.id },
      body: { outcome: { sessionId: s7, result: 'partly', note: 'Laura agreed to two weekends.' } },
      ifMatch: 1,
    });
    expect(reviewed).toMatchObject({ version: 2, data: { outcome: { result: 'partly' } } });
    expect(
      await problemOf(
        clinician.api.updateDecisionAnalysis({
          params: { recordId: decision.id },
          body: { plan: { who: 'x', when: 'y', words: 'z' } },
          ifMatch: 1,
        }),
      ),
    ).toMatchObject({ status: 409, currentVersion: 2 });

    const rupture = await clinician.api.createRupture({
      params: { courseId },
      body: {
        sessionId: s6,
        type: 'withdrawal',
        observed: 'Went quiet and agreed with everything after the role play.',
        repair: 'Asked how the role play had felt; she said it felt like a test.',
        metacommunication: true,
        linkOutside: 'The same silence as with Laura.',
      },
    });
    const repaired = await clinician.api.updateRupture({
      params: { recordId: rupture.id },
      body: { resolved: true },
      ifMatch: 1,
    });
    expect(repaired.data).toMatchObject({ type: 'withdrawal', metacommunication: true, resolved: true });

    const view = await clinician.api.getMiddlePhase({ params: { courseId } });
    expect(view.analyses.map((a) => a.id)).toEqual([analysis.id]);
    expect(view.rolePlays.map((a) => a.id)).toEqual([rolePlay.id]);
    expect(view.decisions.map((a) => a.id)).toEqual([decision.id]);
    expect(view.ruptures.map((a) => a.id)).toEqual([rupture.id]);
    // A record of one kind is not reachable through another kind's route.
    expect(
      await problemOf(
        clinician.api.updateRupture({ params: { recordId: decision.id }, body: { resolved: false }, ifMatch: 2 }),
      ),
    ).toMatchObject({ status: 404 });
  });

  it('asks for a mid-course decision at session 8 without reliable improvement, then shows it decided', async () => {
    const { courseId } = await disputeCourse([
      [2, 2, 2, 2, 1, 2, 2, 1, 0, 1],
      [2, 2, 2, 2, 1, 2, 1, 1, 0, 1],
    ]);
    let view = await clinician.api.getMiddlePhase({ params: { courseId } });
    expect(view.midCourse).toMatchObject({
      reviewAt: 8,
      state: 'decision-needed',
      instrumentId: 'phq-9',
      baseline: 14,
      latest: 13,
      review: null,
    });
    expect(view.midCourse.reliableImprovement?.met).toBe(false);
    const review = await clinician.api.putMidCourseReview({
      params: { courseId },
      body: { decision: 'revisit-focus', rationale: 'No reliable change by session 8: revisit the focus together.' },
      ifMatch: 0,
    });
    expect(review).toMatchObject({ kind: 'mid-course-review', data: { decision: 'revisit-focus', atSession: 8 } });
    view = await clinician.api.getMiddlePhase({ params: { courseId } });
    expect(view.midCourse).toMatchObject({ state: 'decided', review: { id: review.id } });
    expect(
      await problemOf(
        clinician.api.putMidCourseReview({
          params: { courseId },
          body: { decision: 'continue-as-planned', rationale: 'x' },
          ifMatch: 0,
        }),
      ),
    ).toMatchObject({ status: 409, currentVersion: 1 });
  });

  it("shows the demo clinic's Ethyl with her finished session 6 and the chatroom analysis", async () => {
    const demo = await startTestServer(target, { demo: true });
    try {
      const login = demo.demoLogins.find((l) => l.role === 'clinician');
      if (!login) throw new Error('The demo clinic has no clinician.');
      const c = await demo.as(login.email, login.password);
      const ethyl = (await c.api.listPatients({})).find((p) => p.patient.displayName === 'Ethyl (demo)');
      const courseId = ethyl?.course?.id;
      if (!courseId) throw new Error('Ethyl has no course in the demo clinic.');
      const view = await c.api.getMiddlePhase({ params: { courseId } });
      expect(view.sessionWork).toHaveLength(1);
      expect(view.sessionWork[0]?.data).toMatchObject({ status: 'finished' });
      expect(view.analyses.map((a) => a.data.incident)).toEqual([
        'The online chatroom conversation about getting another dog',
      ]);
    } finally {
      await demo.drop();
    }
  });
});
