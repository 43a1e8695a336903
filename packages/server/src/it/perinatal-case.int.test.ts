/**
 * A new perinatal case driven over HTTP on both databases (issue 10): Inês (fictional), low mood since March 2026,
 * a month after her son Teo was born; rows with her partner Rui about the night feeds; back to work at the clinic
 * reception expected in September. A session dated in the future is not attended yet; a transition still to come
 * goes on the timeline as planned; the secondary dispute names Rui and keeps him through a save that does not
 * mention him; the draft formulation says the EPDS band in words and names the event linked to the onset.
 */
import type { InstrumentDefinition } from '@ipt/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

describe.each(targets)('a perinatal case on $name', (target) => {
  let server: TestServer;
  let clinician: SignedIn;
  let email = '';
  // Wednesday 20 May 2026.
  const clock = movableClock(new Date('2026-05-20T10:00:00Z'));
  const signIn = async () => {
    clinician = await server.as(email, PASSWORD);
  };

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    email = (await buildWorld(server)).users.clinician.email;
  });
  // Each story signs in afresh: one that moves the clock leaves its session behind.
  beforeEach(signIn);
  afterAll(() => server?.drop());

  const newCourse = async () => {
    const patient = await clinician.api.createPatient({ body: { displayName: 'Inês (test)', yearOfBirth: 1993 } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: {
        schoolPreset: 'iptuk',
        perinatal: true,
        plannedSessions: 12,
        schedule: { weekday: 1, time: '11:00' },
        startDate: '2026-05-04',
      },
    });
    return course.id;
  };

  it('refuses a session recorded as attended (or missed) before its day, and takes a cancellation ahead', async () => {
    const courseId = await newCourse();
    const first = await clinician.api.createSession({
      params: { courseId },
      body: { date: '2026-05-04', attendance: 'attended' },
    });
    await clinician.api.createSession({ params: { courseId }, body: { date: '2026-05-11', attendance: 'attended' } });
    await clinician.api.createSession({ params: { courseId }, body: { date: '2026-05-20', attendance: 'attended' } });

    // Next Monday has not come: attended is refused in plain words next to the date, and so is a no-show.
    const ahead = await problemOf(
      clinician.api.createSession({ params: { courseId }, body: { date: '2026-05-25', attendance: 'attended' } }),
    );
    expect(ahead).toMatchObject({
      status: 422,
      errors: [
        {
          field: 'date',
          message:
            'This date (2026-05-25) is after today (2026-05-20), so the session cannot be recorded as attended yet. Record it on or after the day it happens, or record it as cancelled.',
        },
      ],
    });
    const missed = await problemOf(
      clinician.api.createSession({ params: { courseId }, body: { date: '2026-05-25', attendance: 'no-show' } }),
    );
    expect(missed).toMatchObject({ status: 422, errors: [{ field: 'date' }] });

    // Inês rang to say she cannot come on the 25th (Teo's vaccinations): a cancellation may be recorded ahead.
    const cancelled = await clinician.api.createSession({
      params: { courseId },
      body: { date: '2026-05-25', attendance: 'cancelled', note: 'Teo’s vaccinations that morning.' },
    });
    expect(cancelled).toMatchObject({ number: 4, attendance: 'cancelled', date: '2026-05-25' });

    // Changing a session does not get round it: a cancelled future session cannot become attended, nor an
    // attended one move into the future; a note on either is still taken.
    const toAttended = await problemOf(
      clinician.api.updateSession({
        params: { sessionId: cancelled.id },
        body: { attendance: 'attended' },
        ifMatch: cancelled.version,
      }),
    );
    expect(toAttended).toMatchObject({ status: 422, errors: [{ field: 'date' }] });
    const moved = await problemOf(
      clinician.api.updateSession({
        params: { sessionId: first.id },
        body: { date: '2026-06-01' },
        ifMatch: first.version,
      }),
    );
    expect(moved).toMatchObject({ status: 422, errors: [{ field: 'date' }] });
    const noted = await clinician.api.updateSession({
      params: { sessionId: cancelled.id },
      body: { note: 'Teo’s vaccinations; rebooked for the 26th.' },
      ifMatch: cancelled.version,
    });
    expect(noted.version).toBe(cancelled.version + 1);

    // Once the day has come, the session that was held is recorded as attended.
    clock.advance(6 * 86_400_000);
    await signIn();
    const held = await clinician.api.createSession({
      params: { courseId },
      body: { date: '2026-05-26', attendance: 'attended' },
    });
    expect(held).toMatchObject({ number: 5, attendance: 'attended' });
    clock.advance(-6 * 86_400_000);
  });

  it('puts the return to work on the timeline as planned, drawn apart from what happened', async () => {
    const courseId = await newCourse();
    await clinician.api.createEpisode({
      params: { courseId },
      body: { kind: 'current', type: 'depressive', start: { year: 2026, month: 3 } },
    });
    const birth = await clinician.api.createLifeEvent({
      params: { courseId },
      body: { date: '2026-02-14', category: 'birth', description: 'Teo born', perceivedImpact: 2 },
    });

    // A future date must be planned; "planned" on a date that has passed is refused; planned and future is taken.
    const notPlanned = await problemOf(
      clinician.api.createLifeEvent({
        params: { courseId },
        body: { date: { year: 2026, month: 9 }, category: 'work', description: 'Back to work at the clinic reception' },
      }),
    );
    expect(notPlanned).toMatchObject({ status: 422, errors: [{ field: 'date' }] });
    expect(notPlanned.errors?.[0]?.message).toContain('tick “planned”');
    const pastPlanned = await problemOf(
      clinician.api.createLifeEvent({
        params: { courseId },
        body: { date: '2026-04-01', category: 'move', description: 'Moved nearer her mother', planned: true },
      }),
    );
    expect(pastPlanned).toMatchObject({ status: 422, errors: [{ field: 'planned' }] });
    const work = await clinician.api.createLifeEvent({
      params: { courseId },
      body: {
        date: { year: 2026, month: 9 },
        category: 'work',
        description: 'Back to work at the clinic reception',
        planned: true,
      },
    });
    expect(work.data).toMatchObject({ planned: true, date: { year: 2026, month: 9 } });

    // It is on the timeline, marked planned; it is not near the onset and it fires no hint of its own.
    const view = await clinician.api.getInitialPhase({ params: { courseId } });
    expect(view.events.map((e) => [e.id, e.data.planned ?? false])).toEqual([
      [birth.id, false],
      [work.id, true],
    ]);
    expect(view.proximal.find((p) => p.eventId === work.id)).toMatchObject({ proximal: false });
    expect(view.proximal.find((p) => p.eventId === birth.id)).toMatchObject({ proximal: true });
    const evidence = view.hints.flatMap((h) => h.evidence.map((e) => (e.kind === 'event' ? e.eventId : null)));
    expect(evidence).toContain(birth.id);
    expect(evidence).not.toContain(work.id);
    // A planned event marks no score on the symptom charts.
    const chart = await clinician.api.getMeasures({ params: { courseId } });
    expect(chart.annotations.map((a) => a.label)).not.toContain('Back to work at the clinic reception');

    // An edit that keeps it planned but moves it into the past is refused; once it happened, it is unplanned.
    const stale = await problemOf(
      clinician.api.updateLifeEvent({
        params: { recordId: work.id },
        body: { date: '2026-05-11' },
        ifMatch: work.version,
      }),
    );
    expect(stale).toMatchObject({ status: 422, errors: [{ field: 'planned' }] });
    const happened = await clinician.api.updateLifeEvent({
      params: { recordId: work.id },
      body: { date: '2026-05-11', planned: false, description: 'Went back to work early, part-time' },
      ifMatch: work.version,
    });
    expect(happened.data).toMatchObject({ planned: false, date: '2026-05-11' });
  });

  it('names the secondary dispute’s person and keeps him through a save that does not mention him', async () => {
    const courseId = await newCourse();
    await clinician.api.createEpisode({
      params: { courseId },
      body: { kind: 'current', type: 'depressive', start: { year: 2026, month: 3 } },
    });
    const rui = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Rui', relationship: 'partner', closenessRing: 1 },
    });
    const rationale = 'Becoming a mother changed her days and her work; the rows with Rui began with the night feeds.';
    // Made another way (the API): the secondary dispute with Rui, at impasse.
    const first = await clinician.api.putProblemArea({
      params: { courseId },
      body: {
        preset: 'weissman4',
        primary: { area: 'transition' },
        secondary: { area: 'dispute', disputeStage: 'impasse', personId: rui.id },
        rationale,
      },
      ifMatch: 0,
    });
    expect(first.data.secondary).toMatchObject({ area: 'dispute', personId: rui.id });

    // A save that shows only the areas and the stage keeps Rui; the stage and the rationale change.
    const again = await clinician.api.putProblemArea({
      params: { courseId },
      body: {
        preset: 'weissman4',
        primary: { area: 'transition' },
        secondary: { area: 'dispute', disputeStage: 'renegotiation' },
        rationale: `${rationale} They have started talking again.`,
      },
      ifMatch: first.version,
    });
    expect(again.data.secondary).toEqual({ area: 'dispute', disputeStage: 'renegotiation', personId: rui.id });

    // Someone not in the inventory is refused by name of field; null clears the person.
    const stranger = await problemOf(
      clinician.api.putProblemArea({
        params: { courseId },
        body: {
          preset: 'weissman4',
          primary: { area: 'transition' },
          secondary: {
            area: 'dispute',
            disputeStage: 'renegotiation',
            personId: '01890000-0000-7000-8000-000000000000',
          },
          rationale,
        },
        ifMatch: again.version,
      }),
    );
    expect(stranger).toMatchObject({ status: 422, errors: [{ field: 'secondary.personId' }] });
    const cleared = await clinician.api.putProblemArea({
      params: { courseId },
      body: {
        preset: 'weissman4',
        primary: { area: 'transition' },
        secondary: { area: 'dispute', disputeStage: 'renegotiation', personId: null },
        rationale,
      },
      ifMatch: again.version,
    });
    expect(cleared.data.secondary?.personId ?? null).toBeNull();

    // The contract keeps what was agreed and not sent again (the medication plan, the joint sessions).
    const agreed = {
      sessionMinutes: 50,
      areaGoals: [],
      personalGoals: ['Ask Rui for the feeds she needs help with'],
      missedSessions: 'Ring the day before; a video session if Teo is unwell.',
      safety: 'Crisis numbers given; the perinatal team on call.',
    };
    const contract = await clinician.api.putTreatmentContract({
      params: { courseId },
      body: { ...agreed, medicationPlan: 'None for now; reviewed with her GP.', jointSessions: 'One with Rui.' },
      ifMatch: 0,
    });
    const resaved = await clinician.api.putTreatmentContract({
      params: { courseId },
      body: { ...agreed, sessionMinutes: 45 },
      ifMatch: contract.version,
    });
    expect(resaved.data).toMatchObject({
      sessionMinutes: 45,
      medicationPlan: 'None for now; reviewed with her GP.',
      jointSessions: 'One with Rui.',
    });
  });

  it('drafts the formulation with the EPDS band in words and the event linked to the onset', async () => {
    const courseId = await newCourse();
    await clinician.api.createEpisode({
      params: { courseId },
      body: { kind: 'current', type: 'depressive', start: { year: 2026, month: 3 } },
    });
    await clinician.api.createLifeEvent({
      params: { courseId },
      body: { date: '2026-02-14', category: 'birth', description: 'Teo born' },
    });
    await clinician.api.createLifeEvent({
      params: { courseId },
      body: { date: { year: 2026, month: 9 }, category: 'work', description: 'Back to work', planned: true },
    });
    await clinician.api.putProblemArea({
      params: { courseId },
      body: { preset: 'weissman4', primary: { area: 'transition' }, rationale: 'Becoming a mother.' },
      ifMatch: 0,
    });
    await clinician.api.putInitialFacts({
      params: { courseId },
      body: { diagnosis: 'postnatal depression' },
      ifMatch: 0,
    });
    const epds = (await clinician.api.listInstruments({})).find((i) => i.id === 'epds') as InstrumentDefinition;
    // Items 1, 2 and 4 score down the page, the rest up (DOMAIN §9.4): 2 on each of items 1–9, 0 on item 10.
    const given = await clinician.api.createAdministration({
      params: { courseId },
      body: { instrumentId: 'epds', instrumentVersion: epds.version, answers: [2, 2, 1, 2, 1, 1, 1, 1, 1, 3] },
    });
    expect(given).toMatchObject({ total: 18 });

    const { draftFormulation } = await clinician.api.getInitialPhase({ params: { courseId } });
    expect(draftFormulation).toContain(
      'What you have been going through has a name: postnatal depression. On the EPDS questionnaire you scored 18. On this questionnaire a score of 13 or more means that depression is likely.',
    );
    expect(draftFormulation).toContain(
      'Your symptoms began in March 2026, close in time to something you told me about: “Teo born”, in February 2026.',
    );
    expect(draftFormulation).not.toMatch(/assess for|≥|Back to work/);
  });
});
