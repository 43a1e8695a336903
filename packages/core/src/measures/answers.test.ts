import { describe, expect, it } from 'vitest';
import {
  acceptedLengths,
  AnswersShapeError,
  assertValidAnswers,
  InvalidAnswers,
  parseAnswers,
  validateAnswers,
} from './answers.js';
import { epds } from './epds.js';
import { hamd17 } from './ham-d-17.js';
import { phq9 } from './phq-9.js';

const zeros = (n: number) => Array.from({ length: n }, () => 0);

describe(acceptedLengths.name, () => {
  it('lets the unscored PHQ-9 difficulty item be left off the end', () => {
    expect(acceptedLengths(phq9)).toEqual([9, 10]);
    expect(acceptedLengths(epds)).toEqual([10]);
    expect(acceptedLengths(hamd17)).toEqual([18]);
  });
});

describe(validateAnswers.name, () => {
  it('accepts complete and partly missing answers alike: missing is the scorer’s call', () => {
    expect(validateAnswers(phq9, zeros(9))).toEqual([]);
    expect(validateAnswers(phq9, [null, 0, 0, 0, 0, 0, 0, 0, null, 2])).toEqual([]);
  });

  it('names the wrong length and stops there, since items cannot be aligned', () => {
    expect(validateAnswers(phq9, zeros(8))).toEqual([
      {
        code: 'wrong-length',
        field: 'answers',
        message: 'PHQ-9 has 10 items: expected 9 or 10 answers, got 8.',
      },
    ]);
  });

  it('names each bad answer by its item: out of range, not whole, not a number', () => {
    const errors = validateAnswers(epds, [0, 4, 1.5, Number.NaN, -1, 0, 0, 0, 0, 'x']);
    expect(errors.map((e) => [e.code, e.field, e.items])).toEqual([
      ['out-of-range', 'answers.1', [2]],
      ['not-an-integer', 'answers.2', [3]],
      ['not-a-number', 'answers.3', [4]],
      ['out-of-range', 'answers.4', [5]],
      ['not-a-number', 'answers.9', [10]],
    ]);
    expect(errors[0]?.message).toBe('Item 2: position 4 is out of range; its options are at positions 0–3.');
    expect(errors[4]?.message).toBe('Item 10: "x" is not a number.');
  });

  it('refuses HAM-D items 16A and 16B answered together', () => {
    const answers = [...zeros(15), 0, 1, 0];
    expect(validateAnswers(hamd17, answers)).toEqual([
      {
        code: 'both-alternatives',
        field: 'answers',
        message: 'Items 16A and 16B are alternatives: answer exactly one of them.',
        items: ['16A', '16B'],
      },
    ]);
  });

  it('says so when the answers are not an array at all', () => {
    expect(validateAnswers(phq9, 'nine zeros')[0]?.code).toBe('not-an-array');
  });
});

describe(parseAnswers.name, () => {
  it('types an array of numbers and nulls, reading holes as missing', () => {
    expect(parseAnswers([0, null, 3, undefined])).toEqual([0, null, 3, null]);
  });

  it('throws the typed shape error for anything else', () => {
    expect(() => parseAnswers({ 0: 1 })).toThrow(AnswersShapeError);
    expect(() => parseAnswers([0, '1'])).toThrow('Answer 2 must be a number or null, not "1".');
  });
});

describe(assertValidAnswers.name, () => {
  it('throws InvalidAnswers carrying every error', () => {
    try {
      assertValidAnswers(phq9, [9, ...zeros(7), 9]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidAnswers);
      expect((err as InvalidAnswers).errors).toHaveLength(2);
    }
  });
});
