/**
 * Decision analysis: the decision, options with pros, cons and emotional consequences, the choice, the plan (who,
 * when, what words) and the outcome reviewed at a later session (DOMAIN §5.5 [Inference] steps; §5.4 step 8).
 */
import { RuleViolation } from '../errors.js';
import { assertItemIds, assertNotBlank, assertOneOf } from './checks.js';
import { type DecisionAnalysis, DecisionOutcome } from './model.js';

export interface DecisionContext {
  /** Session id → session number, for the course's sessions. */
  readonly sessionNumbers: ReadonlyMap<string, number>;
}

/**
 * Checks a decision analysis: its session belongs to the course; the chosen option exists; an outcome needs a
 * choice and is reviewed at a session after the analysis's own (DOMAIN §5.5 "review the outcome"). A RuleViolation
 * names the first field that is wrong.
 */
export function assertDecisionAnalysis(d: DecisionAnalysis, ctx: DecisionContext): void {
  const at = ctx.sessionNumbers.get(d.sessionId);
  if (at === undefined) throw new RuleViolation('That session is not part of this course.', 'sessionId');
  assertNotBlank(d.decision, 'decision', 'Say what is to be decided.');
  assertItemIds(d.options, 'options');
  for (const o of d.options) assertNotBlank(o.text, 'options', 'An option says what it is.');
  if (d.chosenOptionId !== null && !d.options.some((o) => o.id === d.chosenOptionId)) {
    throw new RuleViolation('The chosen option is not one of the options.', 'chosenOptionId');
  }
  if (d.outcome !== null) {
    if (d.chosenOptionId === null) {
      throw new RuleViolation('An outcome is reviewed once an option has been chosen.', 'chosenOptionId');
    }
    assertOneOf(d.outcome.result, Object.values(DecisionOutcome), 'outcome.result');
    const reviewedAt = ctx.sessionNumbers.get(d.outcome.sessionId);
    if (reviewedAt === undefined) {
      throw new RuleViolation('That session is not part of this course.', 'outcome.sessionId');
    }
    if (reviewedAt <= at) {
      throw new RuleViolation('The outcome is reviewed at a session after the analysis.', 'outcome.sessionId');
    }
  }
}
