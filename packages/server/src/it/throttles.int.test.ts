/**
 * Throttles that hold under concurrency (issue 11, docs/decisions/0017-throttles.md): every attempt is reserved in
 * the database before its password is checked, so N parallel wrong tries count N; a sign-in is slowed per account
 * and address, per address across accounts and per account across addresses, and a clinician is never locked out
 * of their own address. Requests come from real loopback addresses (the client's socket is bound to them).
 */
import { Role } from '@ipt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, movableClock, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();
const json = { 'content-type': 'application/json' };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** Text matching `pattern`, inside an expected object. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const count = (statuses: readonly number[], status: number) => statuses.filter((s) => s === status).length;

describe.each(targets)('throttles on $name', (target) => {
  let server: TestServer;
  let world: World;
  const clock = movableClock(new Date('2026-06-01T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
  });
  afterAll(() => server?.drop());

  let accounts = 0;
  /** A clinician of its own for each test, so one test's failures do not slow another's. */
  const account = async () => {
    const email = `throttled-${++accounts}@clinic.example`;
    await server.workbench.services.people.insert({
      organisationId: world.organisations.a,
      email,
      displayName: `Throttled ${accounts}`,
      role: Role.clinician,
      password: PASSWORD,
    });
    return email;
  };

  const login = (email: string, password: string, from: string, headers: Record<string, string> = {}) =>
    server.anonymous({ from }).raw('POST', '/api/auth/login', {
      body: JSON.stringify({ email, password }),
      headers: { ...json, ...headers },
    });

  const statusesOf = async (answers: Promise<Response>[]) => (await Promise.all(answers)).map((r) => r.status);

  it('counts 40 parallel wrong sign-ins as 40: five are checked, the rest and then the right password wait', async () => {
    const email = await account();
    const attacker = '127.0.1.66';
    const statuses = await statusesOf(range(40).map((i) => login(email, `wrong ${i}`, attacker)));
    expect(count(statuses, 401)).toBe(5);
    expect(count(statuses, 429)).toBe(35);

    const right = await login(email, PASSWORD, attacker);
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('1');
    expect(right.headers.get('cache-control')).toBe('no-store');
    expect(await right.json()).toMatchObject({
      status: 429,
      type: 'urn:ipt-workbench:problem:too-many-attempts',
      title: 'Too many tries',
      detail: matching(/^Too many tries to sign in\. Wait 1 second, then try again\./),
    });
    // The clinician, at their own desk, is not locked out by it.
    expect((await login(email, PASSWORD, '127.0.1.5')).status).toBe(200);
  });

  it('answers an unknown email exactly as a known one: the same failures, the same wait', async () => {
    const known = await account();
    const from = '127.0.2.1';
    const unknown = 'nobody-at-all@clinic.example';
    for (const email of [known, unknown]) {
      for (let i = 0; i < 5; i++) expect((await login(email, `wrong ${i}`, from)).status).toBe(401);
    }
    const [a, b] = await Promise.all([login(known, 'wrong', from), login(unknown, 'wrong', from)]);
    expect(a.status).toBe(429);
    expect(b.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe(b.headers.get('retry-after'));
    expect(await a.json()).toEqual(await b.json());
  });

  it('slows an address exponentially, never for good, and starts afresh after a success', async () => {
    const email = await account();
    const from = '127.0.3.9';
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong ${i}`, from)).status).toBe(401);
    expect((await login(email, PASSWORD, from)).headers.get('retry-after')).toBe('1');
    clock.advance(1_000);
    expect((await login(email, 'wrong again', from)).status).toBe(401);
    const second = await login(email, PASSWORD, from);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
    clock.advance(2_000);
    expect((await login(email, PASSWORD, from)).status).toBe(200);
    // The success forgets the failures of this address: five more before it waits again.
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong ${i}`, from)).status).toBe(401);
    expect((await login(email, 'wrong', from)).status).toBe(429);
  });

  it('slows an address that sprays guesses across accounts; a clinician who signed in from it before still can', async () => {
    const office = '127.0.4.1';
    const colleague = await account();
    expect((await login(colleague, PASSWORD, office)).status).toBe(200);
    const statuses = await statusesOf(
      range(40).map((i) => login(`sprayed-${i}@clinic.example`, 'Summer2026!', office)),
    );
    expect(count(statuses, 401)).toBe(30);
    expect(count(statuses, 429)).toBe(10);
    // An account never signed in from this address waits with it; the colleague's own does not.
    const stranger = await account();
    expect((await login(stranger, PASSWORD, office)).status).toBe(429);
    expect((await login(colleague, PASSWORD, office)).status).toBe(200);
    expect((await login(stranger, PASSWORD, '127.0.4.2')).status).toBe(200);
  });

  it('slows guessing one account from many addresses, but not from an address the clinician signed in from', async () => {
    const email = await account();
    const home = '127.0.5.1';
    expect((await login(email, PASSWORD, home)).status).toBe(200);
    const statuses = await statusesOf(range(25).map((i) => login(email, `wrong ${i}`, `127.0.5.${100 + i}`)));
    expect(count(statuses, 401)).toBe(20);
    expect(count(statuses, 429)).toBe(5);
    const elsewhere = await login(email, PASSWORD, '127.0.5.200');
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.headers.get('retry-after')).toBe('1');
    expect((await login(email, PASSWORD, home)).status).toBe(200);
    // A slow-down, not a lock: after the wait, the right password gets in from anywhere.
    clock.advance(1_000);
    expect((await login(email, PASSWORD, '127.0.5.200')).status).toBe(200);
  });

  it('counts 30 parallel wrong kiosk unlocks as 30: four are told the password is wrong, the rest end the session', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD, { from: '127.0.6.1' });
    await c.api.startKiosk({ params: { courseId: world.own.courseId }, body: { instrumentId: 'phq-9' } });
    const unlock = (password: string) =>
      c.raw('POST', '/api/auth/unlock', { body: JSON.stringify({ password }), headers: json });
    const statuses = await statusesOf(range(30).map((i) => unlock(`wrong ${i}`)));
    expect(count(statuses, 204)).toBe(0);
    expect(count(statuses, 422)).toBe(4);
    expect(count(statuses, 401)).toBe(26);
    // The session has ended: the right password no longer opens it.
    expect((await unlock(PASSWORD)).status).toBe(401);
    expect((await c.raw('GET', '/api/auth/me')).status).toBe(401);
  });

  it('throttles guessing the current password on a signed-in session', async () => {
    const email = await account();
    const c = await server.as(email, PASSWORD, { from: '127.0.7.1' });
    const change = (currentPassword: string) =>
      c.raw('POST', '/api/auth/password', {
        body: JSON.stringify({ currentPassword, newPassword: 'a brand new passphrase' }),
        headers: json,
      });
    const statuses = await statusesOf(range(20).map((i) => change(`guess ${i}`)));
    expect(count(statuses, 400)).toBe(5);
    expect(count(statuses, 429)).toBe(15);
    const right = await change(PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('1');
    expect(await right.json()).toMatchObject({
      detail: matching(/^Too many wrong current passwords\. Wait 1 second, then try again\./),
    });
    clock.advance(1_000);
    expect((await change(PASSWORD)).status).toBe(204);
    expect((await login(email, 'a brand new passphrase', '127.0.7.1')).status).toBe(200);
  });

  it("does not take the client's word for its address (X-Forwarded-For) unless told to trust a proxy", async () => {
    const email = await account();
    const from = '127.0.8.1';
    for (let i = 0; i < 5; i++) {
      expect((await login(email, `wrong ${i}`, from, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    }
    expect((await login(email, PASSWORD, from, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
  });
});

describe.each(targets)('behind a trusted proxy (IPT_TRUST_PROXY) on $name', (target) => {
  let server: TestServer;
  let email: string;

  beforeAll(async () => {
    const clock = movableClock(new Date('2026-06-01T09:00:00Z'));
    server = await startTestServer(target, { clock: clock.now, env: { IPT_TRUST_PROXY: '127.0.9.0/24' } });
    const org = await server.workbench.services.people.createOrganisation('Clinic behind a proxy');
    email = 'proxied@clinic.example';
    await server.workbench.services.people.insert({
      organisationId: org.id,
      email,
      displayName: 'Proxied',
      role: Role.clinician,
      password: PASSWORD,
    });
  });
  afterAll(() => server?.drop());

  const login = (password: string, from: string, client: string) =>
    server.anonymous({ from }).raw('POST', '/api/auth/login', {
      body: JSON.stringify({ email, password }),
      headers: { ...json, 'x-forwarded-for': client },
    });

  it('throttles the address the proxy names, not the proxy', async () => {
    for (let i = 0; i < 5; i++) expect((await login(`wrong ${i}`, '127.0.9.1', '198.51.100.7')).status).toBe(401);
    expect((await login(PASSWORD, '127.0.9.1', '198.51.100.7')).status).toBe(429);
    expect((await login(PASSWORD, '127.0.9.1', '198.51.100.8')).status).toBe(200);
  });

  it('still ignores the header from a peer it does not trust', async () => {
    for (let i = 0; i < 5; i++) expect((await login(`wrong ${i}`, '127.0.10.1', `198.51.100.${i}`)).status).toBe(401);
    expect((await login(PASSWORD, '127.0.10.1', '198.51.100.50')).status).toBe(429);
  });
});
