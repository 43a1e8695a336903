import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, movableClock, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();

describe.each(targets)('sign-in and sessions on $name', (target) => {
  let server: TestServer;
  let world: World;
  const clock = movableClock(new Date('2026-06-01T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
  });
  afterAll(() => server?.drop());

  const login = (email: string, password: string) =>
    server.anonymous().raw('POST', '/api/auth/login', {
      body: JSON.stringify({ email, password }),
      headers: { 'content-type': 'application/json' },
    });

  it('sets an HttpOnly, Secure, SameSite=Strict __Host- cookie carrying 256 random bits', async () => {
    const res = await login(world.users.clinician.email, PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-ipt_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
  });

  it('gives one generic answer for an unknown account and a wrong password', async () => {
    const unknown = await login('nobody@clinic.example', PASSWORD);
    const wrong = await login(world.users.trainee.email, 'not the password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('makes an address wait after five failures for an account, even with the right password, never for good', async () => {
    const email = world.users.facilitator.email;
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong ${i}`)).status).toBe(401);
    const waiting = await login(email, PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    clock.advance(2_000);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD);
    const cookie = c.cookie();
    await c.api.logout({});
    const replay = await server.anonymous().raw('GET', '/api/auth/me', { headers: { cookie } });
    expect(replay.status).toBe(401);
  });

  it('ends a session idle for more than 15 minutes, and any session older than 8 hours', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD);
    clock.advance(14 * 60_000);
    expect((await c.raw('GET', '/api/auth/me')).status).toBe(200);
    clock.advance(16 * 60_000);
    expect((await c.raw('GET', '/api/auth/me')).status).toBe(401);

    const d = await server.as(world.users.clinician.email, PASSWORD);
    for (let i = 0; i < 45; i++) {
      clock.advance(12 * 60_000);
      if ((await d.raw('GET', '/api/auth/me')).status !== 200) break;
    }
    expect((await d.raw('GET', '/api/auth/me')).status).toBe(401);
  });

  it('ends the other sessions when the password changes', async () => {
    const email = world.users.otherClinician.email;
    const laptop = await server.as(email, PASSWORD);
    const phone = await server.as(email, PASSWORD);
    await laptop.api.changePassword({ body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } });
    expect((await phone.raw('GET', '/api/auth/me')).status).toBe(401);
    expect((await laptop.raw('GET', '/api/auth/me')).status).toBe(200);
    expect((await login(email, 'a brand new passphrase')).status).toBe(200);
  });

  it('refuses a state change from another origin', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD);
    const res = await c.raw('POST', '/api/patients', {
      body: JSON.stringify({ displayName: 'X', yearOfBirth: 1990 }),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('stores passwords as argon2id with at least the OWASP minimum cost', async () => {
    const row = await server.workbench.db.db.selectFrom('users').select('passwordHash').executeTakeFirstOrThrow();
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.passwordHash);
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(2);
  });
});
