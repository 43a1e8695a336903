import { describe, expect, it } from 'vitest';
import { assertInventoryEntry, newInventoryEntry } from './inventory.js';
import { findDuplicatePerson, mergeEntries } from './inventory-merge.js';

// vitest types its asymmetric matchers as `any`; held as `unknown`, they are checked like any other value.
const containing = (fields: Record<string, unknown>): unknown => expect.objectContaining(fields);

describe(newInventoryEntry.name, () => {
  it('starts blank and assumes nothing: no ring, no conflict, expectations and relation to the episode unknown', () => {
    const ben = newInventoryEntry('  Ben ', 'partner');
    expect(ben).toMatchObject({
      personName: 'Ben',
      relationship: 'partner',
      closenessRing: null,
      conflict: { present: false, outcome: 'unknown' },
      expectations: { met: 'unknown' },
      relationToEpisode: 'unknown',
      problemAreaLink: null,
      disputeStage: null,
      deceased: false,
      dateOfDeath: null,
    });
    expect(() => assertInventoryEntry(ben)).not.toThrow();
  });
});

describe(assertInventoryEntry.name, () => {
  const laura = newInventoryEntry('Laura', 'other');

  it('keeps a dispute stage for relationships linked to a role dispute', () => {
    expect(() => assertInventoryEntry({ ...laura, problemAreaLink: 'dispute', disputeStage: 'impasse' })).not.toThrow();
    expect(() => assertInventoryEntry({ ...laura, disputeStage: 'impasse' })).toThrow(
      expect.objectContaining({ field: 'disputeStage' }),
    );
  });

  it('records a date of death only for someone who has died, and refuses one in the future', () => {
    expect(() => assertInventoryEntry({ ...laura, dateOfDeath: { year: 2025 } })).toThrow(
      expect.objectContaining({ field: 'dateOfDeath' }),
    );
    const brandy = { ...newInventoryEntry('Brandy', 'other'), deceased: true, dateOfDeath: { year: 2026, month: 9 } };
    expect(() => assertInventoryEntry(brandy, { today: '2026-03-02', yearOfBirth: 1972 })).toThrow(/in the future/);
  });

  it('refuses a nameless person and a ring off the circle', () => {
    expect(() => assertInventoryEntry({ ...laura, personName: ' ' })).toThrow(
      expect.objectContaining({ field: 'personName' }),
    );
    expect(() => assertInventoryEntry({ ...laura, closenessRing: 5 })).toThrow(
      expect.objectContaining({ field: 'closenessRing' }),
    );
  });
});

describe(findDuplicatePerson.name, () => {
  const entries = [
    { id: 'p1', ...newInventoryEntry('Laura Smith', 'other'), alias: 'Lolly' },
    { id: 'p2', ...newInventoryEntry('Mum', 'parent') },
    { id: 'p3', ...newInventoryEntry('Zoë', 'friend') },
  ];

  it('finds the same person whatever the case, spacing, accents or a leading "my"', () => {
    expect(findDuplicatePerson(entries, '  laura   SMITH ')).toMatchObject({
      entry: { id: 'p1' },
      reason: 'same-name',
    });
    expect(findDuplicatePerson(entries, 'my mum')).toMatchObject({ entry: { id: 'p2' }, reason: 'same-name' });
    expect(findDuplicatePerson(entries, 'Zoe')).toMatchObject({ entry: { id: 'p3' }, reason: 'same-name' });
  });

  it('finds a person by alias, and a first name alone against a full name', () => {
    expect(findDuplicatePerson(entries, 'lolly')).toMatchObject({ entry: { id: 'p1' }, reason: 'alias' });
    expect(findDuplicatePerson(entries, 'Laura')).toMatchObject({ entry: { id: 'p1' }, reason: 'first-name' });
  });

  it('does not confuse two different full names, and ignores a blank name', () => {
    expect(findDuplicatePerson(entries, 'Laura Jones')).toBeNull();
    expect(findDuplicatePerson(entries, ' . ')).toBeNull();
    expect(findDuplicatePerson([], 'Ben')).toBeNull();
  });
});

describe(mergeEntries.name, () => {
  it('folds the second entry into the first without losing anything, listing real disagreements', () => {
    const first = {
      id: 'p1',
      ...newInventoryEntry('Laura', 'other'),
      closenessRing: 2,
      negatives: 'Calls at short notice',
      communicationStyle: ['avoids-confrontation' as const],
      expectations: { patient: '', other: 'Joy covers childcare', met: 'no' as const },
    };
    const second = {
      ...newInventoryEntry('Laura Smith', 'partner'),
      closenessRing: 3,
      negatives: 'Manipulative when we were together',
      communicationStyle: ['indirect' as const, 'avoids-confrontation' as const],
      conflict: { present: true, frequency: 'weekly', whatHappens: '', outcome: 'dropped' as const },
      expectations: { patient: 'Laura asks ahead', other: 'Joy covers childcare', met: 'partly' as const },
    };
    const { merged, conflicts } = mergeEntries(first, second);
    expect(merged).toMatchObject({
      id: 'p1',
      personName: 'Laura',
      alias: 'Laura Smith',
      relationship: 'partner',
      closenessRing: 2,
      negatives: 'Calls at short notice\nManipulative when we were together',
      communicationStyle: ['avoids-confrontation', 'indirect'],
      conflict: { present: true, frequency: 'weekly', outcome: 'dropped' },
      expectations: { patient: 'Laura asks ahead', other: 'Joy covers childcare', met: 'no' },
    });
    expect(conflicts).toEqual(['closenessRing', 'expectations.met']);
  });

  it('keeps a death recorded on either entry', () => {
    const a = newInventoryEntry('Brandy', 'other');
    const b = { ...newInventoryEntry('Brandy', 'other'), deceased: true, dateOfDeath: { year: 2025, month: 9 } };
    expect(mergeEntries(a, b)).toEqual({
      merged: containing({ deceased: true, dateOfDeath: { year: 2025, month: 9 } }),
      conflicts: [],
    });
  });
});
