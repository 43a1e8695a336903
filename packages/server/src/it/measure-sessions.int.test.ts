/**
 * Scores on their sessions (issue 10, part 2): a questionnaire given in a session is linked to it, a paper form
 * entered later keeps the day it was answered, and the chart's series come in session order; what is due is one line
 * per instrument. Driven over HTTP on SQLite and PostgreSQL, on a new fictional perinatal case.
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
import { buildWorld, PASSWORD } from '../../test/world.js';

const targets = await dbTargets();

/** Sessions 1–5, weekly from Monday 5 January 2026. */
const sessionDates = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'];

describe.each(targets)('scores on their sessions on $name', (target) => {
  let server: TestServer;
  let clinician: SignedIn;
  let clinicianEmail: string;
  let epds: InstrumentDefinition;
  let courseId: string;
  let patientId: string;
  const sessionIds: string[] = [];
  /** The administrations made, by what they are. */
  const made: Record<string, string> = {};
  // Two weeks after session 5: the paper forms of earlier sessions are entered today.
  const clock = movableClock(new Date('2026-02-16T10:00:00Z'));

  /** EPDS answers by option position: the first `score` items at their second option, the rest at their first. */
  const answers = (score: number) => epds.items.map((_, i) => (i < score ? 1 : 0));
  const give = (body: { score: number; session?: number; answeredAt?: string }) =>
    clinician.api.createAdministration({
      params: { courseId },
      body: {
        instrumentId: 'epds',
        instrumentVersion: epds.version,
        answers: answers(body.score),
        ...(body.session !== undefined && { sessionId: sessionIds[body.session - 1] }),
        ...(body.answeredAt !== undefined && { answeredAt: body.answeredAt }),
      },
    });

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    const world = await buildWorld(server);
    clinicianEmail = world.users.clinician.email;
    clinician = await server.as(clinicianEmail, PASSWORD);
    epds = (await clinician.api.listInstruments({})).find((i) => i.id === 'epds') as InstrumentDefinition;
    const patient = await clinician.api.createPatient({
      body: { displayName: 'Ottilie Brackenbury', yearOfBirth: 1994, pronouns: 'she/her' },
    });
    patientId = patient.id;
    const course = await clinician.api.createCourse({
      params: { patientId },
      body: {
        schoolPreset: 'iptuk',
        perinatal: true,
        schedule: { weekday: 1, time: '09:30' },
        startDate: '2026-01-05',
      },
    });
    courseId = course.course.id;
    for (const date of sessionDates) {
      const s = await clinician.api.createSession({ params: { courseId }, body: { date, attendance: 'attended' } });
      sessionIds.push(s.id);
    }
  });
  afterAll(() => server?.drop());

  it('refuses a paper form answered in the future or before the course, in plain words, saving nothing', async () => {
    const before = (await clinician.api.listAdministrations({ params: { courseId } })).length;
    const tomorrow = await problemOf(give({ score: 3, session: 5, answeredAt: '2026-02-17' }));
    expect(tomorrow).toMatchObject({ status: 422, errors: [{ field: 'answeredAt' }] });
    expect(tomorrow.errors?.[0]?.message).toMatch(/cannot have been answered in the future.*2026-02-16/);
    const laterToday = await problemOf(give({ score: 3, answeredAt: '2026-02-16T11:00:00Z' }));
    expect(laterToday).toMatchObject({ status: 422, errors: [{ field: 'answeredAt' }] });
    const beforeCourse = await problemOf(give({ score: 3, answeredAt: '2025-12-31' }));
    expect(beforeCourse).toMatchObject({ status: 422, errors: [{ field: 'answeredAt' }] });
    expect(beforeCourse.errors?.[0]?.message).toMatch(/before the course started \(2026-01-05\)/);
    // Not a date at all: the request itself is malformed (400), said in the same plain words.
    const notADate = await problemOf(give({ score: 3, answeredAt: 'last Tuesday' }));
    expect(notADate).toMatchObject({
      status: 400,
      errors: [{ field: 'answeredAt', message: 'Enter the day the form was answered, as YYYY-MM-DD.' }],
    });
    expect(await clinician.api.listAdministrations({ params: { courseId } })).toHaveLength(before);
  });

  it('stores the session and the day answered, and reads them back', async () => {
    // Session 1's paper form, entered today with the day it says.
    const paper = await give({ score: 9, session: 1, answeredAt: '2026-01-05' });
    made.paper1 = paper.id;
    expect(paper).toMatchObject({
      sessionId: sessionIds[0],
      answeredAt: '2026-01-05T00:00:00.000Z',
      administeredAt: '2026-02-16T10:00:00.000Z',
      mode: 'in-session',
    });
    // A paper form posted back between sessions 3 and 4, answered on a Thursday morning, not linked to a session.
    const posted = await give({ score: 7, answeredAt: '2026-01-22T08:15:00+01:00' });
    expect(posted).toMatchObject({ sessionId: null, answeredAt: '2026-01-22T07:15:00.000Z' });
    made.posted = posted.id;
    // Given in sessions 3, 4 and 5 and entered today: left out, the day answered is the session's own.
    const third = await give({ score: 8, session: 3 });
    expect(third).toMatchObject({ answeredAt: '2026-01-19T00:00:00.000Z', administeredAt: '2026-02-16T10:00:00.000Z' });
    made.session3 = third.id;
    made.session4 = (await give({ score: 6, session: 4, answeredAt: '2026-01-26T17:30:00Z' })).id;
    made.session5 = (await give({ score: 5, session: 5 })).id;
    // Given in a session held today, it was answered now.
    const today = await clinician.api.createSession({
      params: { courseId },
      body: { date: '2026-02-16', attendance: 'attended' },
    });
    const now = await clinician.api.createAdministration({
      params: { courseId },
      body: { instrumentId: 'epds', instrumentVersion: epds.version, answers: answers(4), sessionId: today.id },
    });
    expect(now.answeredAt).toBe(now.administeredAt);
    made.session6 = now.id;
    // And a link answered a day later, after session 6.
    const link = await clinician.api.createMeasureLink({ params: { courseId }, body: { instrumentId: 'epds' } });
    clock.advance(24 * 3_600_000);
    await server.anonymous().api.submitMeasureLink({ params: { token: link.token }, body: { answers: answers(3) } });
    clinician = await server.as(clinicianEmail, PASSWORD);

    const listed = await clinician.api.listAdministrations({ params: { courseId } });
    const paperRead = listed.find((a) => a.id === paper.id);
    expect(paperRead).toMatchObject({ sessionId: sessionIds[0], answeredAt: '2026-01-05T00:00:00.000Z' });
    // Listed in the order answered: the paper form of session 1 first, though it was entered last but four.
    expect(listed[0]?.id).toBe(paper.id);

    // The FHIR export says when the patient answered.
    const bundle = (await clinician.api.getAdministrationFhir({ params: { administrationId: paper.id } })) as {
      entry: { resource: { resourceType: string; authored?: string; effectiveDateTime?: string } }[];
    };
    const response = bundle.entry[0]?.resource;
    expect(response?.authored ?? response?.effectiveDateTime).toMatch(/^2026-01-05/);
  });

  it('draws the series in session order: each score at its session, the others between the sessions around them', async () => {
    const view = await clinician.api.getMeasures({ params: { courseId } });
    const series = view.series.find((s) => s.instrumentId === 'epds');
    const ids = series?.points.map((p) => p.administrationId) ?? [];
    const link = ids.find((id) => !Object.values(made).includes(id));
    expect(link).toBeDefined();
    expect(ids).toEqual([made.paper1, made.session3, made.posted, made.session4, made.session5, made.session6, link]);
    expect(series?.points.map((p) => [p.sessionNumber, p.date])).toEqual([
      [1, '2026-01-05'],
      [3, '2026-01-19'],
      [null, '2026-01-22'],
      [4, '2026-01-26'],
      [5, '2026-02-02'],
      [6, '2026-02-16'],
      [null, '2026-02-17'],
    ]);
    // The baseline is the first answered, not the first entered.
    const first = (await clinician.api.listAdministrations({ params: { courseId } })).find((a) => a.id === made.paper1);
    expect(series?.interpretation.baseline).toBe(first?.total);
  });

  it('says what is due in one line per instrument, on the course and on the caseload alike', async () => {
    const view = await clinician.api.getMeasures({ params: { courseId } });
    // The EPDS missed at session 2 was given again at session 3 and since: nothing to do. GAD-7 and WSAS were never
    // given: one line each, overdue since session 1; session 7 does not call for them, so it names session 5.
    expect(view.due).toEqual([
      { instrumentId: 'gad-7', sessionNumber: 5, status: 'overdue', overdueSince: 1 },
      { instrumentId: 'wsas', sessionNumber: 5, status: 'overdue', overdueSince: 1 },
    ]);
    const caseload = await clinician.api.listPatients({});
    expect(caseload.find((c) => c.patient.id === patientId)?.course?.measuresDue).toEqual(view.due);
  });
});
