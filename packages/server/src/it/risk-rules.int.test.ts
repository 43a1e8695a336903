/**
 * Risk rules that hold (DOMAIN §10.2; ERRATA must-fix 1; issue "Risk enforced"), driven over HTTP on both databases
 * with a new fictional perinatal case: Marisol (test), seen after the birth of her second child, whose EPDS at the
 * first session endorses item 10. Written from the findings, not from the code.
 */
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
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();

const emptyAssessment = {
  ideation: '',
  frequency: '',
  plan: '',
  intent: '',
  preparatoryBehaviour: '',
  pastAttempts: '',
  accessToMeans: '',
  protectiveFactors: '',
};
const fullAssessment = {
  ideation: 'Thoughts that the family would manage better without her, most nights',
  frequency: 'Four or five nights this week',
  plan: 'No plan',
  intent: 'No intent; says she would not leave the children',
  preparatoryBehaviour: 'None',
  pastAttempts: 'None',
  accessToMeans: 'Her partner now keeps the medicines',
  protectiveFactors: 'Her children; her mother visits daily',
};
const fullPlan = {
  warningSigns: 'Lying awake after the night feed, thinking she is a burden',
  internalCoping: 'Breathing exercise; a walk with the pram',
  socialContactsAndSettings: 'The baby group at the library on Thursdays',
  peopleToAskForHelp: 'Her mother Rosa; her friend Ana',
  professionalsAndAgencies: 'Practice duty line in hours; the crisis line at night',
  makingTheEnvironmentSafe: 'Partner keeps the medicines locked away',
  whereKept: 'Photo on her phone and a copy on the fridge',
};

describe.each(targets)('risk rules that hold on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  let defs: InstrumentDefinition[];
  const clock = movableClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    defs = await clinician.api.listInstruments({});
  });
  afterAll(() => server?.drop());

  const def = (id: string) => defs.find((d) => d.id === id) as InstrumentDefinition;

  /** Marisol's course with one attended session; answers given in it for `instrumentId`. */
  const marisol = async (instrumentId: 'epds' | 'phq-9', answers: (number | null)[]) => {
    const patient = await clinician.api.createPatient({ body: { displayName: 'Marisol (test)', yearOfBirth: 1993 } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: {
        schoolPreset: 'weissman-markowitz',
        schedule: { weekday: 1, time: '11:00' },
        startDate: '2026-02-16',
        perinatal: true,
      },
    });
    const session = await clinician.api.createSession({
      params: { courseId: course.id },
      body: { date: '2026-02-23', attendance: 'attended' },
    });
    const administration = await clinician.api.createAdministration({
      params: { courseId: course.id },
      body: { instrumentId, instrumentVersion: def(instrumentId).version, answers, sessionId: session.id },
    });
    return { patientId: patient.id, courseId: course.id, sessionId: session.id, administration };
  };

  const auditOf = (patientId: string, entityType: string) =>
    server.workbench.db.db
      .selectFrom('auditEvents')
      .select(['action', 'entityId', 'userId'])
      .where('patientId', '=', patientId)
      .where('entityType', '=', entityType)
      .execute();

  it('an open EPDS item-10 flag holds the course in the initial phase; the gate override does not pass it', async () => {
    // EPDS item 10 answered with its second option: scored 2 of 3 (reverse-keyed), a risk answer.
    const m = await marisol('epds', [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const flag = (await clinician.api.getPatient({ params: { patientId: m.patientId } })).openRiskFlags[0];
    expect(flag).toMatchObject({ instrumentId: 'epds', item: 10, answered: true, status: 'open' });
    // The answer is the item's score out of its maximum, never an option position that reads like a score.
    expect(flag?.answerLabel).toMatch(/^scored \d of 3$/);
    expect(flag?.answerLabel).not.toContain('Option');

    // The gate's checklist does not count the scorable EPDS as a safety screen while its flag is open.
    const view = await clinician.api.getInitialPhase({ params: { courseId: m.courseId } });
    expect(view.checklist.find((c) => c.id === 'safety-screen')).toMatchObject({ done: false });

    const move = (body: { overrideGate?: boolean; riskOverrideReason?: string }) =>
      clinician.api.createPhaseTransition({
        params: { courseId: m.courseId },
        body: { to: 'middle', reason: 'Formulation agreed; moving on.', ...body },
        ifMatch: 1,
      });
    const refused = await problemOf(move({ overrideGate: true }));
    expect(refused).toMatchObject({ status: 422, errors: [{ field: 'riskOverrideReason' }] });
    expect(refused.detail).toContain('EPDS item 10');
    const pointless = await problemOf(move({ overrideGate: true, riskOverrideReason: ' - ' }));
    expect(pointless).toMatchObject({ status: 422, errors: [{ field: 'riskOverrideReason' }] });
    expect((await clinician.api.getCourse({ params: { courseId: m.courseId } })).course.phase).toBe('initial');

    // With a written risk override the course moves; the override is kept, audited, and the flag stays open.
    const moved = await move({
      overrideGate: true,
      riskOverrideReason: 'Reviewed today by the perinatal team psychiatrist; their note is in the hospital record.',
    });
    expect(moved.course.phase).toBe('middle');
    const risk = await clinician.api.getRisk({ params: { patientId: m.patientId } });
    expect(risk.open.map((f) => f.id)).toEqual([flag?.id]);
    expect(risk.overrides).toEqual([
      expect.objectContaining({
        step: 'leave-initial-phase',
        courseId: m.courseId,
        sessionId: null,
        flagIds: [flag?.id],
        reason: 'Reviewed today by the perinatal team psychiatrist; their note is in the hospital record.',
        byName: 'clinician',
      }),
    ]);
    const audited = await auditOf(m.patientId, 'RiskFlagOverride');
    expect(audited).toEqual([{ action: 'create', entityId: risk.overrides[0]?.id, userId: world.users.clinician.id }]);
  });

  it("an open flag holds the session's note until a review; an override is audited and keeps the flag open", async () => {
    const m = await marisol('phq-9', [2, 2, 1, 2, 1, 2, 1, 0, 1, 1]);
    const finish = (ifMatch: number, riskOverrideReason?: string) =>
      clinician.api.putSessionWork({
        params: { sessionId: m.sessionId },
        body: {
          patientWillTry: 'Tell her mother which night feed she needs help with.',
          safetyCheck: { done: false, concern: false, note: '' },
          status: 'finished',
          ...(riskOverrideReason !== undefined && { riskOverrideReason }),
        },
        ifMatch,
      });
    const refused = await problemOf(finish(0));
    expect(refused).toMatchObject({ status: 422, errors: [{ field: 'riskOverrideReason' }] });
    expect(refused.detail).toContain('PHQ-9 item 9');
    // Nothing was saved by the refused finish.
    expect((await clinician.api.getMiddlePhase({ params: { courseId: m.courseId } })).sessionWork).toEqual([]);

    const finished = await finish(0, 'Crisis team saw her this morning; they hold the assessment.');
    expect(finished.data).toMatchObject({ status: 'finished' });
    const risk = await clinician.api.getRisk({ params: { patientId: m.patientId } });
    expect(risk.open).toHaveLength(1);
    expect(risk.overrides).toEqual([
      expect.objectContaining({ step: 'finish-session-work', sessionId: m.sessionId, flagIds: [risk.open[0]?.id] }),
    ]);
    expect(await auditOf(m.patientId, 'RiskFlagOverride')).toHaveLength(1);
  });

  it('refuses an empty high-risk review that would clear two same-day flags, and takes a complete one', async () => {
    // PHQ-9 item 9 "more than half the days": the any-answer flag and the same-day flag.
    const m = await marisol('phq-9', [2, 2, 2, 2, 1, 2, 2, 1, 2, 1]);
    const open = (await clinician.api.getPatient({ params: { patientId: m.patientId } })).openRiskFlags;
    expect(open.map((f) => [f.code, f.sameDay])).toEqual([
      ['self-harm-thoughts', false],
      ['self-harm-thoughts-frequent', true],
    ]);
    const review = (body: Record<string, unknown>) =>
      problemOf(
        clinician.api.createSafetyReview({
          params: { patientId: m.patientId },
          body: {
            flagIds: open.map((f) => f.id),
            riskLevel: 'high',
            asked: '.',
            assessment: emptyAssessment,
            safetyPlan: {},
            reviewBy: '2026-09-02',
            ...body,
          },
        }),
      );
    // The review the tester sent: "." asked, empty assessment and plan, next review in six months.
    expect(await review({})).toMatchObject({ status: 422, errors: [{ field: 'asked' }] });
    const asked = { asked: 'Asked directly about suicidal thoughts, plans, intent and what stops her.' };
    expect(await review(asked)).toMatchObject({ status: 422, errors: [{ field: 'assessment.ideation' }] });
    expect(await review({ ...asked, assessment: { ...fullAssessment, accessToMeans: '?' } })).toMatchObject({
      status: 422,
      errors: [{ field: 'assessment.accessToMeans' }],
    });
    expect(await review({ ...asked, assessment: fullAssessment })).toMatchObject({
      status: 422,
      errors: [{ field: 'safetyPlan.warningSigns' }],
    });
    const late = await review({ ...asked, assessment: fullAssessment, safetyPlan: fullPlan });
    expect(late).toMatchObject({ status: 422, errors: [{ field: 'reviewBy' }] });
    expect(late.detail).toContain('2026-03-09');
    // Nothing of the refused reviews was kept, and both flags are still open.
    expect((await clinician.api.getRisk({ params: { patientId: m.patientId } })).reviews).toEqual([]);
    expect((await clinician.api.getPatient({ params: { patientId: m.patientId } })).openRiskFlags).toHaveLength(2);

    const done = await clinician.api.createSafetyReview({
      params: { patientId: m.patientId },
      body: {
        flagIds: open.map((f) => f.id),
        riskLevel: 'high',
        ...asked,
        assessment: fullAssessment,
        safetyPlan: fullPlan,
        reviewBy: '2026-03-06',
      },
    });
    expect(done.flagIds).toHaveLength(2);
    // Reviewed: the note is finished without an override.
    const finished = await clinician.api.putSessionWork({
      params: { sessionId: m.sessionId },
      body: { safetyCheck: { done: true, concern: true, note: 'Safety plan made.' }, status: 'finished' },
      ifMatch: 0,
    });
    expect(finished.data.status).toBe('finished');

    // The risk history reads back the review, its plan and its review-by date; overdue once the date has passed.
    const risk = await clinician.api.getRisk({ params: { patientId: m.patientId } });
    expect(risk.reviews[0]).toMatchObject({ riskLevel: 'high', reviewBy: '2026-03-06', safetyPlan: fullPlan });
    expect(risk.reviewDue).toEqual({ reviewBy: '2026-03-06', overdue: false });
    clock.advance(5 * 24 * 3600_000);
    const later = await server.as(world.users.clinician.email, PASSWORD);
    expect((await later.api.getRisk({ params: { patientId: m.patientId } })).reviewDue).toEqual({
      reviewBy: '2026-03-06',
      overdue: true,
    });
    clock.advance(-5 * 24 * 3600_000);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });

  it('a PHQ-9 with item 9 unanswered raises a "not asked" flag, never "none", and holds like any flag', async () => {
    const m = await marisol('phq-9', [1, 2, 1, 1, 0, 1, 1, 0, null, 0]);
    expect(m.administration).toMatchObject({ scorable: false, total: null });
    const [flag] = (await clinician.api.getPatient({ params: { patientId: m.patientId } })).openRiskFlags;
    expect(flag).toMatchObject({ item: 9, code: 'self-harm-not-asked', answered: false, sameDay: false });
    expect(flag?.answerLabel).toContain('Not asked');
    expect(flag?.label).toContain('Ask it directly');
    // The chart's table reads the administration's risk answer as not asked, never as "none".
    const measures = await clinician.api.getMeasures({ params: { courseId: m.courseId } });
    expect(measures.series[0]?.points[0]).toMatchObject({ scorable: false, flagged: true, riskNotAsked: true });
    expect(
      await problemOf(
        clinician.api.putSessionWork({ params: { sessionId: m.sessionId }, body: { status: 'finished' }, ifMatch: 0 }),
      ),
    ).toMatchObject({ status: 422, errors: [{ field: 'riskOverrideReason' }] });
    // With no safety plan recorded yet, a relapse plan cannot link one.
    expect(
      await problemOf(
        clinician.api.putRelapsePlan({ params: { courseId: m.courseId }, body: { linkSafetyPlan: true }, ifMatch: 0 }),
      ),
    ).toMatchObject({ status: 422, errors: [{ field: 'linkSafetyPlan' }] });
    // Asked directly and denied: a low-risk review needs the core of the assessment and no safety plan.
    await clinician.api.createSafetyReview({
      params: { patientId: m.patientId },
      body: {
        flagIds: [flag?.id ?? ''],
        riskLevel: 'low',
        asked: 'Asked item 9 directly: no thoughts of death or of harming herself or the baby.',
        assessment: { ideation: 'None', plan: 'no', intent: 'no', protectiveFactors: 'Her partner and mother' },
        safetyPlan: {},
        reviewBy: '2026-03-16',
      },
    });
    expect((await clinician.api.getPatient({ params: { patientId: m.patientId } })).openRiskFlags).toEqual([]);
  });
});
