/**
 * Structured logs with no clinical data: requests are logged by method, route pattern and status only; bodies,
 * cookies and query strings never reach the log.
 */
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url ?? '(unmatched)',
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
