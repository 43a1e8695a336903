import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CreateCourseRequest,
  CreatePatientRequest,
  CreatePhaseTransitionRequest,
  UpdatePatientRequest,
} from '../schemas/clinical.js';
import { IdParams } from '../schemas/common.js';
import { InventoryEntryFields, LifeEventFields } from '../schemas/initial.js';
import { InstrumentTextPack, ItemFlag, LinkSubmitted } from '../schemas/measures.js';
import { TerminationRequest } from '../schemas/middle.js';
import { type FieldError, fieldErrorsOf } from './field-errors.js';
import { formatMessage } from './format.js';

/** zod's own words, which must never reach a clinician. */
const zodWords =
  /Invalid (input|option|string|number|key|value|discriminator|ISO|UUID|email)|expected|received|Too (small|big)|Unrecognized/;

/** The field errors a request body gets, as the server answers them. */
function errorsOf(schema: z.ZodType, body: unknown): FieldError[] {
  const result = schema.safeParse(body);
  if (result.success) throw new Error('expected the body to be refused');
  const errors = fieldErrorsOf(result.error.issues);
  for (const e of errors) expect(e.message).not.toMatch(zodWords);
  return errors;
}

/** The words for one field. */
function wordsFor(schema: z.ZodType, body: unknown, field: string): string | undefined {
  return errorsOf(schema, body).find((e) => e.field === field)?.message;
}

const patient = { displayName: 'Joy', yearOfBirth: 1989 };
const textPack = {
  instrumentId: 'epds',
  instrumentVersion: '1',
  licence: 'Licensed to the clinic',
  items: [{ id: '1', text: 'I have been able to laugh', options: ['As much as I always could', 'Not quite so much'] }],
};
const lifeEvent = { date: '2025-11-03', category: 'dispute', description: 'Argument about childcare' };

describe(fieldErrorsOf.name, () => {
  describe('a missing or empty field (invalid_type with nothing sent, too_small of 1 character)', () => {
    it('says the field is required', () => {
      expect(errorsOf(CreatePatientRequest, { yearOfBirth: 1989 })).toEqual([
        { field: 'displayName', message: 'This field is required.' },
      ]);
      expect(wordsFor(CreatePatientRequest, { ...patient, displayName: null }, 'displayName')).toBe(
        'This field is required.',
      );
      expect(wordsFor(InstrumentTextPack, { ...textPack, instrumentVersion: '' }, 'instrumentVersion')).toBe(
        'This field is required.',
      );
    });

    it('asks for a JSON object when the whole body is missing', () => {
      expect(errorsOf(CreatePatientRequest, undefined)).toEqual([
        { field: '(body)', message: 'Send the details as a JSON object.' },
      ]);
    });
  });

  describe('a value of the wrong kind (invalid_type)', () => {
    it.each([
      ['text', CreatePatientRequest, { ...patient, displayName: 5 }, 'displayName', 'Enter text.'],
      ['a number', CreatePatientRequest, { ...patient, yearOfBirth: '1989' }, 'yearOfBirth', 'Enter a number.'],
      [
        'a whole number',
        CreateCourseRequest,
        { schoolPreset: 'stuart', schedule: { weekday: 1.5, time: '10:00' }, startDate: '2026-01-05' },
        'schedule.weekday',
        'Enter a whole number.',
      ],
      [
        'yes or no',
        CreatePhaseTransitionRequest,
        { to: 'middle', reason: 'Gate met', overrideGate: 'yes' },
        'overrideGate',
        'Answer yes or no.',
      ],
      ['a list', InstrumentTextPack, { ...textPack, items: 'one' }, 'items', 'Enter a list.'],
      [
        'a group of fields',
        CreateCourseRequest,
        { schoolPreset: 'stuart', schedule: 'Mondays', startDate: '2026-01-05' },
        'schedule',
        'Enter the details as a group of fields.',
      ],
    ])('asks for %s', (_kind, schema, body, field, words) => {
      expect(wordsFor(schema, body, field)).toBe(words);
    });
  });

  describe('a length or a number out of bounds (too_small, too_big)', () => {
    it('counts characters, with thousands grouped', () => {
      expect(wordsFor(CreatePatientRequest, { ...patient, pronouns: 'x'.repeat(41) }, 'pronouns')).toBe(
        'Use at most 40 characters.',
      );
      expect(wordsFor(CreatePhaseTransitionRequest, { to: 'middle', reason: 'x'.repeat(2001) }, 'reason')).toBe(
        'Use at most 2,000 characters.',
      );
    });

    it('counts the entries of a list', () => {
      expect(wordsFor(InstrumentTextPack, { ...textPack, items: [] }, 'items')).toBe('Add at least one entry.');
      const oneOption = { ...textPack, items: [{ id: '1', text: 'Item', options: ['Only'] }] };
      expect(wordsFor(InstrumentTextPack, oneOption, 'items.0.options')).toBe('Add at least 2 entries.');
      const supportReceived = ['emotional', 'practical', 'informational', 'companionship', 'emotional'];
      expect(
        wordsFor(
          InventoryEntryFields,
          { personName: 'Ben', relationship: 'partner', supportReceived },
          'supportReceived',
        ),
      ).toBe('Use at most 4 entries.');
    });

    it('gives the bounds of a number as written, a year without a thousands comma', () => {
      const early = { ...lifeEvent, date: { year: 1800, month: 13 } };
      expect(errorsOf(LifeEventFields, early)).toEqual([
        { field: 'date.year', message: 'Use 1900 or more.' },
        { field: 'date.month', message: 'Use 12 or less.' },
      ]);
      expect(wordsFor(LifeEventFields, { ...lifeEvent, perceivedImpact: -4 }, 'perceivedImpact')).toBe(
        'Use -3 or more.',
      );
    });

    it('keeps the words a schema gives its own bounds', () => {
      expect(wordsFor(CreatePatientRequest, { ...patient, displayName: 'x'.repeat(121) }, 'displayName')).toBe(
        'Use at most 120 characters.',
      );
      expect(wordsFor(CreatePhaseTransitionRequest, { to: 'middle', reason: '  ' }, 'reason')).toBe(
        'Say why the phase changes.',
      );
      expect(wordsFor(CreatePatientRequest, { ...patient, yearOfBirth: 1850 }, 'yearOfBirth')).toBe(
        'Must be 1900 or later.',
      );
    });
  });

  describe('a choice outside the list (invalid_value)', () => {
    it('names the choices', () => {
      expect(wordsFor(LifeEventFields, { ...lifeEvent, category: 'argument' }, 'category')).toBe(
        'Choose one of: death, dispute, transition, isolation, health, work, move, birth, other.',
      );
    });

    it('names the one value a literal takes', () => {
      expect(wordsFor(LinkSubmitted, { received: false, showCrisisSupport: false }, 'received')).toBe('Must be true.');
    });
  });

  describe('a field the request does not have (unrecognized_keys)', () => {
    it('names each unknown field as its own error', () => {
      expect(errorsOf(CreatePatientRequest, { ...patient, nhsNumber: '943 476 5919', contact: { fax: '1' } })).toEqual([
        { field: 'contact.fax', message: 'This field is not part of this form.' },
        { field: 'nhsNumber', message: 'This field is not part of this form.' },
      ]);
    });

    it('names a key a checklist does not have', () => {
      const body = { items: { 'no-such-task': { done: true, note: '' } } };
      expect(wordsFor(TerminationRequest, body, 'items.no-such-task')).toBe('This field is not part of this form.');
    });
  });

  describe('a value in the wrong format (invalid_format)', () => {
    it('keeps the words our shared schemas give dates and record ids', () => {
      expect(wordsFor(LifeEventFields, { ...lifeEvent, date: '2026-02-30' }, 'date')).toBe(
        'Must be a date as YYYY-MM-DD.',
      );
      expect(errorsOf(IdParams, { id: 'joy' })).toEqual([{ field: 'id', message: 'Must be a record id (UUID).' }]);
    });

    it.each([
      ['a date', z.iso.date(), '26/01/2026', 'Enter a date as YYYY-MM-DD.'],
      ['a date and time', z.iso.datetime(), '2026-01-26 9am', 'Enter a date and time such as 2026-01-26T09:00:00Z.'],
      ['a time', z.iso.time(), '9am', 'Enter a time as HH:MM.'],
      ['a record id', z.uuid(), 'joy', 'This is not a valid record id.'],
      ['an email address', z.email(), 'joy-at-example', 'Enter an email address, such as name@example.org.'],
      ['a web address', z.url(), 'example', 'Enter a web address, such as https://example.org.'],
      ['a prefix', z.string().startsWith('phq-'), 'gad-7', 'Start with “phq-”.'],
      ['a pattern', z.string().regex(/^\d{3}$/), '12', 'Check the format of this entry.'],
    ])('asks for %s where a schema has no words of its own', (_what, schema, value, words) => {
      expect(errorsOf(z.strictObject({ value: schema }), { value })).toEqual([{ field: 'value', message: words }]);
    });
  });

  describe('a value no option of a union takes (invalid_union)', () => {
    it("gives the words of the option whose kind the value has (a timeline date's own)", () => {
      expect(wordsFor(LifeEventFields, { ...lifeEvent, date: 2025 }, 'date')).toBe('Must be a date as YYYY-MM-DD.');
    });

    it('says a missing value is required', () => {
      const { date: _date, ...undated } = lifeEvent;
      expect(wordsFor(LifeEventFields, undated, 'date')).toBe('This field is required.');
    });

    it('names the kinds the options take', () => {
      expect(wordsFor(ItemFlag, { item: true, code: 'q9', label: 'Item 9' }, 'item')).toBe('Enter a number or text.');
    });

    it('names the choices of a discriminator', () => {
      const Dated = z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('exact'), date: z.iso.date() }),
        z.strictObject({ kind: z.literal('year'), year: z.number() }),
      ]);
      expect(errorsOf(Dated, { kind: 'month' })).toEqual([{ field: 'kind', message: 'Choose one of: exact, year.' }]);
    });
  });

  describe('a rule of the schema (custom)', () => {
    it('keeps the words a refinement gives', () => {
      expect(errorsOf(UpdatePatientRequest, {})).toEqual([
        { field: '(body)', message: 'Send at least one field to change.' },
      ]);
    });

    it('asks to check a value a refinement without words refuses', () => {
      const Even = z.strictObject({ sessions: z.number().refine((n) => n % 2 === 0) });
      expect(errorsOf(Even, { sessions: 3 })).toEqual([{ field: 'sessions', message: 'Check this entry.' }]);
    });
  });

  describe('the checks no request schema uses yet', () => {
    it.each([
      ['not_multiple_of', z.number().multipleOf(5), 12, 'Use a multiple of 5.'],
      ['too_small, exclusive', z.number().positive(), 0, 'Use a number above 0.'],
      ['too_big, exclusive', z.number().lt(10), 10, 'Use a number below 10.'],
      ['an exact length', z.string().length(4), '123', 'Use exactly 4 characters.'],
      ['a long text', z.string().max(20_000), 'x'.repeat(20_001), 'Use at most 20,000 characters.'],
    ])('%s', (_code, schema, value, words) => {
      expect(errorsOf(z.strictObject({ value: schema }), { value })).toEqual([{ field: 'value', message: words }]);
    });

    it('invalid_key: names the key a record does not accept', () => {
      const Scores = z.strictObject({ scores: z.record(z.string().regex(/^[a-z]+$/), z.number()) });
      expect(errorsOf(Scores, { scores: { Q9: 1 } })).toEqual([
        { field: 'scores.Q9', message: 'This name is not accepted here.' },
      ]);
    });

    it('invalid_element: asks to check the entries of a map keyed by objects', () => {
      const Scores = z.strictObject({ scores: z.map(z.strictObject({ item: z.string() }), z.number()) });
      expect(errorsOf(Scores, { scores: new Map([[{ item: 'q9' }, 'three']]) })).toEqual([
        { field: 'scores', message: 'Check the entries in this field.' },
      ]);
    });
  });
});

describe(formatMessage.name, () => {
  it('fills placeholders, grouping numbers and leaving strings as written', () => {
    expect(formatMessage('text.tooLong', { maximum: 20_000 })).toBe('Use at most 20,000 characters.');
    expect(formatMessage('number.tooSmall', { minimum: '1900' })).toBe('Use 1900 or more.');
    expect(formatMessage('value.oneOf')).toBe('Choose one of: {options}.');
  });
});
