import { describe, expect, it } from 'vitest';
import { type Termination, TerminationItem, terminationItems } from './model.js';
import {
  completeTermination,
  mergeTermination,
  newTermination,
  terminationItemCatalogue,
  terminationMissing,
} from './termination.js';

const done = { done: true, note: '' };
const allDone = Object.fromEntries(terminationItems.map((id) => [id, done])) as Termination['items'];

const ready: Termination = {
  ...newTermination(),
  items: allDone,
  whyBetterPatientWords: 'I started telling Laura what I need instead of going quiet.',
  continuation: { decision: 'end', contract: null, note: '' },
};
const ctx = { improved: true, leftInitialPhase: true, relapsePlanPresent: true };
const at = '2026-06-15T11:00:00Z';

describe(terminationItemCatalogue.name, () => {
  const required = (c: Parameters<typeof terminationItemCatalogue>[0]) =>
    terminationItemCatalogue(c)
      .filter((i) => i.required)
      .map((i) => i.id);

  it('lists the DOMAIN §6.1 tasks in order, each with a source', () => {
    const items = terminationItemCatalogue({ improved: true, leftInitialPhase: true });
    expect(items.map((i) => i.id)).toEqual(terminationItems);
    for (const i of items) expect(i.source).toMatch(/DOMAIN §6\.1/);
  });

  it('requires "not improved" only when the course did not improve', () => {
    expect(required({ improved: true, leftInitialPhase: true })).not.toContain('not-improved-reviewed');
    expect(required({ improved: null, leftInitialPhase: true })).not.toContain('not-improved-reviewed');
    expect(required({ improved: false, leftInitialPhase: true })).toContain('not-improved-reviewed');
    expect(required({ improved: true, leftInitialPhase: true })).toEqual(
      terminationItems.filter((i) => i !== 'not-improved-reviewed'),
    );
  });

  it('does not require the tasks that presuppose treatment work after an early end', () => {
    const early = required({ improved: null, leftInitialPhase: false });
    expect(early).not.toContain('progress-reviewed');
    expect(early).not.toContain('why-better');
    expect(early).not.toContain('residual-work');
    expect(early).toEqual([
      'end-named',
      'feelings-about-ending',
      'relapse-prevention',
      'continuation-decided',
      'end-measures',
    ]);
    expect(required({ improved: false, leftInitialPhase: false })).toContain('not-improved-reviewed');
  });
});

describe(mergeTermination.name, () => {
  it('merges items one by one and replaces the other fields given', () => {
    const a = mergeTermination(newTermination(), { items: { 'end-named': done }, residualGoals: ['See friends'] });
    const b = mergeTermination(a, { items: { 'why-better': { done: false, note: 'Next week' } } });
    expect(b.items).toEqual({ 'end-named': done, 'why-better': { done: false, note: 'Next week' } });
    expect(b.residualGoals).toEqual(['See friends']);
    expect(b.completed).toBe(false);
  });

  it('refuses an unknown task', () => {
    expect(() =>
      // @ts-expect-error -- 'tea' is not a termination task: the deliberate bad input the runtime guard must refuse.
      mergeTermination(newTermination(), { items: { tea: done } }),
    ).toThrow(expect.objectContaining({ field: 'items' }));
  });

  it('refuses to change a completed checklist but accepts a patch that changes nothing', () => {
    const completed = completeTermination(ready, ctx, at);
    expect(() => mergeTermination(completed, { residualGoals: ['New'] })).toThrow(
      expect.objectContaining({ field: 'completed' }),
    );
    expect(mergeTermination(completed, { residualGoals: [] })).toEqual(completed);
  });
});

describe(terminationMissing.name, () => {
  it('is empty for a complete checklist', () => {
    expect(terminationMissing(ready, ctx)).toEqual([]);
  });

  it('names every required task not done', () => {
    const missing = terminationMissing(newTermination(), ctx);
    expect(missing.map((m) => m.field)).toEqual(
      terminationItems.filter((i) => i !== 'not-improved-reviewed').map((i) => `items.${i}`),
    );
  });

  it('asks for the "not improved" review when the course did not improve', () => {
    const items = { ...allDone };
    delete (items as Record<string, unknown>)['not-improved-reviewed'];
    expect(terminationMissing({ ...ready, items }, { ...ctx, improved: false }).map((m) => m.field)).toEqual([
      'items.not-improved-reviewed',
    ]);
    expect(terminationMissing({ ...ready, items }, ctx)).toEqual([]);
  });

  it('"why better" done needs the patient’s own words', () => {
    expect(terminationMissing({ ...ready, whyBetterPatientWords: '  ' }, ctx).map((m) => m.field)).toEqual([
      'whyBetterPatientWords',
    ]);
  });

  it('"relapse prevention" done needs a relapse-prevention plan', () => {
    expect(terminationMissing(ready, { ...ctx, relapsePlanPresent: false }).map((m) => m.field)).toEqual([
      'relapsePlan',
    ]);
  });

  it('"continuation decided" needs a decision, and a contract for continuation or maintenance', () => {
    const withContinuation = (continuation: Termination['continuation']) =>
      terminationMissing({ ...ready, continuation }, ctx).map((m) => m.field);
    expect(withContinuation({ decision: null, contract: null, note: '' })).toEqual(['continuation.decision']);
    expect(withContinuation({ decision: 'referral', contract: null, note: '' })).toEqual([]);
    expect(withContinuation({ decision: 'maintenance', contract: null, note: '' })).toEqual(['continuation.contract']);
    expect(withContinuation({ decision: 'continuation', contract: null, note: '' })).toEqual(['continuation.contract']);
    const contract = {
      frequency: 'monthly',
      durationMonths: 6,
      focus: 'New stressors after the birth',
      monitoring: '',
    } as const;
    expect(withContinuation({ decision: 'maintenance', contract, note: '' })).toEqual([]);
    expect(withContinuation({ decision: 'continuation', contract: { ...contract, focus: ' ' }, note: '' })).toEqual([
      'continuation.contract.focus',
    ]);
    expect(
      withContinuation({ decision: 'maintenance', contract: { ...contract, durationMonths: 0 }, note: '' }),
    ).toEqual(['continuation.contract.durationMonths']);
    expect(
      withContinuation({
        decision: 'maintenance',
        contract: { ...contract, frequency: 'daily' as 'monthly' },
        note: '',
      }),
    ).toEqual(['continuation.contract.frequency']);
    expect(withContinuation({ decision: 'end', contract, note: '' })).toEqual(['continuation.contract']);
  });

  it('a course that never left the initial phase needs an early-end reason first', () => {
    const early = { ...ctx, leftInitialPhase: false };
    expect(terminationMissing(ready, early)[0]?.field).toBe('earlyEndReason');
    expect(terminationMissing({ ...ready, earlyEndReason: 'Moved abroad after session 2.' }, early)).toEqual([]);
  });

  it('after an early end the tasks of treatment work may stay undone', () => {
    const items = { ...allDone };
    for (const id of [TerminationItem.progressReviewed, TerminationItem.whyBetter, TerminationItem.residualWork]) {
      delete (items as Record<string, unknown>)[id];
    }
    const t = { ...ready, items, whyBetterPatientWords: '', earlyEndReason: 'Chose medication only.' };
    expect(terminationMissing(t, { ...ctx, improved: null, leftInitialPhase: false })).toEqual([]);
    expect(terminationMissing(t, ctx).map((m) => m.field)).toEqual([
      'items.progress-reviewed',
      'items.why-better',
      'items.residual-work',
    ]);
  });
});

describe(completeTermination.name, () => {
  it('completes a checklist with nothing missing and records when', () => {
    expect(completeTermination(ready, ctx, at)).toMatchObject({ completed: true, completedAt: at });
  });

  it('refuses, naming the first missing field', () => {
    expect(() => completeTermination(newTermination(), ctx, at)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field: 'items.end-named' }),
    );
  });

  it('refuses on a course that never left the initial phase without an early-end reason (issue "Bad input")', () => {
    expect(() => completeTermination(ready, { ...ctx, leftInitialPhase: false }, at)).toThrow(
      expect.objectContaining({ field: 'earlyEndReason' }),
    );
    expect(
      completeTermination({ ...ready, earlyEndReason: 'Patient moved away.' }, { ...ctx, leftInitialPhase: false }, at)
        .completed,
    ).toBe(true);
  });

  it('completing twice keeps the first completion', () => {
    const once = completeTermination(ready, ctx, at);
    expect(completeTermination(once, ctx, '2026-07-01T00:00:00Z')).toBe(once);
  });
});
