/**
 * Text a database cannot store, refused at the edge with the field named (issue 11; docs/decisions/0017-throttles.md).
 * PostgreSQL's `text` refuses U+0000 (and the server would answer 500); SQLite stores it, so the two databases would
 * disagree. A UTF-16 surrogate without its other half has no UTF-8 form: both drivers would store U+FFFD instead,
 * and the text would not read back as sent. JSON can carry both (`"\u0000"`, `"\ud800"`), so every request part is
 * checked, field names included, before its schema runs.
 */
import { z } from 'zod';
import { formatMessage } from './format.js';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

const NUL = '\u0000';
/** With the `u` flag a well-formed pair is one code point, so only an unpaired half matches. */
const loneSurrogate = /\p{Surrogate}/u;

/** Why `text` cannot be stored, in the catalogue's words, or undefined when it can. */
export function unstorableTextWords(text: string): string | undefined {
  if (text.includes(NUL)) return formatMessage('text.nul');
  if (loneSurrogate.test(text)) return formatMessage('text.unpaired');
  return undefined;
}

/** A field name fit to be said back: what cannot be stored becomes U+FFFD. */
const sayable = (key: string) => key.replaceAll(NUL, '\ufffd').replace(/\p{Surrogate}/gu, '\ufffd');

/** A JSON object (what JSON.parse makes of `{…}`). */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Where a value sits: its key and its parent's place, so a path is built only for what is refused. */
interface Place {
  readonly key: string | number;
  readonly parent: Place | null;
}

const pathOf = (place: Place | null): Path => {
  const path: Path = [];
  for (let p = place; p !== null; p = p.parent) path.push(p.key);
  return path.reverse();
};

/**
 * One issue per string value or field name in `value` (a parsed JSON body, or route parameters) that cannot be
 * stored, with its path. Linear in the size of the value, without recursion: a 64 KiB body can nest thousands of
 * levels deep.
 */
export function unstorableTextIssues(value: unknown): Issue[] {
  const issues: Issue[] = [];
  const refuse = (place: Place | null, message: string) =>
    issues.push({ code: 'custom', path: pathOf(place), message, input: undefined });
  const stack: { value: unknown; place: Place | null }[] = [{ value, place: null }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: v, place } = next;
    if (typeof v === 'string') {
      const message = unstorableTextWords(v);
      if (message !== undefined) refuse(place, message);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], place: { key: i, parent: place } });
    } else if (isRecord(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] ?? ['', undefined];
        const message = unstorableTextWords(key);
        if (message !== undefined) refuse({ key: sayable(key), parent: place }, message);
        else stack.push({ value: child, place: { key, parent: place } });
      }
    }
  }
  return issues;
}

/**
 * A request part parsed by its schema, after text that cannot be stored is refused. Both kinds of issue are given
 * together (a field refused for its characters is not also refused for its form), as a `ZodError` the error mapper
 * turns into a 400 naming the fields.
 */
export function parseRequestPart<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const unstorable = unstorableTextIssues(input);
  if (unstorable.length === 0) return schema.parse(input);
  const named = new Set(unstorable.map((i) => i.path.join('.')));
  const result = schema.safeParse(input);
  const others = result.success ? [] : result.error.issues.filter((i) => !named.has(i.path.join('.')));
  throw new z.ZodError([...unstorable, ...others]);
}
