/** The one error mapper: domain errors become application/problem+json (RFC 9457) here and nowhere else. */
import type { Problem } from '@ipt/contract';
import { Conflict, DomainError, NotFound, RuleViolation, StaleVersion } from '@ipt/core';
import type { FastifyError } from 'fastify';
import { ZodError } from 'zod';
import { LoginFailed, NotAuthenticated } from '../services/auth-service.js';

export class Forbidden extends DomainError {
  constructor() {
    super('Your role does not allow this.');
  }
}

export class PreconditionRequired extends DomainError {
  constructor() {
    super('Send If-Match with the version you read ("ETag" of the record), so no one else\'s change is overwritten.');
  }
}

const problem = (status: number, title: string, detail?: string, extra: Partial<Problem> = {}): Problem => ({
  type: 'about:blank',
  title,
  status,
  ...(detail !== undefined && { detail }),
  ...extra,
});

export function toProblem(err: unknown): Problem {
  if (err instanceof ZodError) {
    const errors = err.issues.flatMap((i) => {
      const at = i.path.map(String);
      if (i.code === 'unrecognized_keys') {
        return i.keys.map((k) => ({ field: [...at, k].join('.'), message: `Unknown field: ${k}.` }));
      }
      return [{ field: at.length > 0 ? at.join('.') : '(body)', message: i.message }];
    });
    return problem(400, 'The request is not valid', errors.map((e) => `${e.field}: ${e.message}`).join(' '), {
      errors,
    });
  }
  if (err instanceof StaleVersion) {
    return problem(409, 'Changed by someone else', err.message, {
      currentVersion: err.currentVersion,
      current: err.current,
    });
  }
  if (err instanceof NotFound) return problem(404, 'Not found', err.message);
  if (err instanceof LoginFailed || err instanceof NotAuthenticated) return problem(401, 'Not signed in', err.message);
  if (err instanceof Forbidden) return problem(403, 'Not allowed', err.message);
  if (err instanceof PreconditionRequired) return problem(428, 'If-Match required', err.message);
  if (err instanceof Conflict) return problem(409, 'Conflict', err.message);
  if (err instanceof RuleViolation || err instanceof DomainError) {
    return problem(err instanceof RuleViolation ? 422 : 400, 'The request breaks a rule', err.message, {
      ...(err.field && { errors: [{ field: err.field, message: err.message }] }),
    });
  }
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const field =
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? '(body)' : undefined;
    return problem(fe.statusCode, titleFor(fe.statusCode), fe.message, {
      ...(field && { errors: [{ field, message: 'The body is not valid JSON.' }] }),
    });
  }
  return problem(500, 'Something went wrong', 'The server could not complete the request. Nothing was saved.');
}

function titleFor(status: number): string {
  switch (status) {
    case 413:
      return 'The request is too large';
    case 415:
      return 'Send JSON (Content-Type: application/json)';
    case 429:
      return 'Too many requests';
    default:
      return 'The request is not valid';
  }
}
