import { describe, expect, it } from 'vitest';
import type { ProblemAreaHint } from './hints.js';
import { assertProblemAreaChoice, differsFromHints, recordProblemAreaChoice } from './problem-area-choice.js';

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
