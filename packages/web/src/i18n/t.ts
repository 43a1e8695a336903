/**
 * The one i18n layer: messages by key, and dates formatted for the reader. Components never hold raw UI strings.
 */
import { en, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';

const catalogue: Record<MessageKey, string> = en;
/** The reader's locale: dates, month names and numbers follow it. */
export const locale = 'en-GB';

export type MessageVars = Readonly<Record<string, string | number>>;

/** The message for `key`, with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars: MessageVars = {}): string {
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** Whether the catalogue has a message for `key` (for words built from a stored value that may be unknown). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

const dateFormat = new Intl.DateTimeFormat(locale, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date "YYYY-MM-DD" as the reader says it; read as UTC so no time zone moves it a day. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

const dayMonthFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A calendar date without its year ("18 Aug"), where the year is said nearby. */
export function formatDayMonth(isoDate: string): string {
  return dayMonthFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** An instant in the reader's own time zone. */
export function formatDateTime(isoInstant: string): string {
  return dateTimeFormat.format(new Date(isoInstant));
}
