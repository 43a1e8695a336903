import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../errors.js';
import { type Instrument, InstrumentId } from './instrument.js';
import { getInstrument, instruments, isInstrumentId } from './registry.js';

/** Every LOINC code DOMAIN §9 / ERRATA confirm. Anything else in the registry is a bug (ERRATA Must-fix 2). */
const verifiedLoinc = new Set([
  // PHQ-9 panel, total, items, difficulty item and answers (ERRATA rows 3, 4, 6, 15, 16)
  '44249-1',
  '44261-6',
  '44250-9',
  '44255-8',
  '44259-0',
  '44254-1',
  '44251-7',
  '44258-2',
  '44252-5',
  '44253-3',
  '44260-8',
  '69722-7',
  'LA6568-5',
  'LA6569-3',
  'LA6570-1',
  'LA6571-9',
  'LA6572-7',
  'LA6573-5',
  'LA6575-0',
  'LA6574-3',
  // PHQ-2 panel and total (row 21)
  '55757-9',
  '55758-7',
  // GAD-7 panel, total, items (rows 26, 28)
  '69737-5',
  '70274-6',
  '69725-0',
  '68509-9',
  '69733-4',
  '69734-2',
  '69735-9',
  '69689-8',
  '69736-7',
  // EPDS panel (row 41) and total (row 42: code agreed, display disputed)
  '71354-5',
  '99046-5',
]);

function loincCodes(i: Instrument): string[] {
  return [
    i.loinc?.panel?.code,
    i.loinc?.total?.code,
    ...i.items.flatMap((item) => [item.loinc?.code, ...item.options.map((o) => o.loinc?.code)]),
  ].filter((c): c is string => c !== undefined);
}

describe('the instrument registry', () => {
  it('holds the seven instruments of the issue, each under its own id', () => {
    expect(instruments.map((i) => i.id)).toEqual(['phq-9', 'phq-2', 'gad-7', 'epds', 'ham-d-17', 'who-5', 'wsas']);
  });

  it.each(instruments.map((i) => [i.shortName, i] as const))('%s: items and options are well formed', (_, i) => {
    expect(new Set(i.items.map((item) => item.id)).size).toBe(i.items.length);
    for (const item of i.items) {
      expect(item.id).toBe(`${i.id}/${item.number}`);
      expect(item.options.map((o) => o.position)).toEqual(item.options.map((_o, n) => n));
      expect(item.neutralLabel).toMatch(/^Item /);
      for (const o of item.options) expect(o.neutralLabel.length).toBeGreaterThan(0);
    }
  });

  it.each(instruments.map((i) => [i.shortName, i] as const))('%s: the items add up to the published range', (_, i) => {
    const groups = new Set<string>();
    const max = i.items
      .filter((item) => item.scored)
      .filter((item) => {
        if (item.alternativeGroup === undefined) return true;
        if (groups.has(item.alternativeGroup)) return false;
        groups.add(item.alternativeGroup);
        return true;
      })
      .reduce((sum, item) => sum + Math.max(...item.options.map((o) => o.weight ?? 0)), 0);
    expect(max * i.scoring.multiplier).toBe(i.scoring.max);
  });

  it.each(instruments.map((i) => [i.shortName, i] as const))('%s: carries only verified LOINC codes', (_, i) => {
    for (const code of loincCodes(i)) expect(verifiedLoinc).toContain(code);
  });

  it('ships no wording for EPDS and WSAS, and neutral labels in its place (ERRATA Must-fix 3 and 5)', () => {
    for (const id of [InstrumentId.epds, InstrumentId.wsas]) {
      const i = getInstrument(id);
      expect(i.licence.wordingIncluded).toBe(false);
      for (const item of i.items) {
        expect(item.text).toBeNull();
        for (const o of item.options) expect(o.label).toBeNull();
      }
    }
  });

  it('ships wording, with a citation and licence note, for the public-domain and free instruments', () => {
    for (const id of ['phq-9', 'phq-2', 'gad-7', 'ham-d-17', 'who-5'] as const) {
      const i = getInstrument(id);
      expect(i.licence.wordingIncluded).toBe(true);
      expect(i.citation.length).toBeGreaterThan(20);
      expect(i.licence.note.length).toBeGreaterThan(20);
      for (const item of i.items) expect(item.text).not.toBeNull();
    }
  });

  it('keeps the exact PHQ-9 panel display with its suffix, and never a display for the disputed EPDS total', () => {
    expect(getInstrument('phq-9').loinc?.panel?.display).toBe('PHQ-9 quick depression assessment panel [Reported.PHQ]');
    expect(getInstrument('epds').loinc?.total).toEqual({ system: 'http://loinc.org', code: '99046-5' });
  });

  it('makes PHQ-9 item 9 required, unlike the US Core example (ERRATA Must-fix 1)', () => {
    const items = getInstrument('phq-9').items;
    expect(items.filter((item) => item.required).map((item) => item.number)).toEqual([9]);
  });

  it('reverse-scores EPDS items 3 and 5–10 only (ERRATA Must-fix 3)', () => {
    const reversed = getInstrument('epds')
      .items.filter((item) => item.options[0]?.weight === 3)
      .map((item) => item.number);
    expect(reversed).toEqual([3, 5, 6, 7, 8, 9, 10]);
  });
});

describe(isInstrumentId.name, () => {
  it('knows the registry ids and nothing else', () => {
    expect(isInstrumentId('phq-9')).toBe(true);
    expect(isInstrumentId('PHQ-9')).toBe(false);
    expect(isInstrumentId(9)).toBe(false);
  });
});

describe(getInstrument.name, () => {
  it('refuses an unknown id with a rule violation naming the known ones', () => {
    expect(() => getInstrument('bdi-ii' as InstrumentId)).toThrow(RuleViolation);
    expect(() => getInstrument('bdi-ii' as InstrumentId)).toThrow(/phq-9, phq-2/);
  });
});
