/** Small data checks shared by the middle- and final-phase rules. Each throws a RuleViolation naming its field. */
import { RuleViolation } from '../errors.js';

export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

export function assertNotBlank(value: string, field: string, message: string): void {
  if (isBlank(value)) throw new RuleViolation(message, field);
}

export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RuleViolation(`"${String(value)}" is not one of ${allowed.join(', ')}.`, field);
  }
}

export function assertEachOneOf<T extends string>(
  values: readonly unknown[],
  allowed: readonly T[],
  field: string,
): void {
  for (const v of values) assertOneOf(v, allowed, field);
  assertUnique(values, field);
}

export function assertUnique(values: readonly unknown[], field: string): void {
  const seen = new Set<unknown>();
  for (const v of values) {
    if (seen.has(v)) throw new RuleViolation(`"${String(v)}" is listed twice.`, field);
    seen.add(v);
  }
}

/** Item ids inside a record (turns, alternatives, options, rounds) are non-blank and unique. */
export function assertItemIds(items: readonly { readonly id: string }[], field: string): void {
  for (const item of items) {
    if (isBlank(item.id)) throw new RuleViolation('Every item needs an id.', field);
  }
  assertUnique(
    items.map((i) => i.id),
    field,
  );
}

/** A 0–10 rating (mood, confidence): a whole number, or null when not rated. */
export function assertScore0to10(value: number | null, field: string): void {
  if (value !== null && (!Number.isInteger(value) || value < 0 || value > 10)) {
    throw new RuleViolation('Use a whole number from 0 to 10.', field);
  }
}

export function assertKnownId(id: string, known: readonly string[], field: string, what: string): void {
  if (!known.includes(id)) throw new RuleViolation(`That ${what} is not part of this course.`, field);
}
