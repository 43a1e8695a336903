import { describe, expect, it } from 'vitest';
import { readFormulation, readHints, readInventoryEntry, readLifeEvent } from './records.js';

const id = '0190a0a0-0000-7000-8000-000000000001';

describe(readInventoryEntry.name, () => {
  it('gives a partly filled entry every field, so the card and core never meet undefined', () => {
    const entry = readInventoryEntry({
      id,
      kind: 'inventory-entry',
      version: 3,
      data: { personName: 'Laura', relationship: 'other', conflict: { present: true } },
    });
    expect(entry).toMatchObject({ id, version: 3, personName: 'Laura', closenessRing: null, deceased: false });
    expect(entry.conflict).toEqual({ present: true, frequency: '', whatHappens: '', outcome: 'unknown' });
    expect(entry.expectations.met).toBe('unknown');
    expect(entry.supportReceived).toEqual([]);
  });
});

describe(readLifeEvent.name, () => {
  it('reads approximate dates and leaves out a record without a readable date', () => {
    const data = { date: { year: 2026, month: 3 }, category: 'work', description: 'Quit her job' };
    expect(readLifeEvent({ id, kind: 'life-event', version: 1, data })?.date).toEqual({ year: 2026, month: 3 });
    expect(readLifeEvent({ id, kind: 'life-event', version: 1, data: { ...data, date: 'soon' } })).toBeNull();
  });
});

describe(readHints.name, () => {
  it('keeps well-formed hints and drops the rest', () => {
    const hints = readHints({
      hints: [{ rule: 'death-near-onset', area: 'grief', why: 'A death near onset.' }, { nonsense: true }],
    } as never);
    expect(hints).toHaveLength(1);
    expect(hints[0]?.evidence).toEqual([]);
  });
});

describe(readFormulation.name, () => {
  it('reads the status, falling back to a draft for an unknown one', () => {
    const f = readFormulation({ id, kind: 'formulation', version: 2, data: { status: 'agreed', text: 'T' } });
    expect(f).toMatchObject({ status: 'agreed', text: 'T', version: 2, history: [] });
    expect(readFormulation({ id, kind: 'formulation', version: 2, data: { status: '??' } })?.status).toBe('draft');
  });
});
