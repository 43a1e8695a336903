/** Builds the OpenAPI 3.1 document from the route table: never written by hand. */
import { z } from 'zod';
import { type OperationId, type RouteDef, routes } from './routes.js';
import { Problem } from './schemas/common.js';

type JsonSchema = z.core.JSONSchema.BaseSchema;
type Io = 'input' | 'output';

const defsPrefix = '#/$defs/';
const componentsPrefix = '#/components/schemas/';

/**
 * The schemas of the document. Each zod schema is turned into JSON Schema 2020-12 by zod's own `toJSONSchema`, which
 * puts every schema named with `.meta({ id })` under `$defs`; those become the document's components. A named schema
 * that reads differently when sent (io "input": a default makes its field optional) than when answered (io
 * "output") is published twice, `Foo` as answered and `FooInput` as sent, so neither overwrites the other.
 */
class Components {
  private readonly named: Record<Io, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };
  /** Every schema handed out, with how it was read: its `#/$defs/` links are pointed at components by `finish`. */
  private readonly handedOut: { readonly schema: JsonSchema; readonly io: Io }[] = [];

  /** The JSON Schema of `schema` as sent (`input`) or answered (`output`); a named one is a link to its component. */
  schemaOf(schema: z.ZodType, io: Io): JsonSchema {
    const json: JsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
    const { $schema: _dialect, $defs, ...rest } = json;
    for (const [id, def] of Object.entries($defs ?? {})) this.name(io, id, def);
    this.handedOut.push({ schema: rest, io });
    return rest;
  }

  /** The properties of an object schema, looked up in its component when the schema is named. */
  propertiesOf(schema: JsonSchema, io: Io): Record<string, JsonSchema> {
    const own = schema.$ref?.startsWith(defsPrefix) ? this.named[io].get(schema.$ref.slice(defsPrefix.length)) : schema;
    const properties: Record<string, JsonSchema> = {};
    for (const [name, property] of Object.entries(own?.properties ?? {})) {
      properties[name] = typeof property === 'boolean' ? (property ? {} : { not: {} }) : property;
    }
    return properties;
  }

  private name(io: Io, id: string, def: JsonSchema) {
    if (/^__schema\d+$/.test(id)) {
      throw new Error(`A schema zod could not inline (${id}) has no name: give it .meta({ id }).`);
    }
    const known = this.named[io].get(id);
    if (known && canonical(known) !== canonical(def)) throw new Error(`Two different schemas are named "${id}".`);
    this.named[io].set(id, def);
  }

  /** The components, named once every schema is in, and every link handed out pointed at them. */
  finish(): Record<string, JsonSchema> {
    const { input, output } = this.named;
    // A schema differs as sent and as answered when its own text does, or when a schema it links to differs.
    const differs = new Set(
      [...input]
        .filter(([id, def]) => output.has(id) && canonical(output.get(id)) !== canonical(def))
        .map(([id]) => id),
    );
    for (let grew = true; grew; ) {
      grew = false;
      for (const [id, def] of input) {
        if (differs.has(id) || !output.has(id) || !linksOf(def).some((l) => differs.has(l))) continue;
        differs.add(id);
        grew = true;
      }
    }
    const nameOf = (io: Io, id: string) => (io === 'input' && differs.has(id) ? `${id}Input` : id);
    const components: Record<string, JsonSchema> = {};
    for (const io of ['output', 'input'] as const) {
      for (const [id, def] of this.named[io]) {
        const name = nameOf(io, id);
        if (name !== id && (input.has(name) || output.has(name))) {
          throw new Error(`"${id}" differs as sent and as answered, and "${name}" is taken: rename one.`);
        }
        components[name] = relink(def, io, nameOf);
      }
    }
    for (const { schema, io } of this.handedOut) relink(schema, io, nameOf);
    return Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** Points the `#/$defs/` links of a schema (in place) at the components that `nameOf` names. */
function relink(schema: JsonSchema, io: Io, nameOf: (io: Io, id: string) => string): JsonSchema {
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(defsPrefix)) {
          Object.assign(node, { $ref: componentsPrefix + nameOf(io, value.slice(defsPrefix.length)) });
        } else {
          visit(value);
        }
      }
    }
  };
  visit(schema);
  return schema;
}

/** The ids a schema links to under `$defs`. */
function linksOf(schema: JsonSchema): string[] {
  return [...JSON.stringify(schema).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** JSON text with the keys of every object sorted, so two equal schemas compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * The operations a device in kiosk mode may still call (the server's policies, `kiosk: true` in
 * packages/server/src/authz/policies.ts; the OpenAPI integration test checks that the two agree).
 */
const callableInKiosk: ReadonlySet<string> = new Set<OperationId>(['logout', 'unlockKiosk']);

/**
 * Every error status an operation can answer, with why. Most follow from the route's shape; the route table's
 * `errors` adds the ones that depend on what the operation does (a failed sign-in, a role the collection refuses,
 * a duplicate, a spent link, a broken rule).
 */
function errorsOf(operationId: string, r: RouteDef): [status: number, description: string][] {
  const own = new Set<number>(r.errors ?? []);
  const changes = r.method !== 'GET';
  const session = r.auth === 'session';
  const named = r.params !== undefined;
  const why: Record<number, (string | false)[]> = {
    400: [
      (changes || named || r.body !== undefined) &&
        'The request is not valid: the body is not JSON, or a field is missing, unknown or of the wrong form; `errors` names the fields.',
    ],
    401: [
      session &&
        'Not signed in, or the session has ended, or the second step of signing in (two-step sign-in) is not done yet.',
      !session && own.has(401) && 'The email or password is not correct.',
    ],
    403: [
      own.has(403) && 'Your role does not allow this.',
      changes && 'A change sent from another origin (the Origin header) is refused.',
    ],
    404: [named && 'Not found, or outside your reach.'],
    409: [
      r.ifMatch === true &&
        'Changed by someone else since you read it: `currentVersion` says how far, `current` shows it.',
      own.has(409) &&
        'It would duplicate what exists, or the record is not in a state that allows it; `detail` says what, `errors` names the field.',
    ],
    410: [own.has(410) && 'The link has been used or has expired.'],
    413: [changes && 'The body is larger than the server takes.'],
    415: [changes && 'The body is not JSON: send Content-Type: application/json.'],
    422: [
      own.has(422) && 'The request breaks a clinical or data rule; `detail` says which and `errors` names the fields.',
    ],
    423: [
      session &&
        !callableInKiosk.has(operationId) &&
        'This device is handed to the patient for a questionnaire (kiosk mode): the clinician must unlock it first.',
    ],
    428: [r.ifMatch === true && 'If-Match is missing: send the version you read (the record\'s ETag), e.g. "3".'],
    429: [
      own.has(429) &&
        'Too many tries for now: wait the seconds `Retry-After` names, then try again. A wait, never a lock (docs/decisions/0017).',
    ],
  };
  const errors: [number, string][] = [];
  for (const [status, reasons] of Object.entries(why)) {
    const text = reasons.filter((reason) => reason !== false);
    if (text.length > 0) errors.push([Number(status), text.join(' ')]);
  }
  for (const status of own) {
    if (!errors.some(([s]) => s === status)) throw new Error(`${operationId}: no description for status ${status}.`);
  }
  return errors;
}

/** The document of the route table (or of another table, for the tests of this builder). */
export function buildOpenApiDocument(info: { version: string }, table: Readonly<Record<string, RouteDef>> = routes) {
  const components = new Components();
  const problem = components.schemaOf(Problem, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, r] of Object.entries(table)) {
    const parameters: unknown[] = [];
    if (r.params) {
      const params = components.propertiesOf(components.schemaOf(r.params, 'input'), 'input');
      for (const [name, schema] of Object.entries(params)) {
        parameters.push({ name, in: 'path', required: true, schema });
      }
    }
    if (r.ifMatch) {
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: true,
        description: 'The version of the record you read, as returned in its ETag: "3"',
        schema: { type: 'string' },
      });
    }
    const responses: Record<string, unknown> = {
      [r.status]: r.response
        ? {
            description: r.summary,
            content: { 'application/json': { schema: components.schemaOf(r.response, 'output') } },
          }
        : r.produces
          ? { description: r.summary, content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: r.summary },
    };
    for (const [status, description] of errorsOf(operationId, r)) {
      responses[status] = { description, content: { 'application/problem+json': { schema: problem } } };
    }
    const operation: Record<string, unknown> = {
      operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters,
      responses,
      security: r.auth === 'public' ? [] : [{ session: [] }],
    };
    if (r.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: components.schemaOf(r.body, 'input') } },
      };
    }
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'IPT Workbench API', version: info.version },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-ipt_session' } },
      schemas: components.finish(),
    },
    paths,
  };
}
