import type { RequestContext } from '../auth/actor.js';
import { AuditAction, type AuditEntry } from '../audit/audit-log.js';
import { findTargetPatient } from '../db/repositories/audit-repository.js';
import type { Q } from '../db/repositories/tx.js';

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

/** The route parameters that name a record, and what each names (patientId first: it is the patient itself). */
const namedBy = [
  ['patientId', 'Patient'],
  ['sessionId', 'Session'],
  ['recordId', 'CourseRecord'],
  ['administrationId', 'Administration'],
  ['courseId', 'Course'],
] as const;

/** What a request would have done: its HTTP method read as the audit's action. */
function attemptedAction(method: string, operation: string): AuditAction {
  switch (method) {
    case 'POST':
      return AuditAction.create;
    case 'PUT':
    case 'PATCH':
      return AuditAction.update;
    case 'DELETE':
      return AuditAction.delete;
    default:
      return operation.startsWith('list') ? AuditAction.search : AuditAction.read;
  }
}

/**
 * The audit event of a refused request (a role outside the policy, a kiosk-locked device, a record out of reach):
 * the action it attempted (create, update or delete for a refused write) and the record its route names, with that
 * record's patient where one can be told, so the refusal is found in the patient's history.
 */
export async function refusalEvent(q: Q, ctx: RequestContext, method: string, params: unknown): Promise<AuditEntry> {
  const action = attemptedAction(method, ctx.operation);
  const named = namedBy
    .map(([param, entityType]) => ({ entityType, id: stringParam(params, param) }))
    .find((n) => n.id !== null);
  if (!named?.id) return clinicalEvent(ctx, action, 'Operation', null, null, 'denied');
  const patientId = named.entityType === 'Patient' ? named.id : await findTargetPatient(q, named.entityType, named.id);
  return clinicalEvent(ctx, action, named.entityType, named.id, patientId, 'denied');
}

function stringParam(params: unknown, name: string): string | null {
  if (typeof params !== 'object' || params === null) return null;
  const value: unknown = Reflect.get(params, name);
  return typeof value === 'string' ? value : null;
}
