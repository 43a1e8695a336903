import { describe, expect, it } from 'vitest';
import type { RelapsePlan } from './model.js';
import { assertRelapsePlan, newRelapsePlan, suggestedReturnThreshold } from './relapse-plan.js';

const ctx = { personIds: ['p-laura'] };
const plan: RelapsePlan = {
  warningSigns: [
    { kind: 'symptom', text: 'Waking at 4 am' },
    { kind: 'interpersonal', text: 'Going quiet with Laura' },
  ],
  triggersAnticipated: ['The anniversary in March'],
  copingActions: ['Tell Laura what I need'],
  peopleToContact: [
    { personId: 'p-laura', name: 'Laura', how: 'In person' },
    { personId: null, name: 'My sister', how: 'Phone' },
  ],
  professionalContacts: [{ name: 'Dr Okafor', role: 'GP', contact: '0113 000 0000' }],
  whenToReturn: {
    text: 'If the signs last two weeks.',
    threshold: { instrumentId: 'phq-9', atLeast: 10, forWeeks: 2 },
  },
  linkSafetyPlan: true,
  shareWith: 'Laura',
};

describe(newRelapsePlan.name, () => {
  it('is empty and valid', () => {
    const p = newRelapsePlan();
    expect(p).toMatchObject({ warningSigns: [], whenToReturn: { text: '', threshold: null }, linkSafetyPlan: false });
    expect(() => assertRelapsePlan(p, ctx)).not.toThrow();
  });
});

describe(assertRelapsePlan.name, () => {
  it('accepts a full plan', () => {
    expect(() => assertRelapsePlan(plan, ctx)).not.toThrow();
  });

  const threshold = (t: Partial<NonNullable<RelapsePlan['whenToReturn']['threshold']>>) => ({
    whenToReturn: { text: '', threshold: { instrumentId: 'phq-9', atLeast: 10, forWeeks: 2, ...t } },
  });
  it.each([
    ['an unknown warning-sign kind', { warningSigns: [{ kind: 'mood', text: 'Low' }] }, 'warningSigns.kind'],
    ['a blank warning sign', { warningSigns: [{ kind: 'symptom', text: ' ' }] }, 'warningSigns'],
    ['a blank trigger', { triggersAnticipated: [''] }, 'triggersAnticipated'],
    ['a blank action', { copingActions: [' '] }, 'copingActions'],
    [
      'a person not in the inventory',
      { peopleToContact: [{ personId: 'p-x', name: 'X', how: '' }] },
      'peopleToContact',
    ],
    ['a nameless person', { peopleToContact: [{ personId: null, name: '', how: '' }] }, 'peopleToContact'],
    [
      'a nameless professional',
      { professionalContacts: [{ name: ' ', role: '', contact: '' }] },
      'professionalContacts',
    ],
    ['an instrument not in the registry', threshold({ instrumentId: 'bdi-ii' }), 'whenToReturn.threshold.instrumentId'],
    ['a threshold above the range', threshold({ atLeast: 28 }), 'whenToReturn.threshold.atLeast'],
    ['a threshold below the range', threshold({ atLeast: -1 }), 'whenToReturn.threshold.atLeast'],
    ['zero weeks', threshold({ forWeeks: 0 }), 'whenToReturn.threshold.forWeeks'],
  ])('refuses %s', (_what, change, field) => {
    expect(() => assertRelapsePlan({ ...plan, ...change } as RelapsePlan, ctx)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field }),
    );
  });

  it('checks the range of the named instrument (EPDS runs to 30, WHO-5 to 100)', () => {
    expect(() =>
      assertRelapsePlan({ ...plan, ...threshold({ instrumentId: 'epds', atLeast: 28 }) }, ctx),
    ).not.toThrow();
    expect(() => assertRelapsePlan({ ...plan, ...threshold({ instrumentId: 'epds', atLeast: 31 }) }, ctx)).toThrow(
      expect.objectContaining({ field: 'whenToReturn.threshold.atLeast' }),
    );
    expect(() =>
      assertRelapsePlan({ ...plan, ...threshold({ instrumentId: 'who-5', atLeast: 100 }) }, ctx),
    ).not.toThrow();
  });
});

describe(suggestedReturnThreshold.name, () => {
  it('suggests PHQ-9 ≥ 10 for 2 weeks, the DOMAIN §6.2 example', () => {
    expect(suggestedReturnThreshold(false)).toMatchObject({ instrumentId: 'phq-9', atLeast: 10, forWeeks: 2 });
    expect(suggestedReturnThreshold(false)?.source).toMatch(/DOMAIN §6\.2/);
  });

  it('suggests nothing for a perinatal course: no source gives an EPDS return threshold', () => {
    expect(suggestedReturnThreshold(true)).toBeNull();
  });

  it('is a valid plan threshold', () => {
    const suggested = suggestedReturnThreshold(false);
    if (!suggested) throw new Error('expected a suggestion');
    const { source: _source, ...t } = suggested;
    expect(() => assertRelapsePlan({ ...plan, whenToReturn: { text: '', threshold: t } }, ctx)).not.toThrow();
  });
});
