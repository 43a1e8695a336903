/** Role play: scenario, who plays whom, rounds with feedback, the patient's confidence 0–10 (DOMAIN §5.6 [Inference]). */
import { RuleViolation } from '../errors.js';
import { assertItemIds, assertKnownId, assertNotBlank, assertOneOf, assertScore0to10 } from './checks.js';
import type { RecordContext } from './communication.js';
import { type CommunicationAnalysis, type RolePlay, TherapistPlays } from './model.js';

export interface RolePlayContext extends RecordContext {
  /** The course's communication analyses, which a role play may rehearse an alternative of. */
  readonly analyses: readonly (CommunicationAnalysis & { readonly id: string })[];
}

/** Checks a role play against the course: a RuleViolation names the first field that is wrong. */
export function assertRolePlay(r: RolePlay, ctx: RolePlayContext): void {
  assertKnownId(r.sessionId, ctx.sessionIds, 'sessionId', 'session');
  if (r.personId !== null) assertKnownId(r.personId, ctx.personIds, 'personId', 'person');
  assertNotBlank(r.scenario, 'scenario', 'Describe the scenario.');
  assertOneOf(r.therapistPlays, Object.values(TherapistPlays), 'therapistPlays');
  if (r.analysisId !== null) {
    const analysis = ctx.analyses.find((a) => a.id === r.analysisId);
    if (analysis === undefined)
      throw new RuleViolation('That communication analysis is not part of this course.', 'analysisId');
    if (r.alternativeId !== null && !analysis.alternatives.some((alt) => alt.id === r.alternativeId)) {
      throw new RuleViolation('That alternative is not part of the analysis.', 'alternativeId');
    }
  } else if (r.alternativeId !== null) {
    throw new RuleViolation('An alternative is rehearsed from its communication analysis.', 'analysisId');
  }
  assertItemIds(r.rounds, 'rounds');
  assertScore0to10(r.confidenceBefore, 'confidenceBefore');
  assertScore0to10(r.confidenceAfter, 'confidenceAfter');
}
