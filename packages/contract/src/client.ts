/**
 * A typed fetch client over the route table. The web client and the CLI reach the server only through it.
 */
import type { z } from 'zod';
import { type OperationId, type RouteDef, type Routes, routes } from './routes.js';
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

export function createClient(options: ClientOptions = {}): Client {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const call = async (r: RouteDef, args: Record<string, unknown>) => {
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
    if (r.response === null || res.status === 204) return undefined;
    return r.response.parse(await res.json());
  };
  const client: Record<string, unknown> = {};
  for (const [id, r] of Object.entries(routes) as [string, RouteDef][]) {
    client[id] = (args: Record<string, unknown> = {}) => call(r, args);
  }
  return client as Client;
}
