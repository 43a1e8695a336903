/**
 * Patients' accounts by invitation (issue 12, part 1), on both databases, over HTTP: the care team invites; the
 * patient chooses a password with the link and is signed in as a patient of their own record; the link works once
 * and expires; two accepts at once make one account; bad input (a short password, an address another account has,
 * a forged or expired link, a second account for the same patient) says so and makes nothing; a patient's account
 * reaches no clinician's route. Fictional case: Tomasz, 41, invited after his third session.
 */
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
const TOMASZ_PASSWORD = 'tomasz chooses a long one';

describe.each(targets)('patient invitations on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  const clock = movableClock();

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  const users = () => server.direct().selectFrom('users').select(['email', 'role', 'patientId']).execute();

  it('lets the invited patient choose a password once and be signed in as a patient of their own record', async () => {
    const { patientId, courseId } = await world.fresh('own');
    const invitation = await clinician.api.createPatientInvitation({
      params: { patientId },
      body: { email: '  Tomasz.Test@Patients.example ' },
    });
    expect(invitation.email).toBe('tomasz.test@patients.example');
    expect(invitation.path).toBe(`/invite/${invitation.token}`);
    expect(Date.parse(invitation.expiresAt) - clock.now().getTime()).toBe(7 * 86_400_000);
    // Only the hash is kept.
    const stored = await server.direct().selectFrom('patientInvitations').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(invitation.token);

    const tomasz = server.anonymous();
    const me = await tomasz.api.acceptPatientInvitation({
      params: { token: invitation.token },
      body: { password: TOMASZ_PASSWORD },
    });
    expect(me).toMatchObject({ email: 'tomasz.test@patients.example', role: 'patient' });
    expect(await tomasz.api.getMe({})).toMatchObject({ role: 'patient' });
    expect((await users()).find((u) => u.email === 'tomasz.test@patients.example')).toEqual({
      email: 'tomasz.test@patients.example',
      role: 'patient',
      patientId,
    });
    // Their home: where their own course stands, as the clinician's records say.
    const { courses } = await clinician.api.getPatient({ params: { patientId } });
    const course = courses.find((c) => c.course.id === courseId);
    const home = await tomasz.api.getPatientHome({});
    expect(home.course).toEqual({
      phase: course?.course.phase,
      plannedSessions: course?.course.plannedSessions,
      held: course?.progress.lastNumber,
      nextNumber: course?.progress.nextNumber,
      nextDate: course?.progress.nextDate,
      left: (course?.course.plannedSessions ?? 0) - (course?.progress.lastNumber ?? 0),
    });
    expect(home.course?.held).toBeGreaterThan(0);
    // Staff have no home of this kind.
    expect((await clinician.raw('GET', '/api/me/home')).status).toBe(403);
    // A patient's account reaches nothing of the clinician's side, their own record included.
    expect((await tomasz.raw('GET', `/api/patients/${patientId}`)).status).toBe(404);
    expect((await tomasz.raw('GET', '/api/patients')).status).toBe(403);
    // The password works for signing in again; the link does not work twice.
    const again = await server.as('tomasz.test@patients.example', TOMASZ_PASSWORD);
    expect(await again.api.getMe({})).toMatchObject({ role: 'patient' });
    expect(
      await problemOf(
        server.anonymous().api.acceptPatientInvitation({
          params: { token: invitation.token },
          body: { password: 'another long password' },
        }),
      ),
    ).toMatchObject({ status: 410 });
  });

  it('makes one account when the link is used twice at once', async () => {
    const patientId = await world.freshPatient('own');
    const { token } = await clinician.api.createPatientInvitation({
      params: { patientId },
      body: { email: 'twice@patients.example' },
    });
    const results = await Promise.allSettled(
      [0, 1].map(() =>
        server.anonymous().api.acceptPatientInvitation({ params: { token }, body: { password: TOMASZ_PASSWORD } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await users()).filter((u) => u.patientId === patientId)).toHaveLength(1);
  });

  it('refuses an expired link, a short password, a used address and a second account, making nothing', async () => {
    const before = (await users()).length;
    const patientId = await world.freshPatient('own');
    const first = await clinician.api.createPatientInvitation({
      params: { patientId },
      body: { email: 'late@patients.example' },
    });
    const short = await problemOf(
      server.anonymous().api.acceptPatientInvitation({ params: { token: first.token }, body: { password: 'short' } }),
    );
    expect(short).toMatchObject({ status: 400 });
    clock.advance(7 * 86_400_000 + 1000);
    expect(
      await problemOf(
        server.anonymous().api.acceptPatientInvitation({
          params: { token: first.token },
          body: { password: TOMASZ_PASSWORD },
        }),
      ),
    ).toMatchObject({ status: 410 });
    // A week on, the clinician's session has ended too: they sign in again.
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    expect(
      await problemOf(
        server.anonymous().api.acceptPatientInvitation({
          params: { token: 'A'.repeat(43) },
          body: { password: TOMASZ_PASSWORD },
        }),
      ),
    ).toMatchObject({ status: 410 });
    // An address another account has (the clinician's own) is refused at once.
    const taken = await problemOf(
      clinician.api.createPatientInvitation({ params: { patientId }, body: { email: world.users.clinician.email } }),
    );
    expect(taken).toMatchObject({ status: 422 });
    expect(JSON.stringify(taken)).toMatch(/another account/);
    expect((await users()).length).toBe(before);

    // Two invitations for one patient: the first used makes the account, the second cannot make another.
    const a = await clinician.api.createPatientInvitation({
      params: { patientId },
      body: { email: 'a@patients.example' },
    });
    const b = await clinician.api.createPatientInvitation({
      params: { patientId },
      body: { email: 'b@patients.example' },
    });
    await server
      .anonymous()
      .api.acceptPatientInvitation({ params: { token: a.token }, body: { password: TOMASZ_PASSWORD } });
    const second = await problemOf(
      server
        .anonymous()
        .api.acceptPatientInvitation({ params: { token: b.token }, body: { password: TOMASZ_PASSWORD } }),
    );
    expect(second).toMatchObject({ status: 422 });
    expect((await users()).filter((u) => u.patientId === patientId)).toHaveLength(1);
  });

  it('lets only the care team invite, and never for another caseload or organisation', async () => {
    const admin = await server.as(world.users.admin.email, PASSWORD);
    for (const [who, patientId] of [
      [admin, world.own.patientId],
      [clinician, world.otherCaseload.patientId],
      [clinician, world.otherOrganisation.patientId],
    ] as const) {
      const res = await who.raw('POST', `/api/patients/${patientId}/invitations`, {
        body: JSON.stringify({ email: 'nobody@patients.example' }),
        headers: { 'content-type': 'application/json' },
      });
      expect([403, 404]).toContain(res.status);
    }
  });
});
