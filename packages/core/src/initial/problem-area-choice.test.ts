import { describe, expect, it } from 'vitest';
import type { ProblemAreaHint } from './hints.js';
import {
  assertChoicePeople,
  assertProblemAreaChoice,
  differsFromHints,
  mergeProblemAreaChoice,
  type ProblemAreaChoiceInput,
  recordProblemAreaChoice,
} from './problem-area-choice.js';

const hint = (area: ProblemAreaHint['area']): ProblemAreaHint => ({
  rule: 'death-near-onset',
  area,
  presetArea: null,
  why: '',
  evidence: [],
  warnings: [],
  source: '',
});
const rationale = 'Linked to the onset; the patient recognised it.';

describe(assertProblemAreaChoice.name, () => {
  it('requires a written rationale', () => {
    expect(() =>
      assertProblemAreaChoice({ preset: 'weissman4', primary: { area: 'transition' }, rationale: '  ' }),
    ).toThrow(expect.objectContaining({ field: 'rationale' }));
  });

  it('requires the stage of a dispute, and refuses a stage on any other area', () => {
    expect(() => assertProblemAreaChoice({ preset: 'weissman4', primary: { area: 'dispute' }, rationale })).toThrow(
      expect.objectContaining({ field: 'primary.disputeStage' }),
    );
    expect(() =>
      assertProblemAreaChoice({ preset: 'who4', primary: { area: 'disputes', disputeStage: 'impasse' }, rationale }),
    ).not.toThrow();
    expect(() =>
      assertProblemAreaChoice({
        preset: 'weissman4',
        primary: { area: 'grief' },
        secondary: { area: 'transition', disputeStage: 'impasse' },
        rationale,
      }),
    ).toThrow(expect.objectContaining({ field: 'secondary.disputeStage' }));
  });

  it('allows one secondary area, different from the primary', () => {
    const primary = { area: 'transition' as const };
    expect(() =>
      assertProblemAreaChoice({ preset: 'weissman4', primary, secondary: { area: 'grief' }, rationale }),
    ).not.toThrow();
    expect(() => assertProblemAreaChoice({ preset: 'weissman4', primary, secondary: primary, rationale })).toThrow(
      expect.objectContaining({ field: 'secondary.area' }),
    );
  });

  it("refuses an area or complicating factor the course's taxonomy does not offer", () => {
    expect(() => assertProblemAreaChoice({ preset: 'stuart3', primary: { area: 'deficits' }, rationale })).toThrow(
      expect.objectContaining({ field: 'primary.area' }),
    );
    const sensitivity = ['interpersonal-sensitivity' as const];
    expect(() =>
      assertProblemAreaChoice({
        preset: 'stuart3',
        primary: { area: 'grief-loss' },
        rationale,
        complicatingFactors: sensitivity,
      }),
    ).not.toThrow();
    expect(() =>
      assertProblemAreaChoice({
        preset: 'weissman4',
        primary: { area: 'grief' },
        rationale,
        complicatingFactors: sensitivity,
      }),
    ).toThrow(expect.objectContaining({ field: 'complicatingFactors' }));
  });
});

describe(differsFromHints.name, () => {
  it('compares canonical areas, so a preset-specific name still matches its hint', () => {
    expect(differsFromHints('who4', 'loneliness', [hint('deficits')])).toBe(false);
    expect(differsFromHints('weissman4', 'deficits', [hint('grief')])).toBe(true);
  });

  it('has nothing to differ from when there were no hints', () => {
    expect(differsFromHints('weissman4', 'deficits', [])).toBe(false);
  });
});

describe(recordProblemAreaChoice.name, () => {
  it('records a choice against the hints as a normal, allowed choice', () => {
    const choice = recordProblemAreaChoice(
      { preset: 'weissman4', primary: { area: 'deficits' }, rationale: `  ${rationale} ` },
      [hint('grief'), hint('grief')],
    );
    expect(choice).toMatchObject({
      rationale,
      secondary: null,
      complicatingFactors: [],
      hintedAreas: ['grief'],
      differsFromHints: true,
    });
  });
});

describe(mergeProblemAreaChoice.name, () => {
  // Noor (fictional), postnatal: the move to motherhood, and a dispute with her mother-in-law Farah over the baby's care.
  const kept: ProblemAreaChoiceInput = {
    preset: 'weissman4',
    primary: { area: 'transition', personId: null },
    secondary: { area: 'dispute', disputeStage: 'impasse', personId: 'farah' },
    rationale,
    complicatingFactors: [],
  };

  it("keeps the secondary dispute's person when a form that does not show it saves the same areas", () => {
    const saved = mergeProblemAreaChoice(kept, {
      preset: 'weissman4',
      primary: { area: 'transition' },
      secondary: { area: 'dispute', disputeStage: 'renegotiation' },
      rationale: 'Now talking again about the baby’s care.',
    });
    expect(saved.secondary).toEqual({ area: 'dispute', disputeStage: 'renegotiation', personId: 'farah' });
    expect(saved.rationale).toBe('Now talking again about the baby’s care.');
  });

  it('keeps the secondary area itself when the request does not mention it, and removes it on null', () => {
    const request = { preset: 'weissman4' as const, primary: { area: 'transition' as const }, rationale };
    expect(mergeProblemAreaChoice(kept, request).secondary).toEqual(kept.secondary);
    expect(mergeProblemAreaChoice(kept, { ...request, secondary: null }).secondary).toBeNull();
  });

  it('clears a person on null, and forgets the person of an area that changed', () => {
    const cleared = mergeProblemAreaChoice(kept, {
      ...kept,
      secondary: { area: 'dispute', disputeStage: 'impasse', personId: null },
    });
    expect(cleared.secondary?.personId).toBeNull();
    const changed = mergeProblemAreaChoice(kept, { ...kept, secondary: { area: 'grief' } });
    expect(changed.secondary).toEqual({ area: 'grief' });
  });

  it('keeps complicating factors only while the taxonomy still offers them', () => {
    const stuart: ProblemAreaChoiceInput = {
      preset: 'stuart3',
      primary: { area: 'transition' },
      rationale,
      complicatingFactors: ['interpersonal-sensitivity'],
    };
    const again = { preset: 'stuart3' as const, primary: { area: 'transition' as const }, rationale };
    expect(mergeProblemAreaChoice(stuart, again).complicatingFactors).toEqual(['interpersonal-sensitivity']);
    const other = { preset: 'weissman4' as const, primary: { area: 'transition' as const }, rationale };
    expect(mergeProblemAreaChoice(stuart, other).complicatingFactors).toEqual([]);
  });

  it('is the request itself when nothing is kept', () => {
    const first = { preset: 'weissman4' as const, primary: { area: 'transition' as const }, rationale };
    expect(mergeProblemAreaChoice(null, first)).toBe(first);
  });
});

describe(assertChoicePeople.name, () => {
  it('names the field of a person who is not in the inventory', () => {
    const choice: ProblemAreaChoiceInput = {
      preset: 'weissman4',
      primary: { area: 'transition' },
      secondary: { area: 'dispute', disputeStage: 'impasse', personId: 'farah' },
      rationale,
    };
    expect(() => assertChoicePeople(choice, ['farah'])).not.toThrow();
    expect(() => assertChoicePeople(choice, ['someone-else'])).toThrow(
      expect.objectContaining({ field: 'secondary.personId' }),
    );
  });
});
