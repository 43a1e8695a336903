import type { RequestContext } from '../auth/actor.js';
import type { AuditAction, AuditEntry } from '../audit/audit-log.js';

/** The audit event for an operation on a clinical record by the requesting user. */
export function clinicalEvent(
  ctx: RequestContext,
  action: AuditAction,
  entityType: string,
  entityId: string | null,
  patientId: string | null,
  outcome: AuditEntry['outcome'] = 'success',
): AuditEntry {
  return {
    organisationId: ctx.actor.organisationId,
    userId: ctx.actor.userId,
    role: ctx.actor.role,
    action,
    entityType,
    entityId,
    patientId,
    outcome,
    ip: ctx.ip,
    operation: ctx.operation,
  };
}
