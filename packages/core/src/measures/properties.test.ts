/**
 * Properties that hold for every instrument in the registry, checked with fast-check.
 *
 * Decision on bad input: scoreAdministration never throws for ANY array (NaN, negatives, floats, strings, wrong
 * length). It returns `scorable: false` with the structured validation errors; `parseAnswers` is the place that
 * throws (AnswersShapeError), for a value that is not an array of numbers and nulls at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from './answers.js';
import { epds, epdsReverseItems } from './epds.js';
import { type Instrument, reverseWeight } from './instrument.js';
import { phq9 } from './phq-9.js';
import { instruments } from './registry.js';
import { bandFor, scoreAdministration } from './score.js';

/** Valid answers: each item a real position or missing, at most one member of an alternative group answered. */
function validAnswers(instrument: Instrument): fc.Arbitrary<(number | null)[]> {
  return fc
    .tuple(...instrument.items.map((item) => fc.option(fc.nat({ max: item.options.length - 1 }), { freq: 4 })))
    .map((answers) => {
      const seen = new Set<string>();
      return answers.map((a, i) => {
        const group = instrument.items[i]?.alternativeGroup;
        if (group === undefined || a === null) return a;
        if (seen.has(group)) return null;
        seen.add(group);
        return a;
      });
    });
}

/** Anything at all in an array, of any length: the scorer's runtime contract is wider than its type. */
const anything: fc.Arbitrary<unknown[]> = fc.array(
  fc.oneof(
    fc.integer({ min: -3, max: 12 }),
    fc.double(),
    fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0),
    fc.string({ maxLength: 2 }),
  ),
  { maxLength: 25 },
);

const each = instruments.map((i) => [i.shortName, i] as const);

describe(scoreAdministration.name, () => {
  it.each(each)('%s: a scored total is a whole number within the range, in the band that holds it', (_, i) => {
    fc.assert(
      fc.property(validAnswers(i), (answers) => {
        const r = scoreAdministration(i, answers);
        if (!r.scorable) return r.total === null && r.reason !== undefined && r.errors.length === 0;
        const total = r.total ?? Number.NaN;
        return (
          Number.isInteger(total) &&
          total >= i.scoring.min &&
          total <= (r.maxTotal ?? -1) &&
          (r.maxTotal ?? Infinity) <= i.scoring.max &&
          r.band !== null &&
          r.band.min <= total &&
          total <= r.band.max
        );
      }),
    );
  });

  it.each(each)('%s: never throws, whatever the array; invalid input is never scored', (_, i) => {
    fc.assert(
      fc.property(anything, (answers) => {
        const r = scoreAdministration(i, answers as Answers);
        if (r.errors.length > 0) return !r.scorable && r.reasonCode === 'invalid-answers' && r.total === null;
        return r.scorable ? r.total !== null : r.reason !== undefined;
      }),
      { numRuns: 300 },
    );
  });

  it.each(each)('%s: answering more in the worse direction never lowers a complete total', (_, i) => {
    fc.assert(
      fc.property(validAnswers(i), fc.nat({ max: i.items.length - 1 }), (answers, k) => {
        const before = scoreAdministration(i, answers);
        const item = i.items[k];
        const a = answers[k];
        if (!before.scorable || item === undefined || a === null || a === undefined) return true;
        const heavier = item.options.find((o) => o.weight !== null && o.weight > (item.options[a]?.weight ?? Infinity));
        if (heavier === undefined) return true;
        const after = scoreAdministration(i, answers.with(k, heavier.position));
        return !after.scorable || (after.rawTotal ?? 0) >= (before.rawTotal ?? 0);
      }),
    );
  });

  it('raises the PHQ-9 item-9 flag whatever the other eight answers are', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant(null)), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (others, item9) => {
          const r = scoreAdministration(phq9, [...others, item9]);
          return r.flags.some((f) => f.item === 9 && f.code === 'self-harm-thoughts');
        },
      ),
    );
  });
});

describe('bands', () => {
  const bandSets = instruments.flatMap((i) => [
    [`${i.shortName} default`, i, i.bands] as const,
    ...Object.entries(i.alternativeBands ?? {}).map(([name, bands]) => [`${i.shortName} ${name}`, i, bands] as const),
  ]);

  it.each(bandSets)('%s: ascend and cover the whole range without gaps or overlaps', (_, i, bands) => {
    expect(bands[0]?.min).toBe(i.scoring.min);
    expect(bands.at(-1)?.max).toBe(i.scoring.max);
    bands.forEach((b, n) => {
      expect(b.min).toBeLessThanOrEqual(b.max);
      if (n > 0) expect(b.min).toBe((bands[n - 1]?.max ?? Number.NaN) + 1);
    });
  });

  it.each(bandSets)('%s: are monotone — a higher total never falls in a lower band', (_, i, bands) => {
    fc.assert(
      fc.property(
        fc.integer({ min: i.scoring.min, max: i.scoring.max }),
        fc.integer({ min: i.scoring.min, max: i.scoring.max }),
        (x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const a = bandFor(bands, lo);
          const b = bandFor(bands, hi);
          return a !== null && b !== null && bands.indexOf(a) <= bands.indexOf(b);
        },
      ),
    );
  });
});

describe(reverseWeight.name, () => {
  it('is an involution on any scale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: -20, max: 20 }),
        (min, span, w) => {
          return reverseWeight(reverseWeight(w, min, min + span), min, min + span) === w;
        },
      ),
    );
  });

  it('maps the EPDS reverse items onto the forward key and back', () => {
    const forward = epds.items[0]?.options.map((o) => o.weight) ?? [];
    for (const n of epdsReverseItems) {
      const weights = epds.items[n - 1]?.options.map((o) => o.weight) ?? [];
      expect(weights.map((w) => reverseWeight(w ?? Number.NaN, 0, 3))).toEqual(forward);
    }
  });
});
