/**
 * Answers to an instrument: one entry per item in order, each the POSITION of the chosen option (0 for the first
 * option as the instrument prints it), or null for a missing answer. Weights come from the options, never from the
 * caller, so reverse-scored and multiplied instruments cannot be mis-keyed at the edge.
 */
import { RuleViolation } from '../errors.js';
import type { Instrument, Item } from './instrument.js';

export type Answer = number | null;
export type Answers = readonly Answer[];

export const AnswerErrorCode = {
  notAnArray: 'not-an-array',
  wrongLength: 'wrong-length',
  notANumber: 'not-a-number',
  notAnInteger: 'not-an-integer',
  outOfRange: 'out-of-range',
  bothAlternatives: 'both-alternatives',
} as const;
export type AnswerErrorCode = (typeof AnswerErrorCode)[keyof typeof AnswerErrorCode];

export interface AnswerError {
  readonly code: AnswerErrorCode;
  readonly message: string;
  /** Where the error is, as a path: `answers` or `answers.3` (0-based), for the server's problem details. */
  readonly field: string;
  /** 0-based index into the answers, where the error belongs to one answer. */
  readonly index?: number;
  /** The item number(s) concerned. */
  readonly items?: readonly (number | string)[];
}

/** The answers are not an array of numbers and nulls at all (e.g. a string in a JSON row). */
export class AnswersShapeError extends RuleViolation {}

/** The answers have the right shape but break the instrument's rules; `errors` says exactly how. */
export class InvalidAnswers extends RuleViolation {
  constructor(readonly errors: readonly AnswerError[]) {
    super(errors.map((e) => e.message).join(' '), 'answers');
  }
}

/**
 * How many answers an instrument accepts: one per item, or without trailing unscored items (a PHQ-9 given as nine
 * answers, without the difficulty item).
 */
export function acceptedLengths(instrument: Instrument): number[] {
  const lengths = [instrument.items.length];
  let n = instrument.items.length;
  while (n > 0 && instrument.items[n - 1]?.scored === false) lengths.push(--n);
  return lengths.reverse();
}

/** Check an untyped value is an array of numbers and nulls, and return it typed; AnswersShapeError otherwise. */
export function parseAnswers(value: unknown): Answer[] {
  if (!Array.isArray(value)) throw new AnswersShapeError('Answers must be an array of option positions.', 'answers');
  return Array.from(value, (a: unknown, i) => {
    if (a === null || a === undefined) return null;
    if (typeof a !== 'number') {
      throw new AnswersShapeError(`Answer ${i + 1} must be a number or null, not ${describe(a)}.`, 'answers');
    }
    return a;
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function positionError(item: Item, index: number, value: unknown): AnswerError | null {
  if (value === null || value === undefined) return null;
  const at = { index, field: `answers.${index}`, items: [item.number] };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { code: 'not-a-number', message: `Item ${item.number}: ${describe(value)} is not a number.`, ...at };
  }
  if (!Number.isInteger(value)) {
    return {
      code: 'not-an-integer',
      message: `Item ${item.number}: ${value} is not a whole number; answers are option positions (0 for the first option).`,
      ...at,
    };
  }
  if (value < 0 || value >= item.options.length) {
    return {
      code: 'out-of-range',
      message: `Item ${item.number}: position ${value} is out of range; its options are at positions 0–${item.options.length - 1}.`,
      ...at,
    };
  }
  return null;
}

/**
 * Every way the answers break the instrument's rules, precisely; an empty list when they are valid. Never throws.
 * Missing answers are not errors here: whether they can be scored is the scorer's call (see score.ts).
 */
export function validateAnswers(instrument: Instrument, answers: unknown): AnswerError[] {
  if (!Array.isArray(answers)) {
    return [{ code: 'not-an-array', message: 'Answers must be an array of option positions.', field: 'answers' }];
  }
  const lengths = acceptedLengths(instrument);
  if (!lengths.includes(answers.length)) {
    const expected = lengths.join(' or ');
    return [
      {
        code: 'wrong-length',
        field: 'answers',
        message: `${instrument.shortName} has ${instrument.items.length} items: expected ${expected} answers, got ${answers.length}.`,
      },
    ];
  }
  const errors: AnswerError[] = [];
  instrument.items.forEach((item, i) => {
    const error = positionError(item, i, answers[i] as unknown);
    if (error) errors.push(error);
  });
  const groups = new Map<string, Item[]>();
  instrument.items.forEach((item, i) => {
    if (item.alternativeGroup === undefined || answers[i] === null || answers[i] === undefined) return;
    groups.set(item.alternativeGroup, [...(groups.get(item.alternativeGroup) ?? []), item]);
  });
  for (const answered of groups.values()) {
    if (answered.length > 1) {
      const names = answered.map((it) => it.number);
      errors.push({
        code: 'both-alternatives',
        message: `Items ${names.join(' and ')} are alternatives: answer exactly one of them.`,
        field: 'answers',
        items: names,
      });
    }
  }
  return errors;
}

/** Throw InvalidAnswers unless the answers are valid for the instrument. */
export function assertValidAnswers(instrument: Instrument, answers: unknown): asserts answers is Answers {
  const errors = validateAnswers(instrument, answers);
  if (errors.length > 0) throw new InvalidAnswers(errors);
}
