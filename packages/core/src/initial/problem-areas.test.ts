import { describe, expect, it } from 'vitest';
import { areaChecklists, checklistFor } from './area-checklists.js';
import {
  canonicalAreaOf,
  canonicalAreas,
  defaultTaxonomyFor,
  disputeStageGuide,
  disputeStages,
  presetArea,
  presetAreaFor,
  taxonomyPresetDefinitions,
  taxonomyPresets,
} from './problem-areas.js';

const areasOf = (preset: keyof typeof taxonomyPresetDefinitions) =>
  taxonomyPresetDefinitions[preset].areas.map((a) => [a.id, a.canonical]);

describe('taxonomyPresetDefinitions', () => {
  it('offers the five presets of DOMAIN §3.1, each area mapped to a canonical area', () => {
    expect(taxonomyPresets).toEqual(['weissman4', 'stuart3', 'who4', 'ipsrt5', 'sad']);
    expect(areasOf('weissman4')).toEqual([
      ['grief', 'grief'],
      ['dispute', 'dispute'],
      ['transition', 'transition'],
      ['deficits', 'deficits'],
    ]);
    expect(areasOf('stuart3')).toEqual([
      ['grief-loss', 'grief'],
      ['dispute', 'dispute'],
      ['transition', 'transition'],
    ]);
    expect(areasOf('who4')).toEqual([
      ['grief', 'grief'],
      ['disputes', 'dispute'],
      ['life-changes', 'transition'],
      ['loneliness', 'deficits'],
    ]);
    expect(areasOf('ipsrt5')).toEqual([...areasOf('weissman4'), ['lost-healthy-self', 'transition']]);
    expect(areasOf('sad')).toEqual([
      ['grief', 'grief'],
      ['dispute', 'dispute'],
      ['transition', 'transition'],
      ['role-insecurity', 'deficits'],
      ['therapeutic-role-transition', 'transition'],
    ]);
  });

  it('treats interpersonal sensitivity as a complicating factor in the Stuart preset only', () => {
    expect(taxonomyPresetDefinitions.stuart3.complicatingFactors).toEqual(['interpersonal-sensitivity']);
    for (const p of taxonomyPresets.filter((x) => x !== 'stuart3')) {
      expect(taxonomyPresetDefinitions[p].complicatingFactors).toEqual([]);
    }
  });

  it('cites a source for every area', () => {
    for (const p of taxonomyPresets) {
      for (const a of taxonomyPresetDefinitions[p].areas) expect(a.source).toMatch(/^DOMAIN §3/);
    }
  });
});

describe(presetAreaFor.name, () => {
  it("names a canonical area in the course's taxonomy, or nothing where it has none", () => {
    expect(presetAreaFor('who4', 'deficits')?.id).toBe('loneliness');
    expect(presetAreaFor('stuart3', 'grief')?.id).toBe('grief-loss');
    expect(presetAreaFor('stuart3', 'deficits')).toBeNull();
    expect(presetAreaFor('sad', 'transition')?.id).toBe('transition');
  });
});

describe(presetArea.name, () => {
  it('refuses an area the preset does not offer, naming the field', () => {
    expect(() => presetArea('stuart3', 'deficits', 'primary.area')).toThrow(
      expect.objectContaining({ field: 'primary.area' }),
    );
    expect(canonicalAreaOf('life-changes')).toBe('transition');
  });
});

describe(defaultTaxonomyFor.name, () => {
  it('starts Weissman/Markowitz and IPTUK courses with four areas and Stuart courses with three', () => {
    expect(defaultTaxonomyFor('weissman-markowitz')).toBe('weissman4');
    expect(defaultTaxonomyFor('iptuk')).toBe('weissman4');
    expect(defaultTaxonomyFor('stuart')).toBe('stuart3');
  });
});

describe('disputeStageGuide', () => {
  it('describes renegotiation, impasse and dissolution', () => {
    expect(disputeStages).toEqual(['renegotiation', 'impasse', 'dissolution']);
    for (const s of disputeStages) expect(disputeStageGuide[s].aim).not.toBe('');
  });
});

describe(checklistFor.name, () => {
  it('has goals and strategies for every canonical area, with unique, cited ids', () => {
    const ids = canonicalAreas.flatMap((a) => [...areaChecklists[a].goals, ...areaChecklists[a].strategies]);
    expect(new Set(ids.map((i) => i.id)).size).toBe(ids.length);
    for (const i of ids) expect(i.source).toMatch(/^DOMAIN §3\.[3-6]/);
    for (const a of canonicalAreas) expect(areaChecklists[a].goals.length).toBeGreaterThan(0);
  });

  it("reaches a preset's own area through its canonical area", () => {
    expect(checklistFor('loneliness')).toBe(areaChecklists.deficits);
    expect(checklistFor('grief-loss').goals.map((g) => g.id)).toEqual(['grief.mourn', 'grief.reconnect']);
  });
});
