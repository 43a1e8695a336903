/**
 * The HTTP app: the routes of the contract, each behind its declared policy, plus the web client.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { type OperationId, parseRequestPart, type RouteDef, routes } from '@ipt/contract';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from './auth/actor.js';
import { policies } from './authz/policies.js';
import { Forbidden, KioskLocked, PreconditionRequired, SecondStepOwed, toProblem } from './http/problem.js';
import { TooManyAttempts } from './auth/throttles.js';
import { securityHeaders } from './http/security-headers.js';
import { loggerOptions } from './logger.js';
import { SessionChange } from './routes/handler-types.js';
import { handlers } from './routes/handlers.js';
import { NotAuthenticated } from './services/auth-service.js';
import type { Services } from './services/index.js';
import { refusalEvent } from './services/audit-events.js';
import { NotFound } from '@ipt/core';

export interface AppOptions {
  readonly services: Services;
  /** The built web client to serve at `/`; none in API-only tests. */
  readonly webRoot?: string | undefined;
}

/** 64 KiB: the largest body the API takes (a 20,000-character note with room to spare). */
export const BODY_LIMIT = 64 * 1024;

export async function buildApp({ services, webRoot }: AppOptions) {
  const { config } = services.deps;
  const cookieName = config.cookieSecure ? '__Host-ipt_session' : 'ipt_session';
  // The client's address is the socket's, unless IPT_TRUST_PROXY names the proxies whose X-Forwarded-For to believe.
  const trustProxy = config.trustProxy === false ? false : [...config.trustProxy];
  const app = Fastify({ logger: loggerOptions(config.logLevel), bodyLimit: BODY_LIMIT, trustProxy });
  const registered: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') registered.push({ method: m, url: r.url });
  });

  await app.register(fastifyCookie);
  // Answers compressed as the client accepts, brotli first (ADR 0018): the API's JSON on the fly at brotli quality 4,
  // over 1 KiB; the web client's files were compressed at build time and go as they are (preCompressed below). A PDF
  // is compressed already and is left alone.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  // Bodies only as JSON (ADR 0004): without a parser for text/plain, Fastify answers it 415 like any other type. A
  // text/plain POST is also the one a page on another site can send without asking first.
  app.removeContentTypeParser('text/plain');
  // The security headers on every answer (http/security-headers.ts), and no API answer kept by a browser or a proxy,
  // a 404 or an error included (ASVS 14.3.2).
  const headers = securityHeaders({ strictTransportSecurity: config.cookieSecure });
  app.addHook('onRequest', (req, reply, done) => {
    void reply.headers(headers);
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done();
  });

  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err);
    if (p.status >= 500)
      req.log.error({ err: { message: (err as Error).message, stack: (err as Error).stack } }, 'request failed');
    if (err instanceof TooManyAttempts) void reply.header('retry-after', String(err.retryAfterSeconds));
    void reply
      .status(p.status)
      .header('content-type', 'application/problem+json')
      .header('cache-control', 'no-store')
      .send(p);
  });
  app.setNotFoundHandler((req, reply) => {
    // A missing asset (an old build's chunk, a source map) is a 404, never the page: a script that receives HTML
    // fails in a way nobody can read.
    if (req.url.startsWith('/api/') || isAssetPath(req.url) || !webRoot || req.method !== 'GET') {
      void reply
        .status(404)
        .header('content-type', 'application/problem+json')
        .header('cache-control', 'no-store')
        .send({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No such resource.' });
      return;
    }
    // The single-page app handles its own paths; the page is revalidated each time (static options below).
    void reply.sendFile('index.html');
  });

  const actorOf = async (req: FastifyRequest): Promise<Actor> => {
    const token = req.cookies[cookieName];
    const actor = token ? await services.auth.resolve(token) : null;
    if (!actor) throw new NotAuthenticated();
    return actor;
  };

  /** A refused request, audited with what it attempted and the record (and patient) its route names. */
  const recordRefusal = async (ctx: RequestContext, method: string, params: unknown) =>
    services.deps.audit.record(await refusalEvent(services.deps.db.db, ctx, method, params));

  /** CSRF: state changes only with a same-origin Origin (when the browser sends one) and a JSON body. */
  const assertSameOrigin = (req: FastifyRequest) => {
    if (req.method === 'GET') return;
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}`) {
      throw new Forbidden();
    }
  };

  const parseIfMatch = (req: FastifyRequest): number => {
    const raw = req.headers['if-match'];
    const m = typeof raw === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim()) : null;
    if (!m?.[1]) throw new PreconditionRequired();
    return Number(m[1]);
  };

  const setCookie = (reply: FastifyReply, token: string, maxAgeMs: number) =>
    reply.setCookie(cookieName, token, {
      path: '/',
      httpOnly: true,
      secure: config.cookieSecure,
      sameSite: 'strict',
      maxAge: Math.floor(maxAgeMs / 1000),
    });

  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(cookieName, { path: '/', secure: config.cookieSecure, sameSite: 'strict', httpOnly: true });

  for (const operationId of operationIds) {
    const def: RouteDef = routes[operationId];
    const policy = policies[operationId];
    if ((policy.roles === 'public') !== (def.auth === 'public')) {
      throw new Error(`Route ${operationId}: its policy and the route table disagree on whether it is public.`);
    }
    const handler: ErasedHandler = { run: handlers[operationId] };
    app.route({
      method: def.method,
      url: def.path.replace(/\{(\w+)\}/g, ':$1'),
      handler: async (req, reply) => {
        void reply.header('cache-control', 'no-store');
        assertSameOrigin(req);
        const ip = req.ip ?? null;
        // Text a database cannot store (U+0000, half a surrogate pair) is refused here, naming the field, before
        // the route's schema runs: the same 400 on SQLite and PostgreSQL (ADR 0017).
        const params: unknown = def.params ? parseRequestPart(def.params, req.params) : undefined;
        const body: unknown = def.body ? parseRequestPart(def.body, req.body ?? undefined) : undefined;
        let ctx: RequestContext | undefined;
        if (policy.roles !== 'public') {
          const actor = await actorOf(req);
          ctx = { actor, ip, operation: operationId, scope: policy.scope };
          if (actor.kioskLocked && !policy.kiosk) {
            await recordRefusal(ctx, def.method, params);
            throw new KioskLocked();
          }
          // A half-session (password right, second step owed) reaches only that step and signing out (ADR 0019).
          if (actor.mfaStage && !policy.halfSession?.includes(actor.mfaStage)) {
            await recordRefusal(ctx, def.method, params);
            throw new SecondStepOwed(actor.mfaStage);
          }
          if (!policy.roles.includes(actor.role)) {
            await recordRefusal(ctx, def.method, params);
            throw def.params ? new NotFound() : new Forbidden();
          }
        }
        const ifMatch = def.ifMatch ? parseIfMatch(req) : undefined;
        let result: unknown;
        try {
          result = await handler.run(services, { params, body, ifMatch, ctx, ip });
        } catch (err) {
          if (err instanceof NotFound && ctx && policy.scope.startsWith('patient')) {
            await recordRefusal(ctx, def.method, params);
          }
          throw err;
        }
        if (result instanceof SessionChange) {
          if (result.token === null) void clearCookie(reply);
          else void setCookie(reply, result.token, config.sessionAbsoluteMs);
          result = result.value;
        }
        const version = versionOf(result);
        if (version !== undefined) void reply.header('etag', `"${version}"`);
        if (def.produces && result instanceof Object && 'bytes' in result && result.bytes instanceof Uint8Array) {
          const filename = 'filename' in result ? String(result.filename) : 'document';
          return reply
            .status(200)
            .header('content-type', def.produces)
            .header('content-disposition', `inline; filename="${filename}"`)
            .send(Buffer.from(result.bytes));
        }
        if (def.response === null) return reply.status(204).send();
        return reply.status(def.status).send(result);
      },
    });
  }

  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    const root = path.resolve(webRoot);
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: 'index.html',
      // The build wrote FILE.br and FILE.gz beside each file worth compressing (packages/web/vite.config.ts): the
      // one the client accepts is sent with its Content-Encoding and `Vary: Accept-Encoding`.
      preCompressed: true,
      // No route for the compressed copies themselves, nor for a source map (none is built; never one served).
      globIgnore: ['**/*.br', '**/*.gz', '**/*.map'],
      allowedPath: (pathname) => !pathname.endsWith('.map'),
      cacheControl: false,
      setHeaders: (reply, file) => void reply.header('cache-control', cacheControlFor(root, file)),
    });
  }

  registeredByApp.set(app, registered);
  return app;
}

/**
 * The route layer's view of a handler, with the types the route table gives each one erased: it passes exactly what
 * `HandlerInput` promises (params and body parsed by the route's schemas, If-Match where the route declares it, the
 * context where the route needs a session). A method's parameter is compared both ways, so every typed handler fits.
 */
interface ErasedHandler {
  run(
    services: Services,
    input: {
      readonly params: unknown;
      readonly body: unknown;
      readonly ifMatch?: number | undefined;
      readonly ctx?: RequestContext | undefined;
      readonly ip: string | null;
    },
  ): Promise<unknown>;
}

const operationIds = Object.keys(routes).filter((k): k is OperationId => k in routes);

/** Under /assets/ every file name carries a hash of its content (Vite), and a source map is never served. */
function isAssetPath(url: string): boolean {
  const pathname = url.split('?')[0] ?? url;
  return pathname.startsWith('/assets/') || pathname.endsWith('.map');
}

/**
 * A fingerprinted file (under assets/) never changes under its name: kept a year without asking again. Anything else
 * (index.html) is asked about each time, so a new build is seen at once; its ETag makes that a 304 when unchanged.
 */
function cacheControlFor(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep);
  return relative.length > 1 && relative[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The version a versioned answer carries (a record's, or a course detail's course), for its ETag. */
function versionOf(result: unknown): number | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  if ('version' in result && typeof result.version === 'number') return result.version;
  if ('course' in result && typeof result.course === 'object' && result.course !== null)
    return versionOf(result.course);
  return undefined;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

const registeredByApp = new WeakMap<object, readonly { method: string; url: string }[]>();

/** Every route the running app registered (method and URL pattern), for the authorization-matrix test. */
export function registeredRoutes(app: App): readonly { method: string; url: string }[] {
  return registeredByApp.get(app) ?? [];
}
