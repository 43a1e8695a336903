import type { Problem } from '@ipt/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, problemOf, type SignedIn, startTestServer, type TestServer } from '../../test/harness.js';
import { buildWorld, PASSWORD } from '../../test/world.js';

const targets = await dbTargets();

/** The validator's own words, which a clinician must never be shown. */
const validatorWords = /Invalid (input|option|string)|expected|received|Too (small|big)|Unrecognized/;

describe.each(targets)('error messages a clinician can read, on $name', (target) => {
  let server: TestServer;
  let clinician: SignedIn;
  let courseId: string;

  beforeAll(async () => {
    server = await startTestServer(target);
    const world = await buildWorld(server);
    clinician = await server.as(world.users.clinician.email, PASSWORD);
    const patient = await clinician.api.createPatient({ body: { displayName: 'Joy (words)', yearOfBirth: 1989 } });
    const { course } = await clinician.api.createCourse({
      params: { patientId: patient.id },
      body: { schoolPreset: 'weissman-markowitz', schedule: { weekday: 1, time: '10:00' }, startDate: '2026-01-05' },
    });
    courseId = course.id;
  });
  afterAll(() => server?.drop());

  /** Posts a body the typed client would not send; answers the status and the problem. */
  const post = async (path: string, body: unknown) => {
    const res = await clinician.raw('POST', path, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(JSON.stringify(problem)).not.toMatch(validatorWords);
    return { status: res.status, problem };
  };

  it.each([
    ['a missing field', { yearOfBirth: 1990 }, [{ field: 'displayName', message: 'This field is required.' }]],
    [
      'an empty field',
      { displayName: null, yearOfBirth: 1990 },
      [{ field: 'displayName', message: 'This field is required.' }],
    ],
    [
      'over-long fields',
      { displayName: 'A'.repeat(121), yearOfBirth: 1990, pronouns: 'x'.repeat(41) },
      [
        { field: 'displayName', message: 'Use at most 120 characters.' },
        { field: 'pronouns', message: 'Use at most 40 characters.' },
      ],
    ],
    [
      'an unknown field',
      { displayName: 'A', yearOfBirth: 1990, shoeSize: 9 },
      [{ field: 'shoeSize', message: 'This field is not part of this form.' }],
    ],
    ['a wrong type', { displayName: 'A', yearOfBirth: '1990' }, [{ field: 'yearOfBirth', message: 'Enter a number.' }]],
  ])('answers a new patient with %s in our words, naming the field', async (_, body, errors) => {
    const { status, problem } = await post('/api/patients', body);
    expect(status).toBe(400);
    expect(problem.errors).toEqual(errors);
    expect(problem.detail).toBe(errors.map((e) => `${e.field}: ${e.message}`).join(' '));
  });

  it('answers a life event with a bad date, an unknown category and an over-long description, field by field', async () => {
    const { status, problem } = await post(`/api/courses/${courseId}/life-events`, {
      date: '2026-02-30',
      category: 'argument',
      description: 'x'.repeat(1001),
    });
    expect(status).toBe(400);
    expect(problem.errors).toEqual([
      { field: 'date', message: 'Must be a date as YYYY-MM-DD.' },
      {
        field: 'category',
        message: 'Choose one of: death, dispute, transition, isolation, health, work, move, birth, other.',
      },
      { field: 'description', message: 'Use at most 1,000 characters.' },
    ]);
  });

  it('answers a life event without its date, and one with a year before 1900', async () => {
    const undated = await post(`/api/courses/${courseId}/life-events`, { category: 'dispute', description: 'Row' });
    expect(undated).toMatchObject({
      status: 400,
      problem: { errors: [{ field: 'date', message: 'This field is required.' }] },
    });
    const early = await post(`/api/courses/${courseId}/life-events`, {
      date: { year: 1850 },
      category: 'dispute',
      description: 'Row',
    });
    expect(early).toMatchObject({
      status: 400,
      problem: { errors: [{ field: 'date.year', message: 'Use 1900 or more.' }] },
    });
  });

  it('answers a malformed record id in the path with the schema’s own words', async () => {
    const res = await clinician.raw('GET', '/api/patients/not-an-id');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: [{ field: 'patientId', message: 'Must be a record id (UUID).' }],
    });
  });

  it('answers a person already in the inventory with 409, naming personName', async () => {
    // First, Laura joins the inventory. Then the clinician adds her again, by another spelling of her name.
    const laura = await clinician.api.createInventoryEntry({
      params: { courseId },
      body: { personName: 'Laura', relationship: 'sibling' },
    });
    const dup = await problemOf(
      clinician.api.createInventoryEntry({
        params: { courseId },
        body: { personName: ' laura ', relationship: 'other' },
      }),
    );
    expect(dup).toMatchObject({ status: 409, errors: [{ field: 'personName' }] });
    expect(dup.errors?.[0]?.message).toBe(dup.detail);
    expect(dup.errors?.[0]?.message).toContain(laura.id);
  });
});
