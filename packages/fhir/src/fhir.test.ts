import { describe, expect, it } from 'vitest';
import { toEncounter } from './encounter.js';
import { toPatient } from './patient.js';

describe(toEncounter.name, () => {
  const refs = { patient: 'Patient/p1', episodeOfCare: 'EpisodeOfCare/c1' };

  it('maps an attended session to a finished ambulatory encounter with its length in UCUM minutes', () => {
    const e = toEncounter({ id: 's1', number: 3, date: '2026-01-19', attendance: 'attended', lengthMinutes: 50 }, refs);
    expect(e).toMatchObject({
      resourceType: 'Encounter',
      status: 'finished',
      class: { code: 'AMB' },
      subject: { reference: 'Patient/p1' },
      period: { start: '2026-01-19' },
      length: { value: 50, code: 'min' },
    });
  });

  it('marks cancelled and missed sessions as cancelled, without a length', () => {
    for (const attendance of ['cancelled', 'no-show'] as const) {
      const e = toEncounter({ id: 's', number: 4, date: '2026-01-26', attendance, lengthMinutes: null }, refs);
      expect(e.status).toBe('cancelled');
      expect(e).not.toHaveProperty('length');
    }
  });
});

describe(toPatient.name, () => {
  it('keeps only the year of birth, as R4 allows', () => {
    expect(toPatient({ id: 'p1', displayName: 'Ethyl (demo)', yearOfBirth: 1973 })).toEqual({
      resourceType: 'Patient',
      id: 'p1',
      name: [{ text: 'Ethyl (demo)' }],
      birthDate: '1973',
    });
  });
});
