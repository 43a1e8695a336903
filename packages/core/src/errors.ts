/**
 * Domain errors. Core never knows a status code: the server's one error mapper turns these into
 * application/problem+json at the edge (shared/STYLE.md §6).
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request breaks a clinical or data rule (e.g. a session dated before its course). */
export class RuleViolation extends DomainError {}

/** The record was changed by someone else since the caller read it. */
export class StaleVersion extends DomainError {
  constructor(
    readonly currentVersion: number,
    readonly current?: unknown,
  ) {
    super(`The record has changed since you read it: it is now at version ${currentVersion}.`);
  }
}

/** The record does not exist or is outside the caller's reach (the two are indistinguishable on purpose). */
export class NotFound extends DomainError {
  constructor(what = 'Record') {
    super(`${what} not found.`);
  }
}

/** A unique fact would be duplicated (e.g. two sessions with the same number in one course). */
export class Conflict extends DomainError {}
