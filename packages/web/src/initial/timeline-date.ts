/**
 * Typing a timeline date the way a patient remembers it: "2025", "March 2025", "Mar 2025", "3/2025", "2025-03", or
 * a day ("2025-03-14", "14 March 2025", "14/03/2025", day first as in en-GB). The result is core's `TimelineDate`;
 * whether such a date is allowed (not in the future, not before birth) is core's rule, `assertEventDate`.
 */
import {
  assertEventDate,
  assertLifeEventDate,
  formatTimelineDate,
  isIsoDate,
  RuleViolation,
  type TimelineDate,
} from '@ipt/core';
import { formatDate, locale } from '../i18n/t.js';

const monthNames = (style: 'long' | 'short') => {
  const f = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) =>
    f
      .format(new Date(Date.UTC(2000, i, 15)))
      .toLowerCase()
      .replace('.', ''),
  );
};
const longMonths = monthNames('long');
const shortMonths = monthNames('short');

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace('.', '');
  const long = longMonths.indexOf(w);
  if (long >= 0) return long + 1;
  const short = shortMonths.indexOf(w);
  if (short >= 0) return short + 1;
  // "Sept" and other abbreviations longer than the locale's short form.
  const prefix = w.length >= 3 ? longMonths.findIndex((m) => m.startsWith(w)) : -1;
  return prefix >= 0 ? prefix + 1 : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const validMonth = (m: number) => Number.isInteger(m) && m >= 1 && m <= 12;

/** Reads typed text as a timeline date, or null when it cannot be read (never guesses between readings). */
export function parseTimelineText(text: string): TimelineDate | null {
  const s = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) return { year: Number(m[1]) };
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s)) && validMonth(Number(m[2])))
    return { year: Number(m[1]), month: Number(m[2]) };
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return isIsoDate(date) ? date : null;
  }
  if ((m = /^(\d{1,2})[/.](\d{4})$/.exec(s)) && validMonth(Number(m[1])))
    return { year: Number(m[2]), month: Number(m[1]) };
  if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s))) {
    const date = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    return isIsoDate(date) ? date : null;
  }
  if ((m = /^(\p{L}+\.?) (\d{4})$/u.exec(s))) {
    const month = monthOf(m[1] ?? '');
    return month === null ? null : { year: Number(m[2]), month };
  }
  if ((m = /^(\d{1,2}) (\p{L}+\.?) (\d{4})$/u.exec(s))) {
    const month = monthOf(m[2] ?? '');
    if (month === null) return null;
    const date = iso(Number(m[3]), month, Number(m[1]));
    return isIsoDate(date) ? date : null;
  }
  return null;
}

/** The text an edit field starts with for a stored date: it reads back as the same date. */
export function timelineDateInput(date: TimelineDate | null | undefined): string {
  if (date === null || date === undefined) return '';
  return typeof date === 'string' ? date : formatTimelineDate(date);
}

/** A timeline date as the reader says it: a day in full, or "March 2025", or "2025". */
export function timelineDateText(date: TimelineDate): string {
  return typeof date === 'string' ? formatDate(date) : formatTimelineDate(date);
}

export type TimelineDateCheck =
  | { readonly ok: true; readonly date: TimelineDate }
  | {
      readonly ok: false;
      readonly reason: 'empty' | 'unreadable' | 'rule';
      readonly message?: string;
      /** The field core's rule names ("date", or "planned" for a planned event whose date has passed). */
      readonly field?: string;
    };

/**
 * Reads and checks a typed date: readable, and allowed by core's rule (not in the future, not before the patient's
 * birth). A life event says whether it is planned: then core's event rule applies (a planned event is dated after
 * today, one that happened is not). The rule's own message is kept so the form says exactly what the server would.
 */
export function checkTimelineText(
  text: string,
  today: string,
  yearOfBirth: number | null,
  event?: { readonly planned: boolean },
): TimelineDateCheck {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const date = parseTimelineText(text);
  if (date === null) return { ok: false, reason: 'unreadable' };
  try {
    if (event) assertLifeEventDate(date, event.planned, { today, yearOfBirth });
    else assertEventDate(date, { today, yearOfBirth });
  } catch (error) {
    const field = error instanceof RuleViolation ? error.field : undefined;
    return {
      ok: false,
      reason: 'rule',
      message: error instanceof Error ? error.message : String(error),
      ...(field ? { field } : {}),
    };
  }
  return { ok: true, date };
}
