import { describe, expect, it } from 'vitest';
import {
  addMonths,
  assertEventDate,
  compareTimelineDates,
  formatTimelineDate,
  midpointIso,
  parseTimelineDate,
  timelineDateRange,
} from './approx-date.js';

describe(parseTimelineDate.name, () => {
  it('reads a calendar date, a year, or a month of a year, and nothing else', () => {
    expect(parseTimelineDate('2025-09-14')).toBe('2025-09-14');
    expect(parseTimelineDate({ year: 2025 })).toEqual({ year: 2025 });
    expect(parseTimelineDate({ year: 2025, month: 9, extra: 'dropped' })).toEqual({ year: 2025, month: 9 });
    for (const bad of ['2025-02-30', '2025-13-01', '14/09/2025', { year: 2025, month: 13 }, { year: 25 }, null, 7]) {
      expect(parseTimelineDate(bad)).toBeNull();
    }
  });
});

describe(midpointIso.name, () => {
  it('puts a year in its middle and a month in its middle, so mixed precisions sort as a reader expects', () => {
    expect(midpointIso({ year: 2019 })).toBe('2019-07-02');
    expect(midpointIso({ year: 2025, month: 2 })).toBe('2025-02-14');
    expect(midpointIso('2025-02-01')).toBe('2025-02-01');
    const sorted = [{ year: 2019 }, '2019-12-01', '2019-01-05', { year: 2019, month: 7 }].sort(compareTimelineDates);
    expect(sorted).toEqual(['2019-01-05', { year: 2019 }, { year: 2019, month: 7 }, '2019-12-01']);
  });

  it('knows the range an approximate date stands for', () => {
    expect(timelineDateRange({ year: 2024, month: 2 })).toEqual({ first: '2024-02-01', last: '2024-02-29' });
  });
});

describe(addMonths.name, () => {
  it('keeps the day where the month allows and clamps it where it does not', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-02-15', -3)).toBe('2024-11-15');
  });
});

describe(formatTimelineDate.name, () => {
  it('says a date as a person would, to the month', () => {
    expect(formatTimelineDate('2025-12-03')).toBe('December 2025');
    expect(formatTimelineDate({ year: 2025, month: 9 })).toBe('September 2025');
    expect(formatTimelineDate({ year: 1987 })).toBe('1987');
  });
});

describe(assertEventDate.name, () => {
  const context = { today: '2026-03-10', yearOfBirth: 1972 };

  it('refuses a date in the future, naming the field', () => {
    expect(() => assertEventDate('2026-03-11', context)).toThrow(
      expect.objectContaining({
        field: 'date',
        message: 'The date 2026-03-11 is in the future (today is 2026-03-10).',
      }),
    );
    expect(() => assertEventDate({ year: 2026, month: 4 }, { ...context, field: 'dateOfDeath' })).toThrow(
      expect.objectContaining({ field: 'dateOfDeath' }),
    );
  });

  it('accepts an approximate date that may still be in the past ("2026" on 10 March 2026)', () => {
    expect(() => assertEventDate({ year: 2026 }, context)).not.toThrow();
    expect(() => assertEventDate('2026-03-10', context)).not.toThrow();
  });

  it('refuses a date before the patient was born, and accepts their year of birth', () => {
    expect(() => assertEventDate({ year: 1971, month: 12 }, context)).toThrow(/before the patient was born \(1972\)/);
    expect(() => assertEventDate({ year: 1972 }, context)).not.toThrow();
    expect(() => assertEventDate('1950-01-01', { today: context.today })).not.toThrow();
  });

  it('refuses something that is not a date at all', () => {
    expect(() => assertEventDate('last spring', context)).toThrow(expect.objectContaining({ field: 'date' }));
  });
});
