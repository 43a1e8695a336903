/**
 * Communication analysis: one interpersonal incident reconstructed turn by turn, the pattern found and the
 * alternatives (DOMAIN §5.4), with optional mentalizing prompts and lapse markers per turn (DOMAIN §5.8). An
 * alternative can be carried into a role play (DOMAIN §5.4 step 7 hands off to role play, §5.6).
 */
import { RuleViolation } from '../errors.js';
import { mentalizingPromptIds } from './catalogue.js';
import { assertEachOneOf, assertItemIds, assertKnownId, assertNotBlank, assertOneOf, assertUnique } from './checks.js';
import {
  type CommunicationAnalysis,
  CommunicationPattern,
  MentalizingLapse,
  type RolePlay,
  Speaker,
  TherapistPlays,
} from './model.js';

export interface RecordContext {
  /** Inventory entry ids of the course. */
  readonly personIds: readonly string[];
  /** Session ids of the course. */
  readonly sessionIds: readonly string[];
}

/** Checks an analysis against the course: a RuleViolation names the first field that is wrong. */
export function assertCommunicationAnalysis(a: CommunicationAnalysis, ctx: RecordContext): void {
  assertKnownId(a.sessionId, ctx.sessionIds, 'sessionId', 'session');
  if (a.personId !== null) assertKnownId(a.personId, ctx.personIds, 'personId', 'person');
  assertNotBlank(a.incident, 'incident', 'Say which interaction this is.');
  assertItemIds(a.turns, 'turns');
  for (const turn of a.turns) {
    assertOneOf(turn.speaker, Object.values(Speaker), 'turns.speaker');
    assertEachOneOf(turn.lapses, Object.values(MentalizingLapse), 'turns.lapses');
    assertUnique(
      turn.prompts.map((p) => p.promptId),
      'turns.prompts',
    );
    for (const p of turn.prompts) {
      if (!mentalizingPromptIds.includes(p.promptId)) {
        throw new RuleViolation(`"${p.promptId}" is not a mentalizing prompt.`, 'turns.prompts');
      }
    }
  }
  assertEachOneOf(a.patterns, Object.values(CommunicationPattern), 'patterns');
  if (a.patterns.includes(CommunicationPattern.other) && a.patternNote.trim() === '') {
    throw new RuleViolation('Describe the other pattern in the note.', 'patternNote');
  }
  assertItemIds(a.alternatives, 'alternatives');
  for (const alt of a.alternatives) assertNotBlank(alt.text, 'alternatives', 'An alternative says what else to say.');
}

/**
 * A role play that rehearses one alternative of an analysis (DOMAIN §5.4 steps 6–7, §5.6): the incident and the
 * alternative as scenario, the same other person, the therapist playing that person, no rounds yet.
 */
export function rolePlayFromAlternative(
  a: CommunicationAnalysis & { readonly id: string },
  alternativeId: string,
  sessionId: string,
): RolePlay {
  const alternative = a.alternatives.find((alt) => alt.id === alternativeId);
  if (alternative === undefined) {
    throw new RuleViolation('That alternative is not part of the analysis.', 'alternativeId');
  }
  return {
    sessionId,
    analysisId: a.id,
    alternativeId,
    personId: a.personId,
    scenario: `${a.incident.trim()}\nTrying instead: ${alternative.text.trim()}`,
    therapistPlays: TherapistPlays.other,
    rounds: [],
    confidenceBefore: null,
    confidenceAfter: null,
  };
}
