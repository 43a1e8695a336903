import { describe, expect, it } from 'vitest';
import { inSessionOrder, sessionAxisPlace, sessionAxisPosition } from './session-axis.js';

/** Sessions 1–5 weekly from Monday 5 January 2026; session 4 was a fortnight after session 3. */
const sessions = [
  { number: 1, date: '2026-01-05' },
  { number: 2, date: '2026-01-12' },
  { number: 3, date: '2026-01-19' },
  { number: 4, date: '2026-02-02' },
  { number: 5, date: '2026-02-09' },
];
const at = (date: string, sessionNumber: number | null = null) =>
  sessionAxisPosition(sessions, { date, sessionNumber });

describe(sessionAxisPlace.name, () => {
  it('puts a score given in a session at its number, whatever its date', () => {
    expect(at('2026-03-01', 3)).toBe(3);
    expect(sessionAxisPlace(sessions, { date: '2026-03-01', sessionNumber: 3 })).toEqual({
      x: 3,
      previous: 3,
      next: null,
      inSession: true,
    });
  });

  it('puts one answered between sessions between them, in proportion to the days, within the middle half', () => {
    // Three days into a week's gap.
    expect(at('2026-01-08')).toBeCloseTo(1 + 3 / 7);
    // A week between 3 and 4 in a fortnight's gap: half way.
    expect(at('2026-01-26')).toBe(3.5);
    // The day after a session is kept a quarter of the way; the day before the next, three quarters.
    expect(at('2026-01-13')).toBe(2.25);
    expect(at('2026-02-01')).toBe(3.75);
    // On a session's own day: after it.
    expect(sessionAxisPlace(sessions, { date: '2026-01-12', sessionNumber: null })).toEqual({
      x: 2.25,
      previous: 2,
      next: 3,
      inSession: false,
    });
  });

  it('takes the missing neighbour as a week away before the first session and after the last', () => {
    expect(at('2026-01-01')).toBeCloseTo(1 - 4 / 7);
    expect(at('2025-12-01')).toBe(0.25);
    expect(at('2026-02-12')).toBeCloseTo(5 + 3 / 7);
    expect(sessionAxisPlace(sessions, { date: '2026-03-30', sessionNumber: null })).toEqual({
      x: 5.75,
      previous: 5,
      next: null,
      inSession: false,
    });
  });

  it('puts everything before session 1 when there is no session yet', () => {
    expect(sessionAxisPosition([], { date: '2026-01-01', sessionNumber: null })).toBe(0.5);
  });

  it('spans the gap between sessions whose numbers are apart (a session not recorded)', () => {
    const gappy = [
      { number: 1, date: '2026-01-05' },
      { number: 3, date: '2026-01-19' },
    ];
    expect(sessionAxisPosition(gappy, { date: '2026-01-12', sessionNumber: null })).toBe(2);
  });
});

describe(inSessionOrder.name, () => {
  it('orders by session, placing a score entered later at its session, and one between sessions between them', () => {
    const items = [
      { id: 'paper form for session 1, entered at session 4', sessionNumber: 1, date: '2026-02-02' },
      { id: 'session 3', sessionNumber: 3, date: '2026-01-19' },
      { id: 'link after session 2', sessionNumber: null, date: '2026-01-15' },
      { id: 'session 2', sessionNumber: 2, date: '2026-01-12' },
    ];
    expect(inSessionOrder(sessions, items).map((i) => i.id)).toEqual([
      'paper form for session 1, entered at session 4',
      'session 2',
      'link after session 2',
      'session 3',
    ]);
  });
});
