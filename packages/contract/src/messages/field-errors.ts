/**
 * A rejected request's zod issues as `{ field, message }` in the catalogue's words. Words a schema gives itself are
 * kept; zod's defaults ("Invalid input: expected string, received undefined") are replaced, from the issue's code and
 * parameters. Pure: no zod configuration is changed, so every other parse in the process says what it said before.
 */
import { z } from 'zod';
import type { MessageKey } from './en.js';
import { formatMessage, orList } from './format.js';

type Issue = z.core.$ZodIssue;
type InvalidType = z.core.$ZodIssueInvalidType;
type Sized = z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** One entry per offending field; an unknown key is named as its own field. */
export function fieldErrorsOf(issues: readonly Issue[]): FieldError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const message = isZodDefault(issue) ? formatMessage('field.unknown') : issue.message;
      return issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message }));
    }
    return [{ field: fieldName(issue.path), message: messageOf(issue) }];
  });
}

/** The issue's words: the schema's own, or the catalogue's in place of zod's default. */
export function messageOf(issue: Issue): string {
  return isZodDefault(issue) ? catalogueWords(issue) : issue.message;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(body)';
}

/** zod's last resort, used when no map has words for an issue (a bare `.refine()`, a union none of whose options fit). */
const zodFallback = 'Invalid input';

/** A value of each kind a JSON request can carry: the "received …" that zod's default words for a wrong type name. */
const jsonInputs: readonly unknown[] = [null, '', 0, true, [], {}];

/** What zod's active locale says for `issue`: its default words, recomputed (for a wrong type, as if `input` was sent). */
function zodWords(issue: Issue, input?: unknown): string {
  const locale = z.config().localeError;
  const said = issue.code === 'invalid_type' ? locale?.({ ...issue, input }) : locale?.({ ...issue, input: undefined });
  return (typeof said === 'string' ? said : said?.message) ?? zodFallback;
}

/**
 * Whether the issue carries zod's default words rather than the schema's. Only a wrong type's words depend on the
 * input, which a finished issue no longer carries; those are recomputed for each kind of input JSON can hold.
 */
function isZodDefault(issue: Issue): boolean {
  if (issue.message === zodFallback) return true;
  if (issue.code === 'invalid_type')
    return nothingSent(issue) || jsonInputs.some((i) => issue.message === zodWords(issue, i));
  return issue.message === zodWords(issue);
}

/** A wrong type whose default words say nothing was there: the field was left out, or sent empty (null). */
function nothingSent(issue: InvalidType): boolean {
  return (
    issue.message === zodWords(issue, undefined) ||
    (issue.expected !== 'null' && issue.message === zodWords(issue, null))
  );
}

function catalogueWords(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0 && issue.expected === 'object') return formatMessage('body.object');
      if (nothingSent(issue) || issue.expected === 'nonoptional') return formatMessage('field.required');
      return formatMessage(kindOf(issue.expected)?.type ?? 'type.other');
    case 'too_small':
    case 'too_big':
      return sizeWords(issue);
    case 'invalid_format':
      return formatWords(issue);
    case 'not_multiple_of':
      return formatMessage('number.multipleOf', { divisor: String(issue.divisor) });
    case 'unrecognized_keys':
      return formatMessage('field.unknown');
    case 'invalid_value': {
      const [only, ...more] = issue.values.map(String);
      return more.length === 0 && only !== undefined
        ? formatMessage('value.exactly', { value: only })
        : formatMessage('value.oneOf', { options: [only, ...more].join(', ') });
    }
    case 'invalid_union':
      return unionWords(issue);
    case 'invalid_key':
      return formatMessage('entries.keys');
    case 'invalid_element':
      return formatMessage('entries.values');
    case 'custom':
      return formatMessage('field.check');
    default:
      return exhausted(issue);
  }
}

/** A code zod adds in a later version still gets words a clinician can read. */
function exhausted(_issue: never): string {
  return formatMessage('field.check');
}

const kinds: Readonly<Record<string, { readonly type: MessageKey; readonly kind: MessageKey }>> = {
  string: { type: 'type.string', kind: 'kind.string' },
  number: { type: 'type.number', kind: 'kind.number' },
  int: { type: 'type.int', kind: 'kind.int' },
  boolean: { type: 'type.boolean', kind: 'kind.boolean' },
  array: { type: 'type.array', kind: 'kind.array' },
  tuple: { type: 'type.array', kind: 'kind.array' },
  object: { type: 'type.object', kind: 'kind.object' },
  record: { type: 'type.object', kind: 'kind.object' },
  date: { type: 'type.date', kind: 'kind.date' },
};

function kindOf(expected: string) {
  return Object.hasOwn(kinds, expected) ? kinds[expected] : undefined;
}

/** Lengths are counts ("2,000 characters"); bounds on a value stay as written ("1900 or more"). */
function sizeWords(issue: Sized): string {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return formatMessage('text.exactly', { length: bound });
      if (small)
        return bound <= 1 ? formatMessage('field.required') : formatMessage('text.tooShort', { minimum: bound });
      return bound === 1 ? formatMessage('text.tooLong.one') : formatMessage('text.tooLong', { maximum: bound });
    case 'array':
    case 'set':
      if (issue.exact) return formatMessage('list.exactly', { length: bound });
      if (small)
        return bound === 1 ? formatMessage('list.tooShort.one') : formatMessage('list.tooShort', { minimum: bound });
      return bound === 1 ? formatMessage('list.tooLong.one') : formatMessage('list.tooLong', { maximum: bound });
    case 'number':
    case 'int':
    case 'bigint': {
      const value = String(bound);
      if (issue.exact) return formatMessage('number.exactly', { value });
      const inclusive = issue.inclusive !== false;
      if (small) return formatMessage(inclusive ? 'number.tooSmall' : 'number.above', { minimum: value });
      return formatMessage(inclusive ? 'number.tooBig' : 'number.below', { maximum: value });
    }
    default:
      return formatMessage(small ? 'size.tooSmall' : 'size.tooBig');
  }
}

const idFormats = new Set([
  'uuid',
  'uuidv4',
  'uuidv6',
  'uuidv7',
  'guid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'nanoid',
]);

function formatWords(issue: z.core.$ZodIssueInvalidStringFormat): string {
  // The affixes are on finer issue types than the ones zod's `$ZodIssue` union lists.
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (idFormats.has(issue.format)) return formatMessage('format.id');
  switch (issue.format) {
    case 'date':
      return formatMessage('format.date');
    case 'datetime':
      return formatMessage('format.datetime');
    case 'time':
      return formatMessage('format.time');
    case 'email':
      return formatMessage('format.email');
    case 'url':
      return formatMessage('format.url');
    case 'starts_with': {
      const prefix = 'prefix' in issue ? text(issue.prefix) : undefined;
      return prefix === undefined ? formatMessage('format.other') : formatMessage('format.startsWith', { prefix });
    }
    case 'ends_with': {
      const suffix = 'suffix' in issue ? text(issue.suffix) : undefined;
      return suffix === undefined ? formatMessage('format.other') : formatMessage('format.endsWith', { suffix });
    }
    case 'includes': {
      const includes = 'includes' in issue ? text(issue.includes) : undefined;
      return includes === undefined ? formatMessage('format.other') : formatMessage('format.includes', { includes });
    }
    default:
      return formatMessage('format.other');
  }
}

/**
 * No option of a union fits. zod already reports the issues of the one option whose kind the value has (a string
 * that is not a date); this is what is left: a value of a kind no option takes, or a discriminator none names.
 */
function unionWords(issue: z.core.$ZodIssueInvalidUnion): string {
  if (issue.inclusive === false) return formatMessage('union.ambiguous');
  if (issue.options !== undefined && issue.options.length > 0) {
    return formatMessage('value.oneOf', { options: issue.options.map(String).join(', ') });
  }
  const wrongKinds = issue.errors.map((option) =>
    option.length > 0 && option.every((i) => i.code === 'invalid_type' && i.path.length === 0)
      ? option.filter((i) => i.code === 'invalid_type')
      : undefined,
  );
  const typeIssues = wrongKinds.flatMap((option) => option ?? []);
  if (wrongKinds.some((option) => option === undefined) || typeIssues.length === 0) {
    return formatMessage('union.none');
  }
  // One value went to every option, so one default that says nothing was sent speaks for all of them.
  if (typeIssues.some(nothingSent)) return formatMessage('field.required');
  const own = typeIssues.find((i) => !isZodDefault(i));
  if (own) return own.message;
  const words = typeIssues.map((i) => kindOf(i.expected)?.kind);
  if (words.some((w) => w === undefined)) return formatMessage('union.none');
  const named = [...new Set(words.flatMap((w) => (w === undefined ? [] : [formatMessage(w)])))];
  return formatMessage('type.anyOf', { kinds: orList(named) });
}
