import { RuleViolation } from '@ipt/core';

/** Several rules broken at once, each with its field: the problem lists them all (a checklist's missing tasks). */
export class RuleViolations extends RuleViolation {
  constructor(
    lead: string,
    readonly errors: readonly { readonly field: string; readonly message: string }[],
  ) {
    super(`${lead} ${errors.map((e) => e.message).join(' ')}`, errors[0]?.field);
  }
}
