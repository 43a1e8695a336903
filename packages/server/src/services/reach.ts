/**
 * How far an operation may reach a patient's records is declared once, in its policy's `scope`
 * (authz/policies.ts), and carried in its request context. Services ask for the reach they need through `reachOf`,
 * which grants it only within that scope: a read-scoped operation cannot write, and an operation scoped to the
 * organisation or to nothing cannot reach a patient's clinical records at all. A refusal is a defect in the server
 * (the policy and the service disagree), so it fails loudly rather than answering 404.
 */
import type { RequestContext } from '../auth/actor.js';
import type { Reach } from '../db/repositories/access-repository.js';

export class ScopeViolation extends Error {
  constructor(operation: string, scope: string, wanted: Reach) {
    super(`Operation ${operation} is declared with scope "${scope}" but asked to ${wanted} a patient's records.`);
    this.name = 'ScopeViolation';
  }
}

export function reachOf(ctx: RequestContext, wanted: Reach): Reach {
  if (ctx.scope === 'patient:write') return wanted;
  if (ctx.scope === 'patient:read' && wanted === 'read') return wanted;
  throw new ScopeViolation(ctx.operation, ctx.scope, wanted);
}
