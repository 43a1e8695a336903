/**
 * The published contract, used the way an outside client would use it: TypeScript types generated from the running
 * server's /api/openapi.json by an independent generator (openapi-typescript) type-check a few real calls, and refuse
 * wrong ones, with the TypeScript compiler; the very calls that type-checked then run over HTTP against the server,
 * and every status the server answers with is one the document names for that operation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { routes } from '@ipt/contract';
import { Role } from '@ipt/core';
import { policies } from '@ipt/server';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, type SignedIn, startTestServer, type TestServer } from '../../test/harness.js';

const targets = await dbTargets();
const PASSWORD = 'correct horse battery staple';

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
}

/** The calls, written against the generated `paths` only: this is the file the compiler checks and the test runs. */
const callsSource = `
import type { paths } from './api';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = Exclude<paths[P][M], undefined>;
type PathParams<O> = O extends { parameters: { path: infer A } } ? A : never;
type HeaderParams<O> = O extends { parameters: { header: infer H } } ? H : never;
type RequestBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type Answer<O, S> = O extends { responses: infer R }
  ? S extends keyof R
    ? R[S] extends { content: infer C }
      ? C[keyof C]
      : undefined
    : never
  : never;
type Statuses<O> = O extends { responses: infer R } ? keyof R & number : never;

export type Send = (
  method: string,
  template: string,
  url: string,
  body: unknown,
  headers: Record<string, string>,
) => Promise<{ status: number; body: unknown }>;

/** One call typed by the generated document: its path parameters, headers and body, and the answer for \`status\`. */
function client(send: Send) {
  return async <P extends keyof paths, M extends Method, S extends Statuses<Operation<P, M>>>(
    method: M,
    template: P,
    status: S,
    input: { path?: PathParams<Operation<P, M>>; header?: HeaderParams<Operation<P, M>>; body?: RequestBody<Operation<P, M>> },
  ): Promise<Answer<Operation<P, M>, S>> => {
    const params: Record<string, string> = Object.assign({}, input.path);
    const url = String(template).replace(/\\{(\\w+)\\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
    const headers: Record<string, string> = Object.assign({}, input.header);
    const answer = await send(method.toUpperCase(), String(template), url, input.body, headers);
    if (answer.status !== status) {
      throw new Error(\`\${method} \${url}: expected \${status}, got \${answer.status} \${JSON.stringify(answer.body)}\`);
    }
    return answer.body as Answer<Operation<P, M>, S>;
  };
}

type NewPatient = paths['/api/patients']['post']['requestBody']['content']['application/json'];
type IfMatch = paths['/api/patients/{patientId}']['patch']['parameters']['header']['If-Match'];

export async function story(send: Send, credentials: { email: string; password: string }) {
  const call = client(send);
  const signedIn = await call('post', '/api/auth/login', 200, { body: credentials });
  // With two-step sign-in the answer is the step still owed, not the user: a client tells them apart.
  if ('step' in signedIn) throw new Error(\`a second step is owed: \${signedIn.step}\`);
  const me = signedIn;
  const ada: NewPatient = { displayName: 'Ada Example', yearOfBirth: 1984, pronouns: 'she/her' };
  const created = await call('post', '/api/patients', 201, { body: ada });
  const patientId: string = created.id;
  const detail = await call('get', '/api/patients/{patientId}', 200, { path: { patientId } });
  const read: { name: string; year: number; careTeam: string[] } = {
    name: detail.patient.displayName,
    year: detail.patient.yearOfBirth,
    careTeam: detail.careTeam.map((member) => member.displayName),
  };
  const ifMatch: IfMatch = \`"\${created.version}"\`;
  const updated = await call('patch', '/api/patients/{patientId}', 200, {
    path: { patientId },
    header: { 'If-Match': ifMatch },
    body: { displayName: 'Ada Q. Example' },
  });
  const stale = await call('patch', '/api/patients/{patientId}', 409, {
    path: { patientId },
    header: { 'If-Match': ifMatch },
    body: { yearOfBirth: 1985 },
  });
  const refused = await call('post', '/api/patients', 422, { body: { displayName: 'Not Born Yet', yearOfBirth: 2100 } });
  const version: number = updated.version;
  return {
    me: { role: me.role, displayName: me.displayName },
    created: { id: created.id, version: created.version, pronouns: created.pronouns },
    read,
    updated: { displayName: updated.displayName, version },
    stale: { status: stale.status, currentVersion: stale.currentVersion },
    refused: { status: refused.status, fields: (refused.errors ?? []).map((e) => e.field) },
  };
}
`;

/** Wrong uses of the generated types, one a line: the compiler must report each, on its own line. */
const wrongLines = [
  // A body without a required field (displayName).
  `export const missingField: NewPatient = { yearOfBirth: 1984 };`,
  // A field of the wrong type.
  `export const wrongType: NewPatient = { displayName: 'Ada', yearOfBirth: '1984' };`,
  // A field the request does not have (request objects are strict).
  `export const unknownField: NewPatient = { displayName: 'Ada', yearOfBirth: 1984, colour: 'blue' };`,
  // A field the answer does not have.
  `export const misread = (p: Detail) => p.patient.nickname;`,
  // An operation the document does not have.
  `export type NoSuchOperation = paths['/api/patients']['delete']['requestBody'];`,
];
const wrongSource = [
  `import type { paths } from './api';`,
  `type NewPatient = paths['/api/patients']['post']['requestBody']['content']['application/json'];`,
  `type Detail = paths['/api/patients/{patientId}']['get']['responses'][200]['content']['application/json'];`,
  ...wrongLines,
].join('\n');
const firstWrongLine = 3;

interface Generated {
  readonly dir: string;
  readonly diagnostics: Record<'api' | 'calls' | 'wrong', { line: number; code: number; text: string }[]>;
}

/** Generates the types from the document, type-checks the calls and the wrong uses, and compiles the calls to JS. */
async function generate(documentText: string): Promise<Generated> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-openapi-client-'));
  try {
    return await generateIn(dir, documentText);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function generateIn(dir: string, documentText: string): Promise<Generated> {
  const api = astToString(await openapiTS(documentText, { silent: true }));
  fs.writeFileSync(path.join(dir, 'api.ts'), api);
  fs.writeFileSync(path.join(dir, 'calls.ts'), callsSource);
  fs.writeFileSync(path.join(dir, 'wrong.ts'), wrongSource);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts'],
    types: [],
    skipLibCheck: false,
  };
  const files = { api: 'api.ts', calls: 'calls.ts', wrong: 'wrong.ts' } as const;
  const program = ts.createProgram(
    Object.values(files).map((f) => path.join(dir, f)),
    options,
  );
  const diagnostics: Generated['diagnostics'] = { api: [], calls: [], wrong: [] };
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const key = (Object.keys(files) as (keyof typeof files)[]).find(
      (k) => d.file?.fileName === path.join(dir, files[k]),
    );
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (key === undefined) throw new Error(`A diagnostic outside the generated files: ${text}`);
    diagnostics[key].push({ line, code: d.code, text });
  }
  const js = ts.transpileModule(callsSource, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  fs.writeFileSync(path.join(dir, 'calls.mjs'), js);
  return { dir, diagnostics };
}

interface Story {
  me: { role: string; displayName: string };
  created: { id: string; version: number; pronouns: string | null };
  read: { name: string; year: number; careTeam: string[] };
  updated: { displayName: string; version: number };
  stale: { status: number; currentVersion: number };
  refused: { status: number; fields: string[] };
}
type Send = (
  method: string,
  template: string,
  url: string,
  body: unknown,
  headers: Record<string, string>,
) => Promise<{ status: number; body: unknown }>;

async function loadStory(dir: string): Promise<(send: Send, credentials: object) => Promise<Story>> {
  const mod: unknown = await import(pathToFileURL(path.join(dir, 'calls.mjs')).href);
  if (typeof mod !== 'object' || mod === null || !('story' in mod) || typeof mod.story !== 'function') {
    throw new Error('the compiled calls have no story()');
  }
  const run: unknown = mod.story;
  return (send, credentials) => (run as (s: Send, c: object) => Promise<Story>)(send, credentials);
}

describe.each(targets)('a client generated from /api/openapi.json, on $name', (target) => {
  let server: TestServer;
  let doc: OpenApiDocument;
  let generated: Generated;
  let clinician: { email: string };
  let patientUser: { email: string };
  /** Every status the server answered, by operation (method and path template). */
  const answered: { method: string; template: string; status: number }[] = [];

  beforeAll(async () => {
    server = await startTestServer(target);
    const { people } = server.workbench.services;
    const org = await people.createOrganisation('Clinic for the OpenAPI client');
    const add = async (email: string, role: Role) => {
      await people.insert({ organisationId: org.id, email, displayName: `The ${role}`, role, password: PASSWORD });
      return { email };
    };
    clinician = await add('clinician@openapi.example', Role.clinician);
    patientUser = await add('patient@openapi.example', Role.patient);
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    doc = JSON.parse(text) as OpenApiDocument;
    generated = await generate(text);
  });
  afterAll(async () => {
    if (generated) fs.rmSync(generated.dir, { recursive: true, force: true });
    await server?.drop();
  });

  /** Sends one request with the client's cookie, and keeps the status it answered. */
  const sender =
    (c: SignedIn): Send =>
    async (method, template, url, body, headers) => {
      const res = await c.raw(method, url, {
        ...(body !== undefined && { body: JSON.stringify(body) }),
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      });
      answered.push({ method, template, status: res.status });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
    };

  const documented = (method: string, template: string) =>
    Object.keys(doc.paths[template]?.[method.toLowerCase()]?.responses ?? {}).map(Number);

  it('generates types the compiler accepts, and calls typed by them that it accepts: 0 diagnostics', () => {
    expect(generated.diagnostics.api).toEqual([]);
    expect(generated.diagnostics.calls).toEqual([]);
    const api = fs.readFileSync(path.join(generated.dir, 'api.ts'), 'utf8');
    expect(api).toMatch(/CreatePatientRequest: \{/);
    expect(api).toMatch(/"\/api\/patients\/\{patientId\}": \{/);
  });

  it('reports every deliberately wrong use, each on its own line', () => {
    const lines = generated.diagnostics.wrong.map((d) => d.line - firstWrongLine).sort((a, b) => a - b);
    expect(lines).toEqual(wrongLines.map((_, i) => i));
    const codeAt = (i: number) => generated.diagnostics.wrong.find((d) => d.line === firstWrongLine + i)?.code;
    expect(codeAt(0)).toBe(2741); // Property 'displayName' is missing
    expect(generated.diagnostics.wrong.find((d) => d.line === firstWrongLine)?.text).toMatch(/displayName/);
    expect(codeAt(1)).toBe(2322); // Type 'string' is not assignable to type 'number'
    expect(codeAt(2)).toBe(2353); // Object literal may only specify known properties
    expect(codeAt(3)).toBe(2339); // Property 'nickname' does not exist
  });

  it('makes the same calls over HTTP, and the server answers them as typed', async () => {
    const story = await loadStory(generated.dir);
    const result = await story(sender(server.anonymous()), { email: clinician.email, password: PASSWORD });
    expect(result.me).toEqual({ role: 'clinician', displayName: 'The clinician' });
    expect(result.created).toMatchObject({ version: 1, pronouns: 'she/her' });
    expect(result.read).toEqual({ name: 'Ada Example', year: 1984, careTeam: ['The clinician'] });
    expect(result.updated).toEqual({ displayName: 'Ada Q. Example', version: 2 });
    expect(result.stale).toEqual({ status: 409, currentVersion: 2 });
    expect(result.refused).toEqual({ status: 422, fields: ['yearOfBirth'] });
  });

  it('answers malformed, refused and out-of-place requests only with statuses the document names', async () => {
    const patient = server.anonymous();
    await sender(patient)(
      'POST',
      '/api/auth/login',
      '/api/auth/login',
      { email: patientUser.email, password: PASSWORD },
      {},
    );
    const c = await server.as(clinician.email, PASSWORD);
    const send = sender(c);
    const json = { 'content-type': 'application/json' };
    const probes: [SignedIn, string, string, string, { body?: string; headers?: Record<string, string> }, number][] = [
      [
        patient,
        'POST',
        '/api/patients',
        '/api/patients',
        { body: '{"displayName":"X","yearOfBirth":1990}', headers: json },
        403,
      ],
      [patient, 'GET', '/api/patients', '/api/patients', {}, 403],
      [c, 'POST', '/api/patients', '/api/patients', { body: '{"displayName":', headers: json }, 400],
      [c, 'POST', '/api/patients', '/api/patients', { body: '{"displayName":"X"}', headers: json }, 400],
      [
        c,
        'POST',
        '/api/patients',
        '/api/patients',
        { body: 'displayName=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
      ],
      [
        c,
        'POST',
        '/api/patients',
        '/api/patients',
        { body: JSON.stringify({ displayName: 'x'.repeat(70_000) }), headers: json },
        413,
      ],
      [
        c,
        'POST',
        '/api/patients',
        '/api/patients',
        { body: '{"displayName":"X","yearOfBirth":1990}', headers: { ...json, origin: 'https://elsewhere.example' } },
        403,
      ],
      [
        c,
        'POST',
        '/api/auth/logout',
        '/api/auth/logout',
        { body: '<bye/>', headers: { 'content-type': 'application/xml' } },
        415,
      ],
      [c, 'GET', '/api/patients/{patientId}', '/api/patients/not-an-id', {}, 400],
      [c, 'GET', '/api/patients/{patientId}', '/api/patients/00000000-0000-7000-8000-000000000000', {}, 404],
      [server.anonymous(), 'GET', '/api/patients', '/api/patients', {}, 401],
      [
        server.anonymous(),
        'POST',
        '/api/auth/login',
        '/api/auth/login',
        { body: '{"email":"nobody@openapi.example","password":"wrong password"}', headers: json },
        401,
      ],
      [server.anonymous(), 'GET', '/api/measure-links/{token}', `/api/measure-links/${'a'.repeat(43)}`, {}, 404],
    ];
    for (const [client, method, template, url, init, status] of probes) {
      const res = await client.raw(method, url, init);
      expect(res.status, `${method} ${url}`).toBe(status);
      answered.push({ method, template, status: res.status });
    }
    // If-Match missing: 428.
    const created = await send('POST', '/api/patients', '/api/patients', { displayName: 'Bo', yearOfBirth: 1990 }, {});
    const id = (created.body as { id: string }).id;
    const bare = await send('PATCH', '/api/patients/{patientId}', `/api/patients/${id}`, { displayName: 'Bo B.' }, {});
    expect(bare.status).toBe(428);
  });

  it('answered every request above with a status the document names for its operation', () => {
    expect(answered.length).toBeGreaterThan(15);
    const undocumented = answered.filter((a) => !documented(a.method, a.template).includes(a.status));
    expect(undocumented).toEqual([]);
  });

  it("documents 401, 403 and 423 exactly as the server's access policies decide them", () => {
    const allRoles = Object.values(Role).length;
    for (const [operationId, r] of Object.entries(routes)) {
      const policy = policies[operationId as keyof typeof policies];
      const statuses = documented(r.method, r.path);
      const isPublic = policy.roles === 'public';
      expect(statuses.includes(423), `${operationId} 423`).toBe(!isPublic && policy.kiosk !== true);
      expect(statuses.includes(401), `${operationId} 401`).toBe(!isPublic || operationId === 'login');
      // A role outside the policy gets 403 on a collection (404 where the path names a record); any change from
      // another origin gets 403 too.
      const roleRefused = !isPublic && policy.roles.length < allRoles && !('params' in r);
      expect(statuses.includes(403), `${operationId} 403`).toBe(roleRefused || r.method !== 'GET');
    }
  });
});
