import { enMessages, type MessageKey } from './en.js';

const catalogue: Record<MessageKey, string> = enMessages;
/** The locale of the catalogue: numbers are written as its readers write them ("2,000"). */
const locale = 'en-GB';
const numberFormat = new Intl.NumberFormat(locale);

export type MessageParams = Readonly<Record<string, string | number | bigint>>;

/**
 * The message for `key`, with `{name}` placeholders filled from `params`. Numbers are grouped ("2,000 characters");
 * pass a string for a number that must stay as written (a year: "1900").
 */
export function formatMessage(key: MessageKey, params: MessageParams = {}): string {
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : numberFormat.format(value);
  });
}

/** "a, b or c": alternatives as the catalogue's readers list them. */
export function orList(items: readonly string[]): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);
}
