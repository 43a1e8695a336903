/**
 * Two-step sign-in (issue 11, part 3; docs/decisions/0019-mfa.md), over HTTP on both databases: an authenticator app
 * set up and confirmed, the password alone then opening only a half-session that reaches no clinical route, a TOTP
 * code (computed here from the secret with otplib, at the server's movable clock) finishing the sign-in; codes replayed,
 * wrong or too many refused and audited; recovery codes used once; an organisation's policy sending a user without an
 * app to set one up first; turning it off with the password and a code; the secret never stored as it is.
 */
import { type Me, type MfaChallenge, ProblemType } from '@ipt/contract';
import { Role } from '@ipt/core';
import { repositories } from '@ipt/server';
import { generateSync } from 'otplib';
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
const json = { 'content-type': 'application/json' };

describe.each(targets)('two-step sign-in on $name', (target) => {
  let server: TestServer;
  let world: World;
  const clock = movableClock(new Date('2026-06-01T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
  });
  afterAll(() => server?.drop());

  const db = () => server.direct();

  /** The code the app shows at the server's clock, `steps` time steps (30 s each) away. */
  const codeOf = (secret: string, steps = 0) =>
    generateSync({ secret, epoch: Math.floor(clock.now().getTime() / 1000) + steps * 30 });

  let users = 0;
  /** A user of their own for each test, so one test's throttles and codes do not touch another's. */
  const user = async (role: Role = Role.clinician, organisationId = world.organisations.a) => {
    const email = `mfa-${++users}@clinic.example`;
    const { id } = await server.workbench.services.people.insert({
      organisationId,
      email,
      displayName: `Two-step ${users}`,
      role,
      password: PASSWORD,
    });
    return { id, email };
  };

  /** A user with an authenticator app set up through the API; the clock then moves on to the next code. */
  const enrolled = async (role: Role = Role.clinician) => {
    const { id, email } = await user(role);
    const client = await server.as(email, PASSWORD);
    const enrolment = await client.api.startMfaEnrolment({});
    const { recoveryCodes, me } = await client.api.confirmMfaEnrolment({ body: { code: codeOf(enrolment.secret) } });
    clock.advance(30_000);
    return { id, email, secret: enrolment.secret, enrolment, recoveryCodes, me, client };
  };

  /** Signs in with the password alone: the answer, and the client holding whatever session it opened. */
  const withPassword = async (email: string) => {
    const client = server.anonymous();
    const result = await client.api.login({ body: { email, password: PASSWORD } });
    return { client, result };
  };

  const halfSession = async (email: string): Promise<SignedIn> => {
    const { client, result } = await withPassword(email);
    expect(result).toMatchObject({ step: 'mfa-code' });
    return client;
  };

  const verify = (client: SignedIn, body: { code?: string; recoveryCode?: string }) =>
    client.raw('POST', '/api/auth/mfa/verify', { body: JSON.stringify(body), headers: json });

  const auditOf = (userId: string) =>
    db()
      .selectFrom('auditEvents')
      .select(['action', 'outcome', 'operation', 'entityType'])
      .where('userId', '=', userId)
      .orderBy('seq')
      .execute();

  it('sets up an app, then asks for its code after the password: the password alone reaches no clinical route', async () => {
    const { id, email } = await user();
    const client = await server.as(email, PASSWORD);
    expect(await client.api.getMfa({})).toEqual({
      enabled: false,
      required: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    const enrolment = await client.api.startMfaEnrolment({});
    expect(enrolment).toMatchObject({ issuer: 'IPT Workbench', accountName: email, digits: 6, periodSeconds: 30 });
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toBe(
      `otpauth://totp/IPT%20Workbench:${encodeURIComponent(email)}?secret=${enrolment.secret}&issuer=IPT%20Workbench`,
    );
    // A wrong code does not confirm it.
    const wrong = await problemOf(client.api.confirmMfaEnrolment({ body: { code: '000000' } }));
    expect(wrong).toMatchObject({ status: 422, errors: [{ field: 'code' }] });
    expect((await client.api.getMfa({})).enabled).toBe(false);

    const before = client.cookie();
    const { recoveryCodes, me } = await client.api.confirmMfaEnrolment({
      body: { code: codeOf(enrolment.secret).replace(/(\d{3})/, '$1 ') },
    });
    expect(me.email).toBe(email);
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    // A new session: the cookie the device held before no longer works.
    expect(client.cookie()).not.toBe(before);
    const old = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: before } });
    expect(old.status).toBe(401);
    const status = await client.api.getMfa({});
    expect(status).toMatchObject({ enabled: true, required: false, recoveryCodesLeft: 10 });
    // Set up once: the secret is not handed out again.
    expect(await problemOf(client.api.startMfaEnrolment({}))).toMatchObject({ status: 409 });
    await client.api.logout({});
    clock.advance(30_000);

    // The password alone: a half-session, which reaches nothing clinical and is not a signed-in user.
    const { client: half, result } = await withPassword(email);
    expect(result).toEqual({ step: 'mfa-code', expiresAt: new Date(clock.now().getTime() + 5 * 60_000).toISOString() });
    const patients = await half.raw('GET', '/api/patients');
    expect(patients.status).toBe(401);
    expect(await patients.json()).toMatchObject({
      type: ProblemType.secondStepOwed,
      detail: 'Finish signing in first: enter the code from your authenticator app.',
    });
    expect((await half.raw('GET', '/api/auth/me')).status).toBe(401);
    expect(
      (await half.raw('POST', '/api/patients', { body: '{"displayName":"X","yearOfBirth":1990}', headers: json }))
        .status,
    ).toBe(401);
    expect(
      (
        await half.raw('POST', '/api/auth/password', {
          body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'another long passphrase' }),
          headers: json,
        })
      ).status,
    ).toBe(401);

    // The code finishes it: a new, full session.
    const halfCookie = half.cookie();
    const done = await verify(half, { code: codeOf(enrolment.secret) });
    expect(done.status).toBe(200);
    expect(((await done.json()) as Me).email).toBe(email);
    expect(half.cookie()).not.toBe(halfCookie);
    expect((await half.raw('GET', '/api/patients')).status).toBe(200);
    expect((await fetch(`${server.url}/api/patients`, { headers: { cookie: halfCookie } })).status).toBe(401);

    const actions = (await auditOf(id)).map((e) => `${e.action}:${e.outcome}:${e.operation}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'update:success:startMfaEnrolment',
        'mfa-failed:failure:confirmMfaEnrolment',
        'mfa-enrolled:success:confirmMfaEnrolment',
        'mfa-challenge:success:login',
        'search:denied:listPatients',
        'create:denied:createPatient',
        'mfa-verified:success:verifyMfa',
        'login:success:verifyMfa',
      ]),
    );
  });

  it('stores the secret sealed and the recovery codes hashed: neither is in the database as it is', async () => {
    const { id, secret, recoveryCodes } = await enrolled();
    const row = await repositories.mfaRepository.findUserMfa(db(), world.organisations.a, id);
    expect(row?.secretSealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const rows = JSON.stringify(await db().selectFrom('userMfa').selectAll().execute());
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain(Buffer.from(secret).toString('base64url'));
    const codes = JSON.stringify(await db().selectFrom('mfaRecoveryCodes').selectAll().execute());
    for (const code of recoveryCodes) {
      expect(codes).not.toContain(code);
      expect(codes).not.toContain(code.replace(/-/g, ''));
    }
    expect(
      await db().selectFrom('mfaRecoveryCodes').select('codeHash').where('userId', '=', id).execute(),
    ).toHaveLength(10);
    // The sealed secret names its user: copied onto another user's row, it does not open there.
    const other = await enrolled();
    await db()
      .updateTable('userMfa')
      .set({ secretSealed: row?.secretSealed ?? '' })
      .where('userId', '=', other.id)
      .execute();
    const half = await halfSession(other.email);
    expect((await verify(half, { code: codeOf(secret) })).status).toBe(500);
    // Its recovery codes still let its user in.
    expect((await verify(half, { recoveryCode: other.recoveryCodes[0] })).status).toBe(200);
  });

  it('accepts the code of the step before or after (±30 s), never one two steps away', async () => {
    const { email, secret } = await enrolled();
    // One step on, so that the step before is not the enrolment's own (used) one.
    clock.advance(30_000);
    const first = await halfSession(email);
    expect((await verify(first, { code: codeOf(secret, -2) })).status).toBe(422);
    expect((await verify(first, { code: codeOf(secret, 2) })).status).toBe(422);
    expect((await verify(first, { code: codeOf(secret, -1) })).status).toBe(200);
    const second = await halfSession(email);
    expect((await verify(second, { code: codeOf(secret, 1) })).status).toBe(200);
  });

  it('refuses a code used already, even sent twice at once, until the app shows the next one', async () => {
    const { email, secret } = await enrolled();
    const code = codeOf(secret);
    const first = await halfSession(email);
    expect((await verify(first, { code })).status).toBe(200);

    const replay = await halfSession(email);
    const refused = await verify(replay, { code });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      errors: [
        {
          field: 'code',
          message: 'That code has been used already. Wait for your app to show the next one, then enter that.',
        },
      ],
    });
    // The code of the step before is older than the one used: refused too.
    expect((await verify(replay, { code: codeOf(secret, -1) })).status).toBe(422);
    expect((await replay.raw('GET', '/api/patients')).status).toBe(401);

    // Two half-sessions send the next code at the same moment: one gets in.
    clock.advance(30_000);
    const [a, b] = [await halfSession(email), await halfSession(email)];
    const next = codeOf(secret);
    const statuses = (await Promise.all([verify(a, { code: next }), verify(b, { code: next })])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 422]);
  });

  it('slows wrong codes like passwords: five, then a wait that even the right code sits out; each audited', async () => {
    const { id, email, secret } = await enrolled();
    const half = await halfSession(email);
    const wrong = codeOf(secret) === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) {
      const res = await verify(half, { code: wrong });
      expect(res.status).toBe(422);
    }
    const waiting = await verify(half, { code: codeOf(secret) });
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(await waiting.json()).toMatchObject({
      type: ProblemType.tooManyAttempts,
      detail: 'Too many wrong codes. Wait 1 second, then try again with the code your app shows then.',
    });
    // Ten at once while waiting: none is checked, none lengthens the wait.
    const burst = await Promise.all(Array.from({ length: 10 }, () => verify(half, { code: wrong })));
    expect(burst.map((r) => r.status)).toEqual(Array<number>(10).fill(429));
    // A recovery code waits too: it is the same second step.
    expect((await verify(half, { recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A' })).status).toBe(429);

    clock.advance(1_000);
    expect((await verify(half, { code: codeOf(secret) })).status).toBe(200);
    const failed = (await auditOf(id)).filter((e) => e.action === 'mfa-failed');
    expect(failed.filter((e) => e.outcome === 'failure')).toHaveLength(5);
    expect(failed.filter((e) => e.outcome === 'denied')).toHaveLength(12);
    expect(failed.every((e) => e.operation === 'verifyMfa')).toBe(true);
  });

  it('lets a recovery code in once, in any case and grouping, and counts what is left', async () => {
    const { id, email, recoveryCodes, client } = await enrolled();
    const [code = ''] = recoveryCodes;
    const first = await halfSession(email);
    expect((await verify(first, { recoveryCode: code.toLowerCase().replace(/-/g, ' ') })).status).toBe(200);
    expect((await first.raw('GET', '/api/patients')).status).toBe(200);

    const again = await halfSession(email);
    const refused = await verify(again, { recoveryCode: code });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ errors: [{ field: 'recoveryCode' }] });
    // Another user's code is no code of this one's.
    const other = await enrolled();
    expect((await verify(again, { recoveryCode: other.recoveryCodes[0] })).status).toBe(422);
    expect((await verify(again, { recoveryCode: recoveryCodes[1] })).status).toBe(200);
    expect((await client.api.getMfa({})).recoveryCodesLeft).toBe(8);
    const used = (await auditOf(id)).filter((e) => e.action === 'mfa-verified');
    expect(used.map((e) => e.entityType)).toEqual(['MfaRecoveryCode', 'MfaRecoveryCode']);
  });

  it('takes exactly one of a code and a recovery code, in words', async () => {
    const { email } = await enrolled();
    const half = await halfSession(email);
    for (const body of [{}, { code: '123456', recoveryCode: 'ABCDE' }, { code: '12345' }, { code: 'abcdef' }]) {
      const res = await verify(half, body);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { field: string; message: string }[] };
      expect(problem.errors[0]?.field).toBe('code');
      expect(problem.errors[0]?.message).toMatch(/^Enter (the code|the 6-digit code)/);
    }
  });

  it('ends a half-session after five minutes: the password is asked again', async () => {
    const { email, secret } = await enrolled();
    const half = await halfSession(email);
    clock.advance(5 * 60_000 + 1_000);
    expect((await verify(half, { code: codeOf(secret) })).status).toBe(401);
    const fresh = await halfSession(email);
    expect((await verify(fresh, { code: codeOf(secret) })).status).toBe(200);
  });

  it('sends a user of an organisation that requires it to set up an app before anything else', async () => {
    const clinic = await server.workbench.services.people.createOrganisation('Two-step clinic', { mfaRequired: true });
    const { id, email } = await user(Role.clinician, clinic.id);
    const { client: half, result } = await withPassword(email);
    expect((result as MfaChallenge).step).toBe('mfa-enrol');
    // No clinical data, no second step to take, no way round.
    const patients = await half.raw('GET', '/api/patients');
    expect(patients.status).toBe(401);
    expect(await patients.json()).toMatchObject({
      detail: 'Finish signing in first: your organisation asks you to set up two-step sign-in.',
    });
    expect((await half.raw('GET', '/api/auth/mfa')).status).toBe(401);
    expect((await verify(half, { code: '123456' })).status).toBe(401);

    const enrolment = await half.api.startMfaEnrolment({});
    const { me, recoveryCodes } = await half.api.confirmMfaEnrolment({ body: { code: codeOf(enrolment.secret) } });
    expect(me.email).toBe(email);
    expect(recoveryCodes).toHaveLength(10);
    expect((await half.raw('GET', '/api/patients')).status).toBe(200);
    expect(await half.api.getMfa({})).toMatchObject({ enabled: true, required: true });
    // Required: it cannot be turned off.
    clock.advance(30_000);
    const off = await problemOf(half.api.disableMfa({ body: { password: PASSWORD, code: codeOf(enrolment.secret) } }));
    expect(off.status).toBe(422);
    expect(off.detail).toMatch(/^Your organisation requires/);
    const actions = (await auditOf(id)).map((e) => `${e.action}:${e.operation}`);
    expect(actions).toEqual(
      expect.arrayContaining(['mfa-challenge:login', 'mfa-enrolled:confirmMfaEnrolment', 'login:confirmMfaEnrolment']),
    );

    // The next sign-in asks for the code.
    clock.advance(30_000);
    const next = await halfSession(email);
    expect((await verify(next, { code: codeOf(enrolment.secret) })).status).toBe(200);
  });

  it('lets an administrator require it: the next sign-in of the staff sends them to set up an app', async () => {
    const clinic = await server.workbench.services.people.createOrganisation('Policy clinic');
    const admin = await user(Role.admin, clinic.id);
    const staff = await user(Role.supervisor, clinic.id);
    const patient = await user(Role.patient, clinic.id);
    const adminClient = await server.as(admin.email, PASSWORD);
    expect((await withPassword(staff.email)).result).toMatchObject({ email: staff.email });

    expect(await adminClient.api.setOrganisationMfa({ body: { mfaRequired: true } })).toEqual({ mfaRequired: true });
    // The administrator's session goes on; the next sign-ins owe the second step. A patient has none to owe.
    expect((await adminClient.raw('GET', '/api/users')).status).toBe(200);
    expect((await withPassword(staff.email)).result).toMatchObject({ step: 'mfa-enrol' });
    expect((await withPassword(admin.email)).result).toMatchObject({ step: 'mfa-enrol' });
    expect((await withPassword(patient.email)).result).toMatchObject({ email: patient.email });
    // Another organisation is untouched.
    expect((await withPassword((await user()).email)).result).toHaveProperty('email');

    expect(await adminClient.api.setOrganisationMfa({ body: { mfaRequired: false } })).toEqual({ mfaRequired: false });
    expect((await withPassword(staff.email)).result).toMatchObject({ email: staff.email });
  });

  it('turns off only with the current password and a code; other sessions end, and sign-in is one step again', async () => {
    const { id, email, secret, client } = await enrolled();
    const other = await halfSession(email);
    expect((await verify(other, { code: codeOf(secret) })).status).toBe(200);
    clock.advance(30_000);

    const wrongPassword = await problemOf(
      client.api.disableMfa({ body: { password: 'not it', code: codeOf(secret) } }),
    );
    expect(wrongPassword).toMatchObject({ status: 422, errors: [{ field: 'password' }] });
    const wrongCode = await problemOf(client.api.disableMfa({ body: { password: PASSWORD, code: '000000' } }));
    expect(wrongCode).toMatchObject({ status: 422, errors: [{ field: 'code' }] });
    const noCode = await client.raw('POST', '/api/auth/mfa/disable', {
      body: JSON.stringify({ password: PASSWORD }),
      headers: json,
    });
    expect(noCode.status).toBe(400);
    expect((await client.api.getMfa({})).enabled).toBe(true);

    await client.api.disableMfa({ body: { password: PASSWORD, code: codeOf(secret) } });
    expect(await client.api.getMfa({})).toEqual({
      enabled: false,
      required: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    expect((await other.raw('GET', '/api/patients')).status).toBe(401);
    expect((await client.raw('GET', '/api/patients')).status).toBe(200);
    expect(await repositories.mfaRepository.findUserMfa(db(), world.organisations.a, id)).toBeUndefined();
    expect(await repositories.mfaRepository.countRecoveryCodesLeft(db(), world.organisations.a, id)).toBe(0);
    expect((await withPassword(email)).result).toMatchObject({ email });
    expect((await auditOf(id)).map((e) => e.action)).toContain('mfa-disabled');
    expect(await problemOf(client.api.disableMfa({ body: { password: PASSWORD, code: '123456' } }))).toMatchObject({
      status: 409,
    });
  });

  it('is for staff: a patient account has no second step to set up', async () => {
    const patient = await user(Role.patient);
    const client = await server.as(patient.email, PASSWORD);
    expect((await client.raw('POST', '/api/auth/mfa/enrolment')).status).toBe(403);
    expect((await client.raw('GET', '/api/auth/mfa')).status).toBe(403);
  });
});
