/**
 * A rupture in the therapeutic relationship: withdrawal or confrontation, what was observed, the repair (the core move
 * is metacommunication) and the link to patterns outside therapy (DOMAIN §5.9 [S26][S67] and [Inference] hooks;
 * §5.7 the relationship as information).
 */
import { assertKnownId, assertNotBlank, assertOneOf } from './checks.js';
import { type Rupture, RuptureType } from './model.js';

/** Checks a rupture against the course: a RuleViolation names the first field that is wrong. */
export function assertRupture(r: Rupture, ctx: { readonly sessionIds: readonly string[] }): void {
  assertKnownId(r.sessionId, ctx.sessionIds, 'sessionId', 'session');
  assertOneOf(r.type, Object.values(RuptureType), 'type');
  assertNotBlank(r.observed, 'observed', 'Say what you observed.');
}

/** The two rupture types with their source (DOMAIN §5.9 [S26][S67]). */
export const ruptureTypeCatalogue: readonly {
  readonly id: RuptureType;
  readonly label: string;
  readonly source: string;
}[] = [
  {
    id: RuptureType.withdrawal,
    label: 'Withdrawal: quiet disengagement, deference, avoidance (easier to miss)',
    source: 'DOMAIN §5.9 [S26][S67]',
  },
  {
    id: RuptureType.confrontation,
    label: 'Confrontation: direct complaints, hostility',
    source: 'DOMAIN §5.9 [S26][S67]',
  },
];
