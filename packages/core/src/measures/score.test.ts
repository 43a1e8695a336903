import { describe, expect, it } from 'vitest';
import { epds } from './epds.js';
import { gad7 } from './gad-7.js';
import { hamd17 } from './ham-d-17.js';
import { phq2 } from './phq-2.js';
import { phq9 } from './phq-9.js';
import { bandFor, scoreAdministration } from './score.js';
import { who5 } from './who-5.js';
import { wsas } from './wsas.js';

/** Answers (positions 0–3) whose PHQ-style weights add up to `total` over `n` items, filling from the first. */
function phqAnswersTotalling(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

describe(scoreAdministration.name, () => {
  describe('PHQ-9', () => {
    it.each([
      [0, 'none-minimal'],
      [4, 'none-minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'moderately-severe'],
      [19, 'moderately-severe'],
      [20, 'severe'],
      [27, 'severe'],
    ])('puts a total of %i in band %s (Kroenke 2001 cut points 5/10/15/20)', (total, band) => {
      // Item 9 kept at 0 where possible, so the band test is not also a flag test.
      const answers = [...phqAnswersTotalling(Math.min(total, 24), 8), Math.max(0, total - 24)];
      const r = scoreAdministration(phq9, answers);
      expect(r).toMatchObject({ scorable: true, total, band: { id: band } });
    });

    it('ignores the unscored difficulty item, answered or left off', () => {
      const nine = [1, 1, 1, 1, 1, 1, 1, 1, 0];
      expect(scoreAdministration(phq9, nine).total).toBe(8);
      expect(scoreAdministration(phq9, [...nine, 3]).total).toBe(8);
    });

    it('flags item 9 above 0 whatever the total, and flags more than half the days as frequent', () => {
      const once = scoreAdministration(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
      expect(once).toMatchObject({ total: 1, band: { id: 'none-minimal' } });
      expect(once.flags.map((f) => [f.item, f.code])).toEqual([[9, 'self-harm-thoughts']]);
      const often = scoreAdministration(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 2]);
      expect(often.flags.map((f) => f.code)).toEqual(['self-harm-thoughts', 'self-harm-thoughts-frequent']);
      expect(scoreAdministration(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]).flags).toEqual([]);
    });

    it('prorates one missing item with the mean of the answered ones (NHS Data Dictionary)', () => {
      const r = scoreAdministration(phq9, [1, 1, null, 1, 1, 1, 1, 1, 1]);
      expect(r).toMatchObject({ scorable: true, total: 9, missingItems: [3], imputedItems: [{ item: 3, value: 1 }] });
    });

    it('rounds a prorated total to the nearest whole number, halves up (CMS: sum × 9/8 "rounded to the nearest integer")', () => {
      // Eight answered items add up to 4: 4 × 9/8 = 4.5 → 5, which is mild.
      const r = scoreAdministration(phq9, [1, 1, 1, 1, 0, 0, 0, null, 0]);
      expect(r).toMatchObject({ total: 5, band: { id: 'mild' }, imputedItems: [{ item: 8, value: 0.5 }] });
    });

    it('prorates two missing items (sum × 9/7, rounded) and refuses three', () => {
      // Seven answered items add up to 13: 13 × 9/7 = 16.71 → 17.
      expect(scoreAdministration(phq9, [2, 2, 2, 2, 2, null, null, 2, 1]).total).toBe(17);
      const three = scoreAdministration(phq9, [2, 2, 2, 2, null, null, null, 0, 1]);
      expect(three).toMatchObject({ scorable: false, total: null, band: null, reasonCode: 'too-many-missing' });
    });

    it('never imputes item 9: without it there is no total (ERRATA Must-fix 1)', () => {
      const r = scoreAdministration(phq9, [3, 3, 3, 3, 3, 3, 3, 3, null]);
      expect(r).toMatchObject({ scorable: false, total: null, reasonCode: 'required-item-missing', missingItems: [9] });
      expect(r.reason).toContain('Item 9 is required and is never imputed');
    });

    it('still raises the item-9 flag when the total cannot be scored', () => {
      const tooFew = scoreAdministration(phq9, [null, null, null, 0, 0, 0, 0, 0, 3]);
      expect(tooFew.scorable).toBe(false);
      expect(tooFew.flags.map((f) => f.code)).toEqual(['self-harm-thoughts', 'self-harm-thoughts-frequent']);
      const badCell = scoreAdministration(phq9, [0, 0, 7, 0, 0, 0, 0, 0, 1]);
      expect(badCell).toMatchObject({ scorable: false, reasonCode: 'invalid-answers' });
      expect(badCell.flags.map((f) => f.code)).toEqual(['self-harm-thoughts']);
    });

    it('raises no flag from an invalid item 9 or from answers of the wrong length', () => {
      expect(scoreAdministration(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1.5]).flags).toEqual([]);
      expect(scoreAdministration(phq9, [0, 0, 0, 0, 0, 0, 0, 3]).flags).toEqual([]);
    });

    it('stamps the instrument and scorer versions on every result', () => {
      expect(scoreAdministration(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({
        instrumentId: 'phq-9',
        instrumentVersion: '1.0.0',
        scorerVersion: '1.0.0',
      });
    });
  });

  describe('PHQ-2', () => {
    it('splits at the cut-off of 3 (Kroenke 2003)', () => {
      expect(scoreAdministration(phq2, [1, 1]).band?.id).toBe('below-cut-off');
      expect(scoreAdministration(phq2, [1, 2]).band?.id).toBe('at-or-above-cut-off');
      expect(scoreAdministration(phq2, [3, 3]).total).toBe(6);
    });

    it('has no missing-item rule, so one missing answer means no total', () => {
      expect(scoreAdministration(phq2, [3, null])).toMatchObject({ scorable: false, reasonCode: 'missing-items' });
    });
  });

  describe('GAD-7', () => {
    it.each([
      [4, 'minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'severe'],
      [21, 'severe'],
    ])('puts %i in band %s (Spitzer 2006 cut points 5/10/15)', (total, band) => {
      expect(scoreAdministration(gad7, phqAnswersTotalling(total, 7))).toMatchObject({ total, band: { id: band } });
    });

    it('leaves the total uncomputed when any item is missing (ERRATA Must-fix 1)', () => {
      const r = scoreAdministration(gad7, [3, 3, 3, 3, 3, 3, null]);
      expect(r).toMatchObject({ scorable: false, total: null, reasonCode: 'missing-items', missingItems: [7] });
    });
  });

  describe('EPDS', () => {
    it('reverse-scores items 3 and 5–10 from the positions as printed (Cox 1987)', () => {
      // First option everywhere: items 1, 2, 4 weigh 0; items 3, 5–10 weigh 3.
      expect(scoreAdministration(epds, Array(10).fill(0)).total).toBe(21);
      // Last option everywhere: items 1, 2, 4 weigh 3; the others 0.
      expect(scoreAdministration(epds, Array(10).fill(3)).total).toBe(9);
    });

    it('bands at 10 and 13', () => {
      // Last option everywhere is 9 (items 1, 2, 4); moving item 3 or 5 up the page adds to it.
      expect(scoreAdministration(epds, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3])).toMatchObject({
        total: 9,
        band: { id: 'below-threshold' },
      });
      expect(scoreAdministration(epds, [3, 3, 2, 3, 3, 3, 3, 3, 3, 3])).toMatchObject({
        total: 10,
        band: { id: 'possible' },
      });
      expect(scoreAdministration(epds, [3, 3, 0, 3, 3, 3, 3, 3, 3, 3]).band?.id).toBe('possible');
      expect(scoreAdministration(epds, [3, 3, 0, 3, 2, 3, 3, 3, 3, 3])).toMatchObject({
        total: 13,
        band: { id: 'likely' },
      });
    });

    it('flags item 10 scored above 0 whatever the total, even when unscorable', () => {
      // Item 10's first option weighs 3 (reverse scored).
      const r = scoreAdministration(epds, [null, 3, 3, 3, 3, 3, 3, 3, 3, 0]);
      expect(r.scorable).toBe(false);
      expect(r.flags).toMatchObject([{ item: 10, code: 'self-harm-thoughts', weight: 3 }]);
      expect(scoreAdministration(epds, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]).flags).toEqual([]);
    });
  });

  describe('HAM-D-17', () => {
    const base = Array(15).fill(0) as number[];
    it('scores item 16 from whichever of 16A or 16B was rated, up to 52', () => {
      expect(scoreAdministration(hamd17, [...base, 2, null, 0]).total).toBe(2);
      expect(scoreAdministration(hamd17, [...base, null, 1, 0]).total).toBe(1);
      const top = [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, null, 2, 2];
      expect(scoreAdministration(hamd17, top)).toMatchObject({ total: 52, maxTotal: 52, band: { id: 'severe' } });
    });

    it('does not score "not assessed" on item 16, and says so (ERRATA Must-fix 6)', () => {
      const r = scoreAdministration(hamd17, [...base, 3, null, 1]);
      expect(r).toMatchObject({ scorable: true, total: 1, maxTotal: 50, notScoredItems: ['16A'] });
    });

    it('refuses both alternatives, and counts neither as a missing item 16', () => {
      expect(scoreAdministration(hamd17, [...base, 0, 0, 0]).reasonCode).toBe('invalid-answers');
      expect(scoreAdministration(hamd17, [...base, null, null, 0])).toMatchObject({
        scorable: false,
        reasonCode: 'missing-items',
        missingItems: ['16'],
      });
    });

    it('bands by Zimmerman 2013 by default and by the consensus bands on request', () => {
      const total16 = [4, 4, 4, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0];
      expect(scoreAdministration(hamd17, total16)).toMatchObject({ total: 16, band: { id: 'mild' } });
      const consensus = hamd17.alternativeBands?.consensus;
      expect(scoreAdministration(hamd17, total16, { bands: consensus }).band?.id).toBe('moderate');
      expect(bandFor(hamd17.bands, 7)?.id).toBe('none');
      expect(bandFor(hamd17.bands, 17)?.id).toBe('moderate');
      expect(bandFor(hamd17.bands, 24)?.id).toBe('severe');
    });
  });

  describe('WHO-5', () => {
    it('multiplies the raw score by 4 to a percentage, the first option weighing 5', () => {
      expect(scoreAdministration(who5, [0, 0, 0, 0, 0])).toMatchObject({ rawTotal: 25, total: 100, maxTotal: 100 });
      expect(scoreAdministration(who5, [5, 5, 5, 5, 5])).toMatchObject({ rawTotal: 0, total: 0 });
    });

    it('treats raw < 13 as ≤ 50% (ERRATA row 57) and bands at 35/50 (Topp 2015, Danish guidance)', () => {
      // raw 12 (positions weigh 5 − p): 3+3+2+2+2
      expect(scoreAdministration(who5, [2, 2, 3, 3, 3])).toMatchObject({ total: 48, band: { id: 'at-risk' } });
      expect(scoreAdministration(who5, [2, 2, 2, 3, 3])).toMatchObject({
        total: 52,
        band: { id: 'not-at-immediate-risk' },
      });
      expect(scoreAdministration(who5, [3, 3, 3, 3, 4])).toMatchObject({ total: 36, band: { id: 'at-risk' } });
      expect(scoreAdministration(who5, [3, 3, 3, 4, 4])).toMatchObject({ total: 32, band: { id: 'high-risk' } });
    });

    it('advises a depression inventory for any item answered 0 or 1', () => {
      const r = scoreAdministration(who5, [0, 0, 0, 4, 5]);
      expect(r.flags.map((f) => [f.item, f.code, f.kind])).toEqual([
        [4, 'well-being-item-low', 'advice'],
        [5, 'well-being-item-low', 'advice'],
      ]);
    });
  });

  describe('WSAS', () => {
    it('sums five items of 0–8 to 40, banded at 10 and 21 (Mundt 2002)', () => {
      expect(scoreAdministration(wsas, [8, 8, 8, 8, 8])).toMatchObject({
        total: 40,
        band: { id: 'moderately-severe' },
      });
      expect(scoreAdministration(wsas, [8, 1, 0, 0, 0]).band?.id).toBe('subclinical');
      expect(scoreAdministration(wsas, [8, 2, 0, 0, 0]).band?.id).toBe('significant');
      expect(scoreAdministration(wsas, [8, 8, 4, 0, 0]).band?.id).toBe('significant');
      expect(scoreAdministration(wsas, [8, 8, 5, 0, 0]).band?.id).toBe('moderately-severe');
    });

    it('leaves the work item unscored for someone retired, with a maximum of 32 (ERRATA Must-fix 5)', () => {
      const r = scoreAdministration(wsas, [9, 8, 8, 8, 8]);
      expect(r).toMatchObject({ scorable: true, total: 32, maxTotal: 32, notScoredItems: [1] });
    });

    it('offers "not applicable" on the work item only', () => {
      expect(scoreAdministration(wsas, [0, 9, 0, 0, 0]).reasonCode).toBe('invalid-answers');
    });
  });
});
