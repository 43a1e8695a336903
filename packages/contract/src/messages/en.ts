/**
 * The English words for a request the server cannot accept, said to the clinician who filled in the form: what to
 * do, not what the validator expected. Placeholders are `{name}`; `formatMessage()` fills them. Another language is
 * another catalogue with the same keys (`satisfies Record<MessageKey, string>`).
 *
 * A schema that says its own words (`.min(1, 'Say why the phase changes.')`) keeps them: these are only for the
 * checks that have none.
 */
export const enMessages = {
  'field.required': 'This field is required.',
  'field.unknown': 'This field is not part of this form.',
  'field.check': 'Check this entry.',
  'body.object': 'Send the details as a JSON object.',
  'body.invalidJson': 'The body is not valid JSON.',

  'type.string': 'Enter text.',
  'type.number': 'Enter a number.',
  'type.int': 'Enter a whole number.',
  'type.boolean': 'Answer yes or no.',
  'type.array': 'Enter a list.',
  'type.object': 'Enter the details as a group of fields.',
  'type.date': 'Enter a date.',
  'type.other': 'This value is not of the right kind.',
  'type.anyOf': 'Enter {kinds}.',
  'kind.string': 'text',
  'kind.number': 'a number',
  'kind.int': 'a whole number',
  'kind.boolean': 'yes or no',
  'kind.array': 'a list',
  'kind.object': 'a group of fields',
  'kind.date': 'a date',

  'text.tooShort': 'Use at least {minimum} characters.',
  'text.tooLong': 'Use at most {maximum} characters.',
  'text.tooLong.one': 'Use at most 1 character.',
  'text.exactly': 'Use exactly {length} characters.',
  'text.nul':
    'Remove the invisible character U+0000 (NUL): it cannot be stored. It often comes with text pasted from another program.',
  'text.unpaired':
    'This text holds a broken character (half of an emoji or symbol) that cannot be stored. Delete it and type it again.',
  'list.tooShort': 'Add at least {minimum} entries.',
  'list.tooShort.one': 'Add at least one entry.',
  'list.tooLong': 'Use at most {maximum} entries.',
  'list.tooLong.one': 'Use at most one entry.',
  'list.exactly': 'Give exactly {length} entries.',
  'number.tooSmall': 'Use {minimum} or more.',
  'number.above': 'Use a number above {minimum}.',
  'number.tooBig': 'Use {maximum} or less.',
  'number.below': 'Use a number below {maximum}.',
  'number.exactly': 'Use {value}.',
  'number.multipleOf': 'Use a multiple of {divisor}.',
  'size.tooSmall': 'This is too small.',
  'size.tooBig': 'This is too large.',

  'format.date': 'Enter a date as YYYY-MM-DD.',
  'format.datetime': 'Enter a date and time such as 2026-01-26T09:00:00Z.',
  'format.time': 'Enter a time as HH:MM.',
  'format.id': 'This is not a valid record id.',
  'format.email': 'Enter an email address, such as name@example.org.',
  'format.url': 'Enter a web address, such as https://example.org.',
  'format.startsWith': 'Start with “{prefix}”.',
  'format.endsWith': 'End with “{suffix}”.',
  'format.includes': 'Include “{includes}”.',
  'format.other': 'Check the format of this entry.',

  'value.oneOf': 'Choose one of: {options}.',
  'value.exactly': 'Must be {value}.',
  'union.none': 'This entry is not in a form that can be accepted.',
  'union.ambiguous': 'This entry fits more than one form: make it more specific.',
  'entries.keys': 'This name is not accepted here.',
  'entries.values': 'Check the entries in this field.',
} as const;

export type MessageKey = keyof typeof enMessages;
