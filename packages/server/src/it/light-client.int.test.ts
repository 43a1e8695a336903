/**
 * A fast, light client (issue 11, part 7; ADR 0018), on the server's side: the web client's files sent as the build
 * compressed them, with the encoding the client accepts and caching by fingerprint; no source map served; API JSON
 * compressed; a document reused while what it is drawn from is unchanged, and every read of it still audited.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dbTargets,
  movableClock,
  type SignedIn,
  startTestServer,
  tempDir,
  type TestServer,
} from '../../test/harness.js';
import { buildWorld, PASSWORD, type World } from '../../test/world.js';

// The database does not matter here: SQLite only.
const sqlite = (await dbTargets()).filter((t) => t.name === 'sqlite');

interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The bytes as they came off the socket, still encoded. */
  readonly body: Buffer;
}

/** A GET over plain node:http, which decodes nothing: the bytes on the wire. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built web client in miniature: a page, a fingerprinted script with its compressed copies, and a source map. */
function builtClient() {
  const root = tempDir('ipt-web-');
  fs.mkdirSync(path.join(root, 'assets'));
  const page = '<!doctype html><title>IPT</title><script type="module" src="/assets/index-AbCd1234.js"></script>';
  fs.writeFileSync(path.join(root, 'index.html'), page);
  fs.writeFileSync(path.join(root, 'index.html.br'), zlib.brotliCompressSync(page));
  const script = Buffer.from(
    Array.from({ length: 200 }, (_, i) => `export const line${i} = 'a line of the app, number ${i}';`).join('\n'),
  );
  const br = zlib.brotliCompressSync(script);
  const gz = zlib.gzipSync(script, { level: 9 });
  fs.writeFileSync(path.join(root, 'assets/index-AbCd1234.js'), script);
  fs.writeFileSync(path.join(root, 'assets/index-AbCd1234.js.br'), br);
  fs.writeFileSync(path.join(root, 'assets/index-AbCd1234.js.gz'), gz);
  fs.writeFileSync(path.join(root, 'assets/index-AbCd1234.js.map'), '{"version":3,"sources":["secret.ts"]}');
  return { root, page, script, br, gz };
}

describe.each(sqlite)('the web client and the API, light on the wire ($name)', (target) => {
  let server: TestServer;
  let world: World;
  const web = builtClient();

  beforeAll(async () => {
    server = await startTestServer(target, { webRoot: web.root });
    world = await buildWorld(server);
  });
  afterAll(async () => {
    await server?.drop();
    fs.rmSync(web.root, { recursive: true, force: true });
  });

  it('sends a fingerprinted script as the build compressed it, brotli first, kept a year', async () => {
    const url = `${server.url}/assets/index-AbCd1234.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.body.equals(web.br)).toBe(true);
    expect(zlib.brotliDecompressSync(br.body).equals(web.script)).toBe(true);

    const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(gz.body.equals(web.gz)).toBe(true);

    const plain = await rawGet(url, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(web.script)).toBe(true);
  });

  it('has the page revalidated each time, at / and at any path of the app', async () => {
    for (const where of ['/', '/login', '/patients/0192a3b4-0000-7000-8000-000000000000']) {
      const res = await rawGet(server.url + where, { 'accept-encoding': 'br' });
      expect(res.status, where).toBe(200);
      expect(res.headers['content-type'], where).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], where).toBe('no-cache');
      expect(res.headers.etag, where).toBeDefined();
      expect(res.headers['content-encoding'], where).toBe('br');
      expect(zlib.brotliDecompressSync(res.body).toString(), where).toBe(web.page);
    }
  });

  it('never serves a source map, and answers a missing asset 404 rather than with the page', async () => {
    for (const where of ['/assets/index-AbCd1234.js.map', '/assets/index-Gone9999.js', '/app.js.map']) {
      const res = await rawGet(server.url + where, { 'accept-encoding': 'br' });
      expect(res.status, where).toBe(404);
      expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
      expect(res.body.toString(), where).not.toContain('secret.ts');
    }
  });

  it('compresses API JSON the client accepts, and keeps it uncached', async () => {
    const c = await server.as(world.users.clinician.email, PASSWORD);
    const expected = await c.api.listInstruments({});
    for (const [accept, encoding, decode] of [
      ['br, gzip', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const res = await rawGet(`${server.url}/api/instruments`, { cookie: c.cookie(), 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      const json: unknown = JSON.parse(decode(res.body).toString());
      expect(json).toEqual(expected);
      expect(res.body.length).toBeLessThan(decode(res.body).length / 3);
    }
    // A small answer goes as it is: compressing it would cost more than it saves.
    const me = await rawGet(`${server.url}/api/auth/me`, { cookie: c.cookie(), 'accept-encoding': 'br' });
    expect(me.status).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
  });
});

/** The PDF's text, by poppler's pdftotext, white space made single. */
function pdfText(bytes: Uint8Array): string {
  const dir = tempDir('ipt-pdf-');
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The moment a PDF says it was made: its CreationDate (and ModDate, the same), as PDFKit writes a date. */
const creationDate = (bytes: Uint8Array) => /\(D:(\d{14})Z\)/.exec(Buffer.from(bytes).toString('latin1'))?.[1];

describe.each(sqlite)('documents drawn once for what they show ($name)', (target) => {
  let server: TestServer;
  let world: World;
  let clinician: SignedIn;
  const clock = movableClock(new Date('2026-03-02T09:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(target, { clock: clock.now });
    world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
  });
  afterAll(() => server?.drop());

  const planPdf = async (courseId: string) => {
    const res = await clinician.raw('GET', `/api/courses/${courseId}/documents/patient-plan.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return new Uint8Array(await res.arrayBuffer());
  };
  const documentReads = (courseId: string) =>
    server.workbench.db.db
      .selectFrom('auditEvents')
      .select(['action', 'entityType'])
      .where('entityId', '=', courseId)
      .where('entityType', '=', 'PatientPlan')
      .execute();

  it('reuses the drawn plan while its records are unchanged, draws anew on any change or a new day, audits each read', async () => {
    const { courseId } = world.own;
    const first = await planPdf(courseId);
    expect(creationDate(first)).toBe('20260302090000');

    // A minute on, nothing changed: the same document, made at the first moment, is sent again.
    clock.advance(60_000);
    const again = await planPdf(courseId);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);

    // The plan is written: the next document is drawn from it.
    await clinician.api.putRelapsePlan({
      params: { courseId },
      body: { copingActions: ['Walk by the river on Sundays'] },
      ifMatch: 0,
    });
    const changed = await planPdf(courseId);
    expect(creationDate(changed)).toBe('20260302090100');
    expect(pdfText(changed)).toContain('Walk by the river on Sundays');
    expect(pdfText(first)).not.toContain('Walk by the river on Sundays');

    // The next day prints another date: drawn again.
    clock.advance(86_400_000);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    const nextDay = await planPdf(courseId);
    expect(creationDate(nextDay)).toBe('20260303090100');

    // Every read was audited, the reused ones too.
    expect(await documentReads(courseId)).toEqual(Array(4).fill({ action: 'read', entityType: 'PatientPlan' }));
  });
});
