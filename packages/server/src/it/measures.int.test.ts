import type { CreateAdministrationRequest, InstrumentDefinition } from '@ipt/contract';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dbTargets,
  problemOf,
  movableClock,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();

/** PHQ-9 answers by option position: every item "several days" (1) unless set, the difficulty item answered. */
function phq9(def: InstrumentDefinition, set: Record<string, number> = {}, fill = 0) {
  return def.items.map((item) => set[String(item.number)] ?? (item.scored ? fill : 0));
}

describe.each(targets)('measurement-based care on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  let phq: InstrumentDefinition;
  const clock = movableClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    const all = await clinician.api.listInstruments({});
    phq = all.find((i) => i.id === 'phq-9') as InstrumentDefinition;
  });
  afterAll(() => server?.drop());

  const count = async (table: 'administrations' | 'riskFlags') =>
    Number(
      (
        await server.workbench.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lists every instrument with its citation, and wording only where it may be shown', async () => {
    const all = await clinician.api.listInstruments({});
    expect(all.map((i) => i.id).sort()).toEqual(['epds', 'gad-7', 'ham-d-17', 'phq-2', 'phq-9', 'who-5', 'wsas']);
    const epds = all.find((i) => i.id === 'epds');
    expect(epds?.licence.wordingIncluded).toBe(false);
    expect(epds?.items.every((i) => !i.wordingIncluded)).toBe(true);
    expect(phq.items.some((i) => i.wordingIncluded)).toBe(true);
    for (const i of all) expect(i.citation.length).toBeGreaterThan(10);
  });

  it('scores a PHQ-9 given in session, and raises a risk flag for item 9 whatever the total', async () => {
    const before = await count('riskFlags');
    const a = await clinician.api.createAdministration({
      params: { courseId: world.own.courseId },
      body: {
        instrumentId: 'phq-9',
        instrumentVersion: phq.version,
        answers: phq9(phq, { 9: 1 }),
        sessionId: world.own.sessionId,
      },
    });
    expect(a).toMatchObject({ scorable: true, total: 1, mode: 'in-session' });
    expect(a.flags).toEqual([expect.objectContaining({ item: 9 })]);
    expect(await count('riskFlags')).toBe(before + 1);

    // The flag shows on the patient header and on the caseload until a clinician reviews it.
    const page = await clinician.api.getPatient({ params: { patientId: world.own.patientId } });
    expect(page.openRiskFlags).toHaveLength(1);
    const caseload = await clinician.api.listPatients({});
    expect(caseload.find((c) => c.patient.id === world.own.patientId)?.openRiskFlags).toBe(1);

    // The safety review: the risk level the clinician judges, what was asked, the plan, when to look again.
    const review = await clinician.api.createSafetyReview({
      params: { patientId: world.own.patientId },
      body: {
        flagIds: page.openRiskFlags.map((f) => f.id),
        riskLevel: 'low',
        asked: 'Asked directly about thoughts of suicide: fleeting, no plan or intent.',
        assessment: { ideation: 'Passive, fleeting', plan: 'None', intent: 'None', protectiveFactors: 'Daughter' },
        safetyPlan: {
          warningSigns: 'Not sleeping',
          internalCoping: 'Music, a bath',
          socialContactsAndSettings: 'The corner café',
          peopleToAskForHelp: 'Sister',
          professionalsAndAgencies: 'Practice duty line; crisis line',
          makingTheEnvironmentSafe: 'Tablets kept by her sister',
        },
        reviewBy: '2026-03-09',
      },
    });
    expect(review).toMatchObject({ riskLevel: 'low', byName: 'clinician' });
    expect((await clinician.api.getPatient({ params: { patientId: world.own.patientId } })).openRiskFlags).toEqual([]);
    const risk = await clinician.api.getRisk({ params: { patientId: world.own.patientId } });
    expect(risk.reviewed).toHaveLength(1);
    expect(risk.reviews[0]?.safetyPlan.warningSigns).toBe('Not sleeping');

    // A flag is reviewed once; reviewing it again is refused.
    const again = await problemOf(
      clinician.api.createSafetyReview({
        params: { patientId: world.own.patientId },
        body: {
          flagIds: review.flagIds,
          riskLevel: 'low',
          asked: 'Again',
          assessment: {},
          safetyPlan: {},
          reviewBy: '2026-03-09',
        },
      }),
    );
    expect(again).toMatchObject({ status: 422, errors: [{ field: 'flagIds' }] });
  });

  it('refuses answers out of range, a wrong instrument version and an unknown instrument, saving nothing', async () => {
    const before = await count('administrations');
    const call = (body: z.input<typeof CreateAdministrationRequest>) =>
      problemOf(clinician.api.createAdministration({ params: { courseId: world.own.courseId }, body }));
    const outOfRange = await call({
      instrumentId: 'phq-9',
      instrumentVersion: phq.version,
      answers: phq9(phq, { 3: 7 }),
    });
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.detail).toMatch(/3|option/i);
    const wrongVersion = await call({ instrumentId: 'phq-9', instrumentVersion: '0.0-old', answers: phq9(phq) });
    expect(wrongVersion).toMatchObject({ status: 422, errors: [{ field: 'instrumentVersion' }] });
    const unknown = await call({ instrumentId: 'bdi-ii', instrumentVersion: '1', answers: [0] });
    expect(unknown).toMatchObject({ status: 422, errors: [{ field: 'instrumentId' }] });
    const tooShort = await call({ instrumentId: 'phq-9', instrumentVersion: phq.version, answers: [0, 1] });
    expect(tooShort.status).toBe(422);
    expect(await count('administrations')).toBe(before);
  });

  it('sends a single-use link the patient answers without an account; it then stops working', async () => {
    const link = await clinician.api.createMeasureLink({
      params: { courseId: world.own.courseId },
      body: { instrumentId: 'phq-9' },
    });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.expiresAt) - clock.now().getTime()).toBe(96 * 3_600_000);
    const patient = server.anonymous();
    const form = await patient.api.openMeasureLink({ params: { token: link.token } });
    expect(form.instrument.id).toBe('phq-9');
    expect(JSON.stringify(form)).not.toContain('Own Patient');
    const done = await patient.api.submitMeasureLink({
      params: { token: link.token },
      body: { answers: phq9(phq, { 9: 1 }, 2) },
    });
    expect(done).toEqual({ received: true, showCrisisSupport: true });
    expect(await problemOf(patient.api.openMeasureLink({ params: { token: link.token } }))).toMatchObject({
      status: 410,
    });
    expect(
      await problemOf(patient.api.submitMeasureLink({ params: { token: link.token }, body: { answers: phq9(phq) } })),
    ).toMatchObject({ status: 410 });
    const page = await clinician.api.getPatient({ params: { patientId: world.own.patientId } });
    expect(page.openRiskFlags).toHaveLength(1);
  });

  it('lets only one of two simultaneous submissions of a link through', async () => {
    const link = await clinician.api.createMeasureLink({
      params: { courseId: world.own.courseId },
      body: { instrumentId: 'phq-9' },
    });
    const patient = server.anonymous();
    const results = await Promise.allSettled(
      [0, 1].map(() => patient.api.submitMeasureLink({ params: { token: link.token }, body: { answers: phq9(phq) } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('lets a link expire after its time, and says so', async () => {
    const link = await clinician.api.createMeasureLink({
      params: { courseId: world.own.courseId },
      body: { instrumentId: 'gad-7', expiresInHours: 2 },
    });
    clock.advance(3 * 3_600_000);
    expect(await problemOf(server.anonymous().api.openMeasureLink({ params: { token: link.token } }))).toMatchObject({
      status: 410,
      type: 'urn:ipt-workbench:problem:link-used-or-expired',
    });
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });

  it('locks the clinician session in kiosk mode until the clinician unlocks it with their password', async () => {
    const kiosk = await clinician.api.startKiosk({
      params: { courseId: world.own.courseId },
      body: { instrumentId: 'phq-9' },
    });
    expect(kiosk.path).toBe(`/kiosk/${kiosk.token}`);
    const escape = await problemOf(clinician.api.getPatient({ params: { patientId: world.own.patientId } }));
    expect(escape).toMatchObject({ status: 423, type: 'urn:ipt-workbench:problem:kiosk-locked' });
    await server.anonymous().api.submitMeasureLink({ params: { token: kiosk.token }, body: { answers: phq9(phq) } });
    expect(await problemOf(clinician.api.unlockKiosk({ body: { password: 'not mine' } }))).toMatchObject({
      status: 422,
    });
    await clinician.api.unlockKiosk({ body: { password: PASSWORD } });
    expect((await clinician.api.getPatient({ params: { patientId: world.own.patientId } })).patient.id).toBe(
      world.own.patientId,
    );
  });

  it('draws the course: series with bands and baseline, phases, annotations, and what is due', async () => {
    await clinician.api.createAnnotation({
      params: { courseId: world.own.courseId },
      body: { date: '2026-03-01', label: 'Argument with sister', kind: 'event' },
    });
    const view = await clinician.api.getMeasures({ params: { courseId: world.own.courseId } });
    const series = view.series.find((s) => s.instrumentId === 'phq-9');
    expect(series?.points.length).toBeGreaterThanOrEqual(3);
    expect(series?.bands.map((b) => b.label).length).toBeGreaterThanOrEqual(4);
    // The world's first PHQ-9 (all answers 0) is the baseline.
    expect(series?.interpretation.baseline).toBe(0);
    // Remission, caseness-based recovery and sustained recovery are separate results (ERRATA must-fix 9).
    expect(Object.keys(series?.interpretation ?? {})).toEqual(
      expect.arrayContaining(['remission', 'iaptRecovery', 'sustainedRecovery']),
    );
    // A baseline below caseness (PHQ-9 < 10) cannot recover in the NHS Talking Therapies sense.
    expect(series?.interpretation.iaptRecovery).not.toBe(true);
    expect(view.annotations).toEqual([expect.objectContaining({ label: 'Argument with sister' })]);
    expect(view.phases[0]).toMatchObject({ phase: 'initial' });
    expect(view.due.map((d) => d.instrumentId)).toContain('gad-7');
  });

  it('exports a completed questionnaire as FHIR QuestionnaireResponse and Observations', async () => {
    const [first] = await clinician.api.listAdministrations({ params: { courseId: world.own.courseId } });
    const bundle = (await clinician.api.getAdministrationFhir({
      params: { administrationId: first?.id as string },
    })) as {
      entry: { resource: { resourceType: string } }[];
    };
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types[0]).toBe('QuestionnaireResponse');
    expect(types).toContain('Observation');
  });

  it("accepts an organisation's licensed wording for EPDS only when it fits the instrument", async () => {
    const admin = await server.as(world.users.admin.email, PASSWORD);
    const epds = (await clinician.api.listInstruments({})).find((i) => i.id === 'epds') as InstrumentDefinition;
    const pack = {
      instrumentId: 'epds',
      instrumentVersion: epds.version,
      licence: 'Test permission',
      items: epds.items.map((i) => ({
        id: i.id,
        text: `Licensed text ${i.id}`,
        options: i.options.map((o) => `Option ${o.position}`),
      })),
    };
    const bad = await problemOf(
      admin.api.putInstrumentTextPack({
        params: { instrumentId: 'epds' },
        body: { ...pack, items: [{ id: pack.items[0]?.id as string, text: 'x', options: ['a', 'b'] }] },
      }),
    );
    expect(bad.status).toBe(422);
    const loaded = await admin.api.putInstrumentTextPack({ params: { instrumentId: 'epds' }, body: pack });
    expect(loaded.licence.textPackLoaded).toBe(true);
    expect(loaded.items[0]?.label).toMatch(/^Licensed text/);
  });
});
