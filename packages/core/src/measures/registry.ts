/** The instrument registry: every instrument IPT Workbench can administer and score (shared/ipt/DOMAIN.md §9). */
import { RuleViolation } from '../errors.js';
import { epds } from './epds.js';
import { gad7 } from './gad-7.js';
import { hamd17 } from './ham-d-17.js';
import { type Instrument, InstrumentId } from './instrument.js';
import { phq2 } from './phq-2.js';
import { phq9 } from './phq-9.js';
import { who5 } from './who-5.js';
import { wsas } from './wsas.js';

const byId = {
  [InstrumentId.phq9]: phq9,
  [InstrumentId.phq2]: phq2,
  [InstrumentId.gad7]: gad7,
  [InstrumentId.epds]: epds,
  [InstrumentId.hamd17]: hamd17,
  [InstrumentId.who5]: who5,
  [InstrumentId.wsas]: wsas,
} as const satisfies Record<InstrumentId, Instrument>;

export const instrumentIds: readonly InstrumentId[] = Object.values(InstrumentId);

export const instruments: readonly Instrument[] = instrumentIds.map((id) => byId[id]);

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === 'string' && (instrumentIds as readonly string[]).includes(value);
}

/** The instrument with this id; a RuleViolation for anything else (ids can arrive untyped from files and requests). */
export function getInstrument(id: InstrumentId): Instrument {
  if (!isInstrumentId(id)) {
    throw new RuleViolation(`Unknown instrument "${String(id)}": one of ${instrumentIds.join(', ')}.`, 'instrument');
  }
  return byId[id];
}
