/**
 * The HTTP app: the routes of the contract, each behind its declared policy, plus the web client.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { type OperationId, type RouteDef, routes } from '@ipt/contract';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from './auth/actor.js';
import { AuditAction } from './audit/audit-log.js';
import { policies } from './authz/policies.js';
import { Forbidden, KioskLocked, PreconditionRequired, toProblem } from './http/problem.js';
import { loggerOptions } from './logger.js';
import { handlers } from './routes/handlers.js';
import { NotAuthenticated } from './services/auth-service.js';
import type { Services } from './services/index.js';
import { clinicalEvent } from './services/audit-events.js';
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
  const app = Fastify({ logger: loggerOptions(config.logLevel), bodyLimit: BODY_LIMIT, trustProxy: false });
  const registered: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') registered.push({ method: m, url: r.url });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.cookieSecure,
  });

  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err);
    if (p.status >= 500)
      req.log.error({ err: { message: (err as Error).message, stack: (err as Error).stack } }, 'request failed');
    void reply
      .status(p.status)
      .header('content-type', 'application/problem+json')
      .header('cache-control', 'no-store')
      .send(p);
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !webRoot || req.method !== 'GET') {
      void reply
        .status(404)
        .header('content-type', 'application/problem+json')
        .send({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No such resource.' });
      return;
    }
    // The single-page app handles its own paths.
    void reply.header('cache-control', 'no-store').sendFile('index.html');
  });

  const actorOf = async (req: FastifyRequest): Promise<Actor> => {
    const token = req.cookies[cookieName];
    const actor = token ? await services.auth.resolve(token) : null;
    if (!actor) throw new NotAuthenticated();
    return actor;
  };

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

  for (const [operationId, def] of Object.entries(routes) as [OperationId, RouteDef][]) {
    const policy = policies[operationId];
    if (!policy) throw new Error(`Route ${operationId} has no access policy: declare one in authz/policies.ts.`);
    app.route({
      method: def.method,
      url: def.path.replace(/\{(\w+)\}/g, ':$1'),
      handler: async (req, reply) => {
        void reply.header('cache-control', 'no-store');
        assertSameOrigin(req);
        const ip = req.ip ?? null;
        const params = def.params ? def.params.parse(req.params) : {};
        const body = (def.body ? def.body.parse(req.body ?? undefined) : undefined) as any;
        if (operationId === 'login') {
          const { token, me } = await services.auth.login(body.email, body.password, ip);
          setCookie(reply, token, config.sessionAbsoluteMs);
          return me;
        }
        let ctx: RequestContext | undefined;
        if (policy.roles !== 'public') {
          const actor = await actorOf(req);
          ctx = { actor, ip, operation: operationId };
          if (actor.kioskLocked && operationId !== 'unlockKiosk' && operationId !== 'logout') {
            await services.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'Operation', null, null, 'denied'));
            throw new KioskLocked();
          }
          if (!policy.roles.includes(actor.role)) {
            await services.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'Operation', null, null, 'denied'));
            throw def.params ? new NotFound() : new Forbidden();
          }
        }
        if (operationId === 'logout' && ctx) {
          await services.auth.logout(ctx.actor, ip);
          void reply.clearCookie(cookieName, {
            path: '/',
            secure: config.cookieSecure,
            sameSite: 'strict',
            httpOnly: true,
          });
          return reply.status(204).send();
        }
        const ifMatch = def.ifMatch ? parseIfMatch(req) : undefined;
        const handler = handlers[operationId as Exclude<OperationId, 'login' | 'logout'>];
        let result: unknown;
        try {
          result = await handler(services, { params, body, ifMatch, ctx: ctx as RequestContext, ip });
        } catch (err) {
          if (err instanceof NotFound && ctx && policy.scope.startsWith('patient')) {
            await services.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'Operation', null, null, 'denied'));
          }
          throw err;
        }
        const version = versionOf(result);
        if (version !== undefined) void reply.header('etag', `"${version}"`);
        if (def.produces) {
          const doc = result as { filename: string; bytes: Uint8Array };
          return reply
            .status(200)
            .header('content-type', def.produces)
            .header('content-disposition', `inline; filename="${doc.filename}"`)
            .send(Buffer.from(doc.bytes));
        }
        if (def.response === null) return reply.status(204).send();
        return reply.status(def.status).send(result);
      },
    });
  }

  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(webRoot), wildcard: false, index: 'index.html' });
  }

  app.decorate('iptRoutes', registered);
  return app;
}

function versionOf(result: unknown): number | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as { version?: unknown; course?: { version?: unknown } };
  if (typeof r.version === 'number') return r.version;
  if (typeof r.course?.version === 'number') return r.course.version;
  return undefined;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** Every route the running app registered (method and URL pattern), for the authorization-matrix test. */
export function registeredRoutes(app: App): readonly { method: string; url: string }[] {
  return (app as unknown as { iptRoutes: { method: string; url: string }[] }).iptRoutes;
}
