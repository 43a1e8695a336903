import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreatePatientRequest } from '../schemas/clinical.js';
import { fieldErrorsOf } from './field-errors.js';
import { parseRequestPart, unstorableTextIssues } from './storable-text.js';

const fields = (value: unknown) => fieldErrorsOf(unstorableTextIssues(value)).map((e) => e.field);

describe(unstorableTextIssues.name, () => {
  it('names every string holding U+0000 or half a surrogate pair, at any depth, and nothing else', () => {
    expect(
      fields({ a: 'fine', b: ['ok', 'n\u0000o'], c: { d: 'half \ud83d' }, e: 'whole \ud83d\ude00', f: 3 }),
    ).toEqual(['b.1', 'c.d']);
    expect(fields('\u0000')).toEqual(['(body)']);
    expect(fields({ 'x\u0000y': 1 })).toEqual(['x\ufffdy']);
  });

  it('says what to do in plain words', () => {
    const [nul, half] = fieldErrorsOf(unstorableTextIssues(['\u0000', '\udc00']));
    expect(nul?.message).toMatch(/^Remove the invisible character U\+0000/);
    expect(half?.message).toMatch(/broken character/);
  });

  it('walks a body nested thousands of levels deep without running out of stack', () => {
    const deep: unknown = JSON.parse(`${'['.repeat(30_000)}"\\u0000"${']'.repeat(30_000)}`);
    expect(unstorableTextIssues(deep)).toHaveLength(1);
  });
});

describe(parseRequestPart.name, () => {
  it('parses what can be stored with the schema', () => {
    expect(parseRequestPart(CreatePatientRequest, { displayName: ' Ada ', yearOfBirth: 1980 })).toMatchObject({
      displayName: 'Ada',
    });
  });

  it('refuses unstorable text together with the other fields the schema refuses, one entry per field', () => {
    try {
      parseRequestPart(CreatePatientRequest, { displayName: 'A\u0000', yearOfBirth: 1800 });
      expect.unreachable();
    } catch (err) {
      if (!(err instanceof z.ZodError)) throw err;
      expect(fieldErrorsOf(err.issues).map((e) => e.field)).toEqual(['displayName', 'yearOfBirth']);
    }
  });
});
