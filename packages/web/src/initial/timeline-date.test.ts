import { describe, expect, it } from 'vitest';
import { checkTimelineText, parseTimelineText, timelineDateInput } from './timeline-date.js';

describe(parseTimelineText.name, () => {
  it('reads a year, a month of a year, and a day, the ways people write them', () => {
    expect(parseTimelineText('2025')).toEqual({ year: 2025 });
    expect(parseTimelineText('March 2025')).toEqual({ year: 2025, month: 3 });
    expect(parseTimelineText('mar 2025')).toEqual({ year: 2025, month: 3 });
    expect(parseTimelineText('Sept 2024')).toEqual({ year: 2024, month: 9 });
    expect(parseTimelineText('3/2025')).toEqual({ year: 2025, month: 3 });
    expect(parseTimelineText('2025-03')).toEqual({ year: 2025, month: 3 });
    expect(parseTimelineText(' 2025-03-14 ')).toBe('2025-03-14');
    expect(parseTimelineText('14 March 2025')).toBe('2025-03-14');
    expect(parseTimelineText('14/03/2025')).toBe('2025-03-14');
  });

  it('refuses what it cannot read without guessing', () => {
    expect(parseTimelineText('')).toBeNull();
    expect(parseTimelineText('last spring')).toBeNull();
    expect(parseTimelineText('13/2025')).toBeNull();
    expect(parseTimelineText('2025-02-30')).toBeNull();
    expect(parseTimelineText('Smarch 2025')).toBeNull();
  });

  it('reads back what the edit field shows for a stored date', () => {
    for (const date of ['2025-03-14', { year: 2025 }, { year: 2025, month: 11 }] as const) {
      expect(parseTimelineText(timelineDateInput(date))).toEqual(date);
    }
  });
});

describe(checkTimelineText.name, () => {
  it("applies core's rule: a date wholly in the future or before birth is refused with its message", () => {
    expect(checkTimelineText('March 2025', '2026-05-01', 1988)).toEqual({ ok: true, date: { year: 2025, month: 3 } });
    expect(checkTimelineText('2027', '2026-05-01', 1988)).toMatchObject({ ok: false, reason: 'rule' });
    expect(checkTimelineText('1980', '2026-05-01', 1988)).toMatchObject({ ok: false, reason: 'rule' });
    expect(checkTimelineText('soon', '2026-05-01', 1988)).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkTimelineText(' ', '2026-05-01', null)).toEqual({ ok: false, reason: 'empty' });
  });
});
