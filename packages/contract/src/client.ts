/**
 * A typed fetch client over the route table. The web client and the CLI reach the server only through it.
 */
import type { z } from 'zod';
import { type HttpMethod, type OperationId, type RouteDef, type Routes, routes } from './routes.js';
import type { Problem } from './schemas/common.js';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
type In<T> = T extends z.ZodType ? z.input<T> : never;

export type CallArgs<R extends RouteDef> = (R['params'] extends z.ZodType ? { params: In<R['params']> } : unknown) &
  (R['body'] extends z.ZodType ? { body: In<R['body']> } : unknown) &
  (R extends { ifMatch: true } ? { ifMatch: number } : unknown);

export type CallResult<R extends RouteDef> = R['response'] extends z.ZodType ? Infer<R['response']> : undefined;

/** A failed call: the server's problem details, with the status (and, on a 429, how long to wait). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** The server's `Retry-After`, in seconds, when it named one (a throttled sign-in: docs/decisions/0017). */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

/** `Retry-After` as seconds: a number of seconds, or an HTTP date from now; undefined when absent or unreadable. */
export function retryAfterOf(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function pathFor(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export interface ClientOptions {
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** Extra headers on every call (e.g. a cookie outside a browser). */
  readonly headers?: () => Record<string, string>;
  /** Sees every response (e.g. to keep a cookie outside a browser). */
  readonly onResponse?: (res: Response) => void;
}

export type Client = {
  [K in OperationId]: (args: CallArgs<Routes[K]>) => Promise<CallResult<Routes[K]>>;
};

/** What a call needs to know of its route, and nothing of its schemas: plain data, the same for every client. */
export interface Endpoint {
  readonly method: HttpMethod;
  readonly path: string;
  /** The call sends a JSON body. */
  readonly body: boolean;
  /** The call sends `If-Match: "<version>"`. */
  readonly ifMatch: boolean;
  /** The success answer has a JSON body. */
  readonly response: boolean;
}

export type Endpoints = { readonly [K in OperationId]: Endpoint };

/** The route table without its schemas (the web client is built with this, ADR 0018). */
export function endpointsOf(table: Routes): Endpoints {
  const entries = Object.entries(table) as [OperationId, RouteDef][];
  return Object.fromEntries(
    entries.map(([id, r]) => [
      id,
      {
        method: r.method,
        path: r.path,
        body: r.body !== undefined,
        ifMatch: r.ifMatch === true,
        response: r.response !== null,
      },
    ]),
  ) as Endpoints;
}

/**
 * A typed client over plain endpoints. `parse` checks (and shapes) each answer by its route's schema; without it the
 * answer is taken as the route's type says, as the web client does with its own same-origin server (ADR 0018).
 */
export function createClientFor(
  endpoints: Endpoints,
  options: ClientOptions = {},
  parse?: (operation: OperationId, answer: unknown) => unknown,
): Client {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const call = async (id: OperationId, r: Endpoint, args: Record<string, unknown>) => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers?.() };
    let body: string | undefined;
    if (r.body) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(args.body);
    }
    if (r.ifMatch) headers['if-match'] = `"${String(args.ifMatch)}"`;
    const url = `${options.baseUrl ?? ''}${pathFor(r.path, args.params as Record<string, string> | undefined)}`;
    const res = await doFetch(url, { method: r.method, headers, body, credentials: 'same-origin' });
    options.onResponse?.(res);
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({
        type: 'about:blank',
        title: res.statusText,
        status: res.status,
      }))) as Problem;
      throw new ApiError(res.status, problem, retryAfterOf(res.headers.get('retry-after')));
    }
    if (!r.response || res.status === 204) return undefined;
    const answer: unknown = await res.json();
    return parse ? parse(id, answer) : answer;
  };
  const client: Record<string, unknown> = {};
  for (const [id, r] of Object.entries(endpoints) as [OperationId, Endpoint][]) {
    client[id] = (args: Record<string, unknown> = {}) => call(id, r, args);
  }
  return client as Client;
}

/** The typed client that checks every answer by its route's schema: the CLI's and the tests'. */
export function createClient(options: ClientOptions = {}): Client {
  return createClientFor(endpointsOf(routes), options, (id, answer) => {
    const schema = routes[id].response;
    return schema === null ? undefined : schema.parse(answer);
  });
}
