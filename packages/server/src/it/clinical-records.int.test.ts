import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, problemOf, type SignedIn, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();

describe.each(targets)('clinical records over HTTP on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;

  beforeAll(async () => {
    server = await startTestServer(target);
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  const countRows = async (table: 'patients' | 'sessions' | 'courses') => {
    const r = await server.workbench.db.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  it('lets a clinician add a patient, start a course, record sessions and move phase, all saved', async () => {
    // First, the clinician adds a patient; they join the care team and the patient shows on the caseload.
    const patient = await clinician.api.createPatient({
      body: {
        displayName: 'Test Person',
        yearOfBirth: 1990,
        pronouns: 'they/them',
        contact: { email: 'tp@example.org' },
      },
    });
    expect(patient.version).toBe(1);
    const caseload = await clinician.api.listPatients({});
    expect(caseload.map((c) => c.patient.displayName)).toContain('Test Person');

    // Then a course of IPT on the IPTUK preset, weekly on Mondays.
    const started = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: { schoolPreset: 'iptuk', schedule: { weekday: 1, time: '09:30' }, startDate: '2026-03-02' },
    });
    expect(started.course).toMatchObject({ plannedSessions: 16, phase: 'initial', status: 'active' });
    expect(started.course.phaseLengths).toEqual({ initialSessions: 4, terminationSessions: 4 });

    // Four sessions of the initial phase; the fifth is expected in the middle phase, so a phase change is due.
    for (let n = 1; n <= 4; n++) {
      const s = await clinician.api.createSession({
        params: { courseId: started.course.id },
        body: {
          date: `2026-03-${String(2 + 7 * (n - 1)).padStart(2, '0')}`,
          attendance: 'attended',
          note: `Session ${n}`,
        },
      });
      expect(s).toMatchObject({ number: n, phase: 'initial', lengthMinutes: 50 });
    }
    let course = await clinician.api.getCourse({ params: { courseId: started.course.id } });
    expect(course.progress).toMatchObject({ attended: 4, nextNumber: 5, expectedPhaseOfNext: 'middle' });
    expect(course.progress.flags).toContain('phase-behind');

    // Nothing of the initial phase's work is recorded yet, so its gate refuses the move (DOMAIN §1.2)…
    const refused = await problemOf(
      clinician.api.createPhaseTransition({
        params: { courseId: course.course.id },
        body: { to: 'middle', reason: 'Formulation agreed; role transition focus.' },
        ifMatch: course.course.version,
      }),
    );
    expect(refused).toMatchObject({ status: 422, errors: [{ field: 'gate' }] });

    // …unless the clinician overrides it with a written reason; who, when and why are recorded.
    course = await clinician.api.createPhaseTransition({
      params: { courseId: course.course.id },
      body: { to: 'middle', reason: 'Formulation agreed; role transition focus.', overrideGate: true },
      ifMatch: course.course.version,
    });
    expect(course.course.phase).toBe('middle');
    expect(course.transitions).toEqual([
      expect.objectContaining({
        from: 'initial',
        to: 'middle',
        reason: 'Formulation agreed; role transition focus.',
        byName: 'clinician',
      }),
    ]);
    expect(course.progress.flags).toEqual([]);

    // The patient page shows it all.
    const page = await clinician.api.getPatient({ params: { patientId: patient.id } });
    expect(page.courses[0]?.sessions).toHaveLength(4);
    expect(page.careTeam.map((m) => m.displayName)).toEqual(['clinician']);
  });

  it('refuses to skip a phase', async () => {
    const { course } = await clinician.api.getCourse({ params: { courseId: world.own.courseId } });
    const p = await problemOf(
      clinician.api.createPhaseTransition({
        params: { courseId: course.id },
        body: { to: 'termination', reason: 'skip' },
        ifMatch: course.version,
      }),
    );
    expect(p).toMatchObject({ status: 422, errors: [{ field: 'to' }] });
  });

  it('never overwrites silently: a stale version gets 409 with the current version, and notes keep their history', async () => {
    const session = await clinician.api.getSession({ params: { sessionId: world.own.sessionId } });
    const edited = await clinician.api.updateSession({
      params: { sessionId: session.id },
      body: { note: 'Corrected note.' },
      ifMatch: session.version,
    });
    expect(edited).toMatchObject({ version: session.version + 1, note: 'Corrected note.' });

    // A second editor still holding the old version is refused and told the current one.
    const stale = await problemOf(
      clinician.api.updateSession({
        params: { sessionId: session.id },
        body: { note: 'Lost update?' },
        ifMatch: session.version,
      }),
    );
    expect(stale).toMatchObject({
      status: 409,
      type: 'urn:ipt-workbench:problem:stale-version',
      currentVersion: edited.version,
    });
    expect((await clinician.api.getSession({ params: { sessionId: session.id } })).note).toBe('Corrected note.');

    const revisions = await clinician.api.listSessionRevisions({ params: { sessionId: session.id } });
    expect(revisions.map((r) => [r.version, r.session.note])).toEqual([[session.version, session.note]]);

    // Without If-Match the update is refused outright.
    const res = await clinician.raw('PATCH', `/api/sessions/${session.id}`, {
      body: JSON.stringify({ note: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(428);
  });

  it('resolves two concurrent edits of one record to one winner and one 409', async () => {
    const s = await clinician.api.getSession({ params: { sessionId: world.own.sessionId } });
    const results = await Promise.allSettled(
      ['A', 'B'].map((who) =>
        clinician.api.updateSession({ params: { sessionId: s.id }, body: { note: `by ${who}` }, ifMatch: s.version }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
  });

  it('refuses a duplicate session number and a session before the course starts, saving nothing', async () => {
    const before = await countRows('sessions');
    const dup = await problemOf(
      clinician.api.createSession({
        params: { courseId: world.own.courseId },
        body: { number: 1, date: '2026-02-02', attendance: 'attended' },
      }),
    );
    expect(dup).toMatchObject({ status: 422, errors: [{ field: 'number' }] });
    const early = await problemOf(
      clinician.api.createSession({
        params: { courseId: world.own.courseId },
        body: { date: '2025-12-01', attendance: 'attended' },
      }),
    );
    expect(early).toMatchObject({ status: 422, errors: [{ field: 'date' }] });
    expect(await countRows('sessions')).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"displayName": "A",', '(body)', 400],
    ['an unknown field', JSON.stringify({ displayName: 'A', yearOfBirth: 1990, shoeSize: 9 }), 'shoeSize', 400],
    ['a wrong type', JSON.stringify({ displayName: 'A', yearOfBirth: '1990' }), 'yearOfBirth', 400],
    ['an out-of-range value', JSON.stringify({ displayName: 'A', yearOfBirth: 1850 }), 'yearOfBirth', 400],
    ['a missing field', JSON.stringify({ yearOfBirth: 1990 }), 'displayName', 400],
    ['an oversized body', JSON.stringify({ displayName: 'A'.repeat(70_000), yearOfBirth: 1990 }), null, 413],
  ])('rejects %s with a problem that names the field, and writes nothing', async (_, body, field, status) => {
    const before = await countRows('patients');
    const res = await clinician.raw('POST', '/api/patients', { body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = (await res.json()) as { errors?: { field: string; message: string }[] };
    if (field !== null) expect(p.errors?.map((e) => e.field)).toContain(field);
    expect(await countRows('patients')).toBe(before);
  });

  it('rejects a year of birth in the future and a body that is not JSON', async () => {
    const future = await problemOf(clinician.api.createPatient({ body: { displayName: 'B', yearOfBirth: 2099 } }));
    expect(future).toMatchObject({ status: 422, errors: [{ field: 'yearOfBirth' }] });
    const res = await clinician.raw('POST', '/api/patients', {
      body: 'displayName=A',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
  });

  it("answers 404 for another organisation's patient, course and session", async () => {
    const foreign = world.otherOrganisation;
    for (const call of [
      () => clinician.api.getPatient({ params: { patientId: foreign.patientId } }),
      () => clinician.api.getCourse({ params: { courseId: foreign.courseId } }),
      () => clinician.api.getSession({ params: { sessionId: foreign.sessionId } }),
    ]) {
      expect(await problemOf(call())).toMatchObject({ status: 404 });
    }
  });

  it('reports health with the database kind and migration level, and serves the generated OpenAPI document', async () => {
    const anon = server.anonymous();
    expect(await anon.api.getHealth({})).toEqual({
      status: 'ok',
      database: target.name,
      migrations: { applied: 10, latest: '0011-patient-invitations' },
    });
    const doc = (await anon.api.getOpenApi({})) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/courses/{courseId}/sessions');
  });

  it('sends no-store, nosniff, a strict CSP and frame-ancestors none on API answers', async () => {
    const res = await clinician.raw('GET', '/api/patients');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('sends every security header on an answer, a refusal and a 404 alike (HSTS as the cookie is Secure)', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'none';font-src 'self' https: data:;form-action 'self';" +
        "frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
        "style-src 'self';upgrade-insecure-requests;connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const res of [
      await clinician.raw('GET', '/api/patients'),
      await server.anonymous().raw('GET', '/api/patients'),
      await clinician.raw('GET', '/api/no-such-thing'),
    ]) {
      const sent = Object.fromEntries(Object.keys(expected).map((h) => [h, res.headers.get(h)]));
      expect(sent).toEqual(expected);
      expect(res.headers.get('strict-transport-security')).toBe(
        server.workbench.config.cookieSecure ? 'max-age=31536000; includeSubDomains' : null,
      );
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});
