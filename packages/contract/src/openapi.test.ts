/**
 * The published contract, checked from outside: an independent OpenAPI 3.1 validator accepts the document, every
 * component holds its real schema (none is a link to itself), every link resolves, and each operation names the
 * error statuses the server answers with.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument } from './openapi.js';
import { type RouteDef, routes } from './routes.js';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const anyObject: unknown = expect.any(Object);

type Json = Record<string, unknown>;
interface Operation {
  readonly operationId: string;
  readonly parameters: readonly { name: string; in: string; required: boolean }[];
  readonly requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  readonly responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}

const doc = buildOpenApiDocument({ version: 'test' });
const schemas: Record<string, Json> = doc.components.schemas;

function operation(path: string, method: string, document: { paths: Record<string, Record<string, unknown>> } = doc) {
  const op = document.paths[path]?.[method];
  if (op === undefined) throw new Error(`no ${method} ${path}`);
  return op as Operation;
}

/** What a JSON pointer (`#/components/schemas/Patient`) names in the document, or undefined. */
function resolve(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every `$ref` in the document. */
function refsOf(document: unknown): string[] {
  return [...JSON.stringify(document).matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** A component named by a `$ref`, followed to its schema. */
function component(schema: Json | undefined): Json {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') throw new Error(`not a link to a component: ${JSON.stringify(schema)}`);
  const target = resolve(doc, ref);
  if (typeof target !== 'object' || target === null) throw new Error(`${ref} does not resolve`);
  return target as Json;
}

const statuses = (op: Operation) => Object.keys(op.responses).map(Number);

describe('the OpenAPI document, checked by an independent validator (@seriousme/openapi-schema-validator)', () => {
  it('is a valid OpenAPI 3.1 document whose every $ref resolves', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('would fail a broken document: a link to nothing, a status that is not one', async () => {
    const dangling = structuredClone(doc);
    Object.assign(dangling.components.schemas, { Problem: { $ref: '#/components/schemas/Nothing' } });
    expect((await new Validator().validate(dangling)).valid).toBe(false);
    const badStatus = structuredClone(doc);
    const responses = operation('/api/health', 'get', badStatus).responses;
    Object.assign(responses, { '99': { description: 'not a status' } });
    expect((await new Validator().validate(badStatus)).valid).toBe(false);
  });
});

describe('the components', () => {
  const names = Object.keys(schemas);

  it('hold every named schema, each with its real schema: none is a link to itself or only a link', () => {
    expect(names.length).toBeGreaterThanOrEqual(72);
    const selfReferences = names.filter((n) => schemas[n]?.$ref === `#/components/schemas/${n}`);
    expect(selfReferences).toEqual([]);
    const onlyALink = names.filter((n) =>
      Object.keys(schemas[n] ?? {}).every((k) => k === '$ref' || k === 'description'),
    );
    expect(onlyALink).toEqual([]);
  });

  it('are linked to from the document, and every link in the document resolves', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((ref) => resolve(doc, ref) === undefined)).toEqual([]);
    const linked = new Set(refs);
    expect(names.filter((n) => !linked.has(`#/components/schemas/${n}`))).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });
});

describe('the operations', () => {
  it('describe the request body of createPatient with its fields, and its answers', () => {
    const op = operation('/api/patients', 'post');
    expect(op.operationId).toBe('createPatient');
    expect(op.requestBody?.required).toBe(true);
    const body = component(op.requestBody?.content['application/json']?.schema);
    expect(body).toMatchObject({
      type: 'object',
      properties: {
        displayName: { type: 'string', minLength: 1 },
        yearOfBirth: { type: 'integer' },
        pronouns: anyObject,
        contact: anyObject,
      },
      required: ['displayName', 'yearOfBirth'],
      additionalProperties: false,
    });
    const answer = component(op.responses['201']?.content?.['application/json']?.schema);
    expect(answer).toMatchObject({
      type: 'object',
      properties: { id: anyObject, version: anyObject },
    });
    // Rule broken (a year of birth in the future) 422; a role that may not add patients 403; no record in the path.
    expect(statuses(op).sort()).toEqual([201, 400, 401, 403, 413, 415, 422, 423]);
  });

  it('give every error the problem+json body', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        for (const [status, response] of Object.entries(operation(path, method).responses)) {
          if (Number(status) < 400) continue;
          expect(component(response.content?.['application/problem+json']?.schema), `${method} ${path} ${status}`).toBe(
            schemas.Problem,
          );
          expect(response.description.length).toBeGreaterThan(10);
        }
      }
    }
  });

  it('name the statuses each kind of route answers', () => {
    // A versioned update: stale version 409, no If-Match 428, rule 422, record not found 404.
    expect(statuses(operation('/api/patients/{patientId}', 'patch')).sort()).toEqual([
      200, 400, 401, 403, 404, 409, 413, 415, 422, 423, 428,
    ]);
    // A read of a record: no body, no rule, no If-Match.
    expect(statuses(operation('/api/patients/{patientId}', 'get')).sort()).toEqual([200, 400, 401, 404, 423]);
    // A read of a collection a role may be refused.
    expect(statuses(operation('/api/patients', 'get')).sort()).toEqual([200, 401, 403, 423]);
    // Public: the liveness check answers nothing but success; the single-use link is gone (410) once used.
    expect(statuses(operation('/api/health', 'get'))).toEqual([200]);
    expect(statuses(operation('/api/measure-links/{token}', 'get')).sort()).toEqual([200, 400, 404, 410]);
    expect(statuses(operation('/api/measure-links/{token}/responses', 'post')).sort()).toEqual([
      201, 400, 403, 404, 410, 413, 415, 422,
    ]);
    // Sign-in fails with 401, or waits with 429 (as a password change does); signing out and unlocking stay
    // possible in kiosk mode (no 423).
    expect(statuses(operation('/api/auth/login', 'post')).sort()).toEqual([200, 400, 401, 403, 413, 415, 429]);
    expect(statuses(operation('/api/auth/password', 'post'))).toContain(429);
    expect(statuses(operation('/api/auth/logout', 'post'))).not.toContain(423);
    expect(statuses(operation('/api/auth/unlock', 'post'))).not.toContain(423);
    // Duplicates: a second active course, a person already in the inventory.
    expect(statuses(operation('/api/patients/{patientId}/courses', 'post'))).toContain(409);
    expect(statuses(operation('/api/courses/{courseId}/inventory', 'post'))).toContain(409);
  });

  it('documents 409 and 428 on exactly the routes that take If-Match, and 423 on every session route but two', () => {
    for (const [operationId, r] of Object.entries(routes) as [string, RouteDef][]) {
      const op = operation(r.path, r.method.toLowerCase());
      expect(op.operationId).toBe(operationId);
      expect(statuses(op).includes(428), operationId).toBe(r.ifMatch === true);
      expect(op.parameters.some((p) => p.name === 'If-Match' && p.in === 'header' && p.required)).toBe(
        r.ifMatch === true,
      );
      const kiosk = ['logout', 'unlockKiosk'].includes(operationId);
      expect(statuses(op).includes(423), operationId).toBe(r.auth === 'session' && !kiosk);
      for (const status of r.errors ?? []) expect(statuses(op), operationId).toContain(status);
    }
  });
});

describe('a schema read differently as sent and as answered', () => {
  // A default makes a field optional when sent and always present when answered.
  const Thing = z.strictObject({ size: z.number().int().default(1), label: z.string() }).meta({ id: 'TestThing' });
  const Holder = z.strictObject({ thing: Thing }).meta({ id: 'TestHolder' });
  const Plain = z.strictObject({ note: z.string() }).meta({ id: 'TestPlain' });
  const route = (path: string, schema: z.ZodType): RouteDef => ({
    method: 'PUT',
    path,
    summary: 'test',
    tag: 'test',
    auth: 'public',
    body: schema,
    response: schema,
    status: 200,
  });
  const own = buildOpenApiDocument(
    { version: 'test' },
    { putHolder: route('/holder', Holder), putPlain: route('/plain', Plain) },
  );
  const ownSchemas: Record<string, Json> = own.components.schemas;
  const put = (path: string) => operation(path, 'put', own);

  it('is published twice, as Foo and FooInput, and so is every schema that holds it', () => {
    expect(Object.keys(ownSchemas).sort()).toEqual([
      'Problem',
      'TestHolder',
      'TestHolderInput',
      'TestPlain',
      'TestThing',
      'TestThingInput',
    ]);
    expect(ownSchemas.TestThing).toMatchObject({ required: ['size', 'label'] });
    expect(ownSchemas.TestThingInput).toMatchObject({ required: ['label'], properties: { size: { default: 1 } } });
    expect(ownSchemas.TestHolderInput).toMatchObject({
      properties: { thing: { $ref: '#/components/schemas/TestThingInput' } },
    });
    expect(ownSchemas.TestHolder).toMatchObject({ properties: { thing: { $ref: '#/components/schemas/TestThing' } } });
    expect(put('/holder').requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/TestHolderInput',
    });
    expect(put('/holder').responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/TestHolder',
    });
  });

  it('is published once when it reads the same both ways', () => {
    expect(put('/plain').requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/TestPlain',
    });
    expect(put('/plain').responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/TestPlain',
    });
  });
});
