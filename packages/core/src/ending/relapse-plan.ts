/**
 * The relapse-prevention plan (DOMAIN §6.2 [Inference] RelapsePlan, consolidating [S15][S44][S48]; §6.1 relapse
 * prevention): warning signs, anticipated triggers, what helps, people and professionals to contact, when to come
 * back, and the safety-plan link. The patient gets a shareable copy.
 */
import { RuleViolation } from '../errors.js';
import { InstrumentId } from '../measures/instrument.js';
import { getInstrument, isInstrumentId } from '../measures/registry.js';
import { assertKnownId, assertNotBlank, assertOneOf } from '../middle/checks.js';
import { type RelapsePlan, WarningSignKind } from './model.js';

/** An empty plan. */
export function newRelapsePlan(): RelapsePlan {
  return {
    warningSigns: [],
    triggersAnticipated: [],
    copingActions: [],
    peopleToContact: [],
    professionalContacts: [],
    whenToReturn: { text: '', threshold: null },
    linkSafetyPlan: false,
    shareWith: '',
  };
}

/**
 * Checks a plan: entries are not blank; a person offered from the inventory is one of the course's people; a score
 * threshold names an instrument of the registry, a total within its range and a whole number of weeks (≥ 1).
 */
export function assertRelapsePlan(p: RelapsePlan, ctx: { readonly personIds: readonly string[] }): void {
  for (const sign of p.warningSigns) {
    assertOneOf(sign.kind, Object.values(WarningSignKind), 'warningSigns.kind');
    assertNotBlank(sign.text, 'warningSigns', 'A warning sign says what to watch for.');
  }
  for (const t of p.triggersAnticipated) assertNotBlank(t, 'triggersAnticipated', 'A trigger is not blank.');
  for (const a of p.copingActions) assertNotBlank(a, 'copingActions', 'An action is not blank.');
  for (const person of p.peopleToContact) {
    if (person.personId !== null) assertKnownId(person.personId, ctx.personIds, 'peopleToContact', 'person');
    assertNotBlank(person.name, 'peopleToContact', 'Name the person to contact.');
  }
  for (const c of p.professionalContacts) assertNotBlank(c.name, 'professionalContacts', 'Name the contact.');
  const threshold = p.whenToReturn.threshold;
  if (threshold !== null) {
    if (!isInstrumentId(threshold.instrumentId)) {
      throw new RuleViolation(`Unknown instrument "${threshold.instrumentId}".`, 'whenToReturn.threshold.instrumentId');
    }
    const { min, max } = getInstrument(threshold.instrumentId).scoring;
    if (!Number.isFinite(threshold.atLeast) || threshold.atLeast < min || threshold.atLeast > max) {
      throw new RuleViolation(`The threshold is a total from ${min} to ${max}.`, 'whenToReturn.threshold.atLeast');
    }
    if (!Number.isInteger(threshold.forWeeks) || threshold.forWeeks < 1) {
      throw new RuleViolation('Give a whole number of weeks, at least 1.', 'whenToReturn.threshold.forWeeks');
    }
  }
}

export interface ReturnThreshold {
  readonly instrumentId: InstrumentId;
  readonly atLeast: number;
  readonly forWeeks: number;
  readonly source: string;
}

/**
 * A score threshold to suggest for "when to come back" (the clinician and patient may change it): PHQ-9 ≥ 10 for
 * 2 weeks, the DOMAIN §6.2 [Inference] example. For a perinatal course, whose symptom measure is the EPDS (DOMAIN
 * §7.2), none is suggested: no source read gives an EPDS return threshold, so the clinician sets one (never invent
 * clinical content).
 */
export function suggestedReturnThreshold(perinatal: boolean): ReturnThreshold | null {
  if (perinatal) return null;
  return {
    instrumentId: InstrumentId.phq9,
    atLeast: 10,
    forWeeks: 2,
    source: 'DOMAIN §6.2 [Inference] example: PHQ-9 ≥ 10 for 2 weeks',
  };
}
