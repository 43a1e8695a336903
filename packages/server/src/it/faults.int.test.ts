/**
 * Faults at the edge (issue 11, part 4; docs/decisions/0017-throttles.md): text a database cannot store is refused
 * with a 400 naming the field, the same on SQLite and PostgreSQL, and any other text reads back as it was sent;
 * every API answer says `no-store`; a body that is not JSON gets 415; the idle timeout holds at one minute.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, movableClock, type SignedIn, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

const targets = await dbTargets();
const json = { 'content-type': 'application/json' };
/** Text matching `pattern`, inside an expected object. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

/** Text PostgreSQL's `text` cannot hold: U+0000, and a UTF-16 surrogate without its other half (no UTF-8 form). */
const unstorable = (s: string) => s.includes('\u0000') || /\p{Surrogate}/u.test(s);

/** One character of the kinds that break things: any code point, graphemes, NUL, lone surrogates, odd spaces. */
const unit = fc.oneof(
  { weight: 10, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constant('\u0000') },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\ufeff', '\u200b') },
);

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const fieldsOf = (body: unknown): string[] => {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return [];
  return body.errors.flatMap((e: unknown) =>
    typeof e === 'object' && e !== null && 'field' in e && typeof e.field === 'string' ? [e.field] : [],
  );
};

describe.each(targets)('text the database cannot store, on $name', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;

  beforeAll(async () => {
    server = await startTestServer(target);
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  const send = async (method: string, url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await clinician.raw(method, url, { body: JSON.stringify(body), headers: { ...json, ...headers } });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) } satisfies Answer;
  };

  const sessionVersion = async () => {
    const res = await clinician.raw('GET', `/api/sessions/${world.own.sessionId}`);
    const body = (await res.json()) as { version: number; note: string };
    return body;
  };

  it('refuses a NUL in a patient name with a 400 naming the field, in plain words', async () => {
    const answer = await send('POST', '/api/patients', { displayName: 'Ada\u0000Lovelace', yearOfBirth: 1980 });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      type: 'urn:ipt-workbench:problem:validation',
      errors: [{ field: 'displayName', message: matching(/U\+0000/) }],
    });
  });

  it('refuses a NUL in a session note, and half an emoji (a lone surrogate), naming the field', async () => {
    const { version } = await sessionVersion();
    const nul = await send(
      'PATCH',
      `/api/sessions/${world.own.sessionId}`,
      { note: 'x\u0000y' },
      {
        'if-match': `"${version}"`,
      },
    );
    expect(nul.status).toBe(400);
    expect(fieldsOf(nul.body)).toEqual(['note']);
    // JSON.stringify writes a lone surrogate as the escape \udc00, which any JSON parser turns back into it.
    const half = await send('POST', '/api/patients', { displayName: 'Ada \udc00', yearOfBirth: 1980 });
    expect(half.status).toBe(400);
    expect(half.body).toMatchObject({ errors: [{ field: 'displayName', message: matching(/broken/) }] });
  });

  it('names a nested field, and refuses the character in a field name too', async () => {
    const nested = await send('POST', '/api/patients', {
      displayName: 'Ada',
      yearOfBirth: 1980,
      contact: { email: 'ada\u0000@example.org' },
    });
    expect(nested.status).toBe(400);
    expect(fieldsOf(nested.body)).toContain('contact.email');
    const key = await send('POST', '/api/patients', { displayName: 'Ada', yearOfBirth: 1980, 'x\u0000': 1 });
    expect(key.status).toBe(400);
    expect(fieldsOf(key.body)).toContain('x\ufffd');
  });

  it('never answers 5xx to any text as a patient name, and what it stores reads back identical', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 130 }), async (name) => {
        const answer = await send('POST', '/api/patients', { displayName: name, yearOfBirth: 1980 });
        expect(answer.status).toBeLessThan(500);
        const trimmed = name.trim();
        if (unstorable(name) || trimmed.length === 0 || trimmed.length > 120) {
          expect(answer.status).toBe(400);
          expect(fieldsOf(answer.body)).toEqual(['displayName']);
          return;
        }
        expect(answer.status).toBe(201);
        const id = (answer.body as { id: string }).id;
        const read = await clinician.raw('GET', `/api/patients/${id}`);
        expect(((await read.json()) as { patient: { displayName: string } }).patient.displayName).toBe(trimmed);
      }),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx to any text as a session note, and what it stores reads back identical', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 300 }), async (note) => {
        const before = await sessionVersion();
        const answer = await send(
          'PATCH',
          `/api/sessions/${world.own.sessionId}`,
          { note },
          {
            'if-match': `"${before.version}"`,
          },
        );
        expect(answer.status).toBeLessThan(500);
        if (unstorable(note)) {
          expect(answer.status).toBe(400);
          expect(fieldsOf(answer.body)).toEqual(['note']);
          expect((await sessionVersion()).note).toBe(before.note);
          return;
        }
        expect(answer.status).toBe(200);
        expect((await sessionVersion()).note).toBe(note);
      }),
      { numRuns: 60 },
    );
  });
});

describe.each(targets)('answers at the edge, on $name', (target) => {
  let server: TestServer;
  let world: World;
  const clock = movableClock(new Date('2026-06-01T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now, env: { IPT_SESSION_IDLE_MINUTES: '1' } });
    world = await buildWorld(server);
  });
  afterAll(() => server?.drop());

  it('says no-store on every API answer, a 404 included', async () => {
    for (const [method, url] of [
      ['GET', '/api/no-such-thing'],
      ['POST', '/api/no-such-thing'],
      ['DELETE', '/api/auth/me'],
      ['GET', '/api/health'],
    ] as const) {
      const res = await server.anonymous().raw(method, url);
      expect(res.headers.get('cache-control'), `${method} ${url}`).toBe('no-store');
    }
    const missing = await server.anonymous().raw('GET', '/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 415 to a body that is not JSON (text/plain included), as ADR 0004 promises', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD);
    const plain = await c.raw('POST', '/api/patients', {
      body: '{"displayName":"Ada","yearOfBirth":1980}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({
      status: 415,
      title: 'Send JSON (Content-Type: application/json)',
      detail: matching(/only as JSON/),
    });
    const login = await server.anonymous().raw('POST', '/api/auth/login', {
      body: JSON.stringify({ email: world.users.clinician.email, password: PASSWORD }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(login.status).toBe(415);
    const withCharset = await server.anonymous().raw('POST', '/api/auth/login', {
      body: JSON.stringify({ email: world.users.clinician.email, password: PASSWORD }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(withCharset.status).toBe(200);
  });

  it('keeps an active user signed in past the one-minute idle timeout, and signs out an idle one', async () => {
    const active = await server.as(world.users.clinician.email, PASSWORD);
    const idle = await server.as(world.users.clinician.email, PASSWORD);
    for (let i = 0; i < 10; i++) {
      clock.advance(30_000);
      expect((await active.raw('GET', '/api/auth/me')).status, `after ${(i + 1) * 30} s`).toBe(200);
    }
    // Exactly at the limit still counts as in time; a moment past it does not.
    clock.advance(60_000);
    expect((await active.raw('GET', '/api/auth/me')).status).toBe(200);
    clock.advance(60_001);
    expect((await active.raw('GET', '/api/auth/me')).status).toBe(401);
    expect((await idle.raw('GET', '/api/auth/me')).status).toBe(401);
  });
});
