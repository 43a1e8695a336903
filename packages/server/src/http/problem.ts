/** The one error mapper: domain errors become application/problem+json (RFC 9457) here and nowhere else. */
import { fieldErrorsOf, formatMessage, type Problem, ProblemType } from '@ipt/contract';
import { Conflict, DomainError, NotFound, RuleViolation, StaleVersion } from '@ipt/core';
import type { FastifyError } from 'fastify';
import { ZodError } from 'zod';
import { TooManyAttempts } from '../auth/throttles.js';
import { LoginFailed, NotAuthenticated } from '../services/auth-service.js';
import { LinkGone } from '../services/links-service.js';
import { RuleViolations } from '../services/rule-violations.js';

export class Forbidden extends DomainError {
  constructor() {
    super('Your role does not allow this.');
  }
}

/** The device is in kiosk mode: handed to the patient for one questionnaire. */
export class KioskLocked extends DomainError {
  constructor() {
    super(
      'This device is handed to the patient for a questionnaire. The clinician must unlock it with their password.',
    );
  }
}

/** A half-session (the password was right) tried something other than the second step it owes (ADR 0019). */
export class SecondStepOwed extends DomainError {
  constructor(stage: 'code' | 'enrol') {
    super(
      stage === 'code'
        ? 'Finish signing in first: enter the code from your authenticator app.'
        : 'Finish signing in first: your organisation asks you to set up two-step sign-in.',
    );
  }
}

export class PreconditionRequired extends DomainError {
  constructor() {
    super('Send If-Match with the version you read ("ETag" of the record), so no one else\'s change is overwritten.');
  }
}

const problem = (
  status: number,
  title: string,
  detail?: string,
  extra: Partial<Problem> = {},
  type = 'about:blank',
): Problem => ({
  type,
  title,
  status,
  ...(detail !== undefined && { detail }),
  ...extra,
});

export function toProblem(err: unknown): Problem {
  if (err instanceof ZodError) {
    // In the clinician's words (contract's catalogue), not the validator's: "This field is required.", not
    // "Invalid input: expected string, received undefined".
    const errors = fieldErrorsOf(err.issues);
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join(' ');
    return problem(400, 'The request is not valid', detail, { errors }, ProblemType.validation);
  }
  if (err instanceof StaleVersion) {
    return problem(
      409,
      'Changed by someone else',
      err.message,
      {
        currentVersion: err.currentVersion,
        current: err.current,
      },
      ProblemType.staleVersion,
    );
  }
  if (err instanceof NotFound) return problem(404, 'Not found', err.message, {}, ProblemType.notFound);
  if (err instanceof LoginFailed || err instanceof NotAuthenticated)
    return problem(401, 'Not signed in', err.message, {}, ProblemType.notSignedIn);
  if (err instanceof SecondStepOwed)
    return problem(401, 'Sign-in not finished', err.message, {}, ProblemType.secondStepOwed);
  if (err instanceof Forbidden) return problem(403, 'Not allowed', err.message, {}, ProblemType.forbidden);
  if (err instanceof TooManyAttempts)
    return problem(429, 'Too many tries', err.message, {}, ProblemType.tooManyAttempts);
  if (err instanceof LinkGone) return problem(410, 'Link used or expired', err.message, {}, ProblemType.linkUsed);
  if (err instanceof KioskLocked) return problem(423, 'Kiosk mode', err.message, {}, ProblemType.kioskLocked);
  if (err instanceof PreconditionRequired)
    return problem(428, 'If-Match required', err.message, {}, ProblemType.preconditionRequired);
  if (err instanceof Conflict) {
    const errors = err.field ? [{ field: err.field, message: err.message }] : undefined;
    return problem(409, 'Conflict', err.message, errors ? { errors } : {}, ProblemType.conflict);
  }
  if (err instanceof RuleViolation || err instanceof DomainError) {
    const errors =
      err instanceof RuleViolations
        ? [...err.errors]
        : err.field
          ? [{ field: err.field, message: err.message }]
          : undefined;
    return problem(
      err instanceof RuleViolation ? 422 : 400,
      'The request breaks a rule',
      err.message,
      errors ? { errors } : {},
      ProblemType.rule,
    );
  }
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const field =
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? '(body)' : undefined;
    return problem(
      fe.statusCode,
      titleFor(fe.statusCode),
      fe.statusCode === 415
        ? 'This server takes request bodies only as JSON: send them with Content-Type: application/json.'
        : fe.message,
      field ? { errors: [{ field, message: formatMessage('body.invalidJson') }] } : {},
      ProblemType.validation,
    );
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
