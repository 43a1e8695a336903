/**
 * Dates on a patient's timeline. People remember "the spring of 2019" or "the year Mum died" more often than a day,
 * so the timeline takes a calendar date or an approximate one (DOMAIN §2.4 [Inference]: `LifeEvent{date|approxDate}`).
 * Pure: today is always an argument, and the arithmetic runs on UTC day numbers, never on a clock.
 */
import { RuleViolation } from '../errors.js';

/** An approximate date: a year, or a month of a year. */
export interface ApproxDate {
  readonly year: number;
  /** 1 = January … 12 = December. */
  readonly month?: number;
}

/** A calendar date "YYYY-MM-DD" or an approximate date. Stored as JSON as either a string or an object. */
export type TimelineDate = string | ApproxDate;

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / msPerDay;
}

function isoFromDayNumber(n: number): string {
  return new Date(n * msPerDay).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a value is a real "YYYY-MM-DD" calendar date (not 2025-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = isoPattern.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Whether a value is a well-formed approximate date (years 1000–9999, month 1–12 when given). */
export function isApproxDate(value: unknown): value is ApproxDate {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { year, month } = value as { year?: unknown; month?: unknown };
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) return false;
  if (month === undefined) return true;
  return typeof month === 'number' && Number.isInteger(month) && month >= 1 && month <= 12;
}

/** Reads anything as a timeline date, or null. Never throws: the hint engine reads untrusted records with it. */
export function parseTimelineDate(value: unknown): TimelineDate | null {
  if (isIsoDate(value)) return value;
  if (isApproxDate(value))
    return value.month === undefined ? { year: value.year } : { year: value.year, month: value.month };
  return null;
}

/** The first and last calendar day a timeline date may stand for. */
export function timelineDateRange(date: TimelineDate): { readonly first: string; readonly last: string } {
  if (typeof date === 'string') return { first: date, last: date };
  if (date.month === undefined) return { first: `${date.year}-01-01`, last: `${date.year}-12-31` };
  const mm = String(date.month).padStart(2, '0');
  return { first: `${date.year}-${mm}-01`, last: `${date.year}-${mm}-${daysInMonth(date.year, date.month)}` };
}

/**
 * The comparable midpoint of a timeline date as a UTC day number (days since 1970-01-01): the day itself for a
 * calendar date, the middle day of the month or the year for an approximate one. Comparing midpoints orders a
 * timeline that mixes precisions the way a reader expects ("2019" sorts around July 2019).
 */
export function midpointDay(date: TimelineDate): number {
  const { first, last } = timelineDateRange(date);
  const a = dayNumber(Number(first.slice(0, 4)), Number(first.slice(5, 7)), Number(first.slice(8, 10)));
  const b = dayNumber(Number(last.slice(0, 4)), Number(last.slice(5, 7)), Number(last.slice(8, 10)));
  return Math.floor((a + b) / 2);
}

/** The midpoint as "YYYY-MM-DD". */
export function midpointIso(date: TimelineDate): string {
  return isoFromDayNumber(midpointDay(date));
}

export function isApproximate(date: TimelineDate): boolean {
  return typeof date !== 'string';
}

/** Orders two timeline dates by midpoint; a more precise date sorts first when the midpoints tie. */
export function compareTimelineDates(a: TimelineDate, b: TimelineDate): number {
  const byMidpoint = midpointDay(a) - midpointDay(b);
  if (byMidpoint !== 0) return byMidpoint;
  const precision = (d: TimelineDate) => (typeof d === 'string' ? 0 : d.month === undefined ? 2 : 1);
  return precision(a) - precision(b);
}

/** Shifts a UTC day number by whole calendar months, keeping the day where the month allows (31 Jan + 1 → 28/29 Feb). */
export function shiftMonthsDay(day: number, months: number): number {
  const d = new Date(day * msPerDay);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayNumber(y, m, Math.min(d.getUTCDate(), daysInMonth(y, m)));
}

/** Shifts a "YYYY-MM-DD" date by whole months (see `shiftMonthsDay`). */
export function addMonths(iso: string, months: number): string {
  const day = dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
  return isoFromDayNumber(shiftMonthsDay(day, months));
}

/** Whole days from `from` to `to`, by midpoint (negative when `to` comes first). */
export function daysBetween(from: TimelineDate, to: TimelineDate): number {
  return midpointDay(to) - midpointDay(from);
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "March 2025" or "2025": a timeline date as a person would say it (a day is more precision than speech needs). */
export function formatTimelineDate(date: TimelineDate): string {
  if (typeof date === 'string') return `${monthNames[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  return date.month === undefined ? String(date.year) : `${monthNames[date.month - 1]} ${date.year}`;
}

function shortForm(date: TimelineDate): string {
  return typeof date === 'string'
    ? date
    : date.month === undefined
      ? String(date.year)
      : `${date.year}-${String(date.month).padStart(2, '0')}`;
}

export interface EventDateContext {
  /** Today, "YYYY-MM-DD" (core has no clock). */
  readonly today: string;
  /** The patient's year of birth, when known. */
  readonly yearOfBirth?: number | null;
  /** The field to name in the error; "date" unless told. */
  readonly field?: string;
}

/**
 * Refuses a malformed date, a date wholly in the future or wholly before the patient's birth (issue "initial phase",
 * Bad input). An approximate date is refused only when every day it could stand for is impossible: "2026" is
 * accepted on 10 March 2026, and "1971" is refused for someone born in 1972.
 */
export function assertEventDate(date: unknown, context: EventDateContext): asserts date is TimelineDate {
  const field = context.field ?? 'date';
  const parsed = parseTimelineDate(date);
  if (parsed === null) {
    throw new RuleViolation('A date is a calendar date (YYYY-MM-DD) or a year, with a month (1–12) if known.', field);
  }
  const { first, last } = timelineDateRange(parsed);
  if (first > context.today) {
    throw new RuleViolation(`The date ${shortForm(parsed)} is in the future (today is ${context.today}).`, field);
  }
  const born = context.yearOfBirth;
  if (typeof born === 'number' && Number.isInteger(born) && last < `${String(born).padStart(4, '0')}-01-01`) {
    throw new RuleViolation(`The date ${shortForm(parsed)} is before the patient was born (${born}).`, field);
  }
}
