/** Builds the OpenAPI 3.1 document from the route table: never written by hand. */
import { z } from 'zod';
import { type RouteDef, routes } from './routes.js';
import { Problem } from './schemas/common.js';

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export function buildOpenApiDocument(info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    delete json.$schema;
    // Schemas named with .meta({ id }) come out under $defs; lift them into the document's components.
    const relinked = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<
      string,
      unknown
    >;
    const defs = (relinked.$defs ?? {}) as Record<string, unknown>;
    delete relinked.$defs;
    Object.assign(schemas, defs);
    const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
    if (id) {
      schemas[id] = relinked;
      return { $ref: `#/components/schemas/${id}` };
    }
    return relinked;
  };
  for (const [operationId, r] of Object.entries(routes) as [string, RouteDef][]) {
    const parameters: unknown[] = [];
    if (r.params) {
      const shape = toSchema(r.params, 'input') as { properties?: Record<string, unknown> };
      for (const [name, schema] of Object.entries(shape.properties ?? {})) {
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
        ? { description: r.summary, content: { 'application/json': { schema: toSchema(r.response, 'output') } } }
        : r.produces
          ? { description: r.summary, content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: r.summary },
      '400': problemResponse('The request is malformed or breaks a rule; `errors` names the fields'),
    };
    if (r.auth === 'session') responses['401'] = problemResponse('Not signed in, or the session has ended');
    if (r.params) responses['404'] = problemResponse('Not found, or outside your reach');
    if (r.ifMatch) {
      responses['409'] = problemResponse('Changed by someone else since you read it; `currentVersion` says how far');
      responses['428'] = problemResponse('If-Match is missing');
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
        content: { 'application/json': { schema: toSchema(r.body, 'input') } },
      };
    }
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = operation;
  }
  toSchema(Problem, 'output');
  return {
    openapi: '3.1.0',
    info: { title: 'IPT Workbench API', version: info.version },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-ipt_session' } },
      schemas,
    },
    paths,
  };
}
