import { describe, expect, it } from 'vitest';
import { layoutTimeline, numberEvents, timelineSize } from './timeline-layout.js';

const month = (m: number) =>
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? '';
const event = (id: string, date: string | { year: number; month?: number }) => ({
  id,
  date,
  category: 'other' as const,
  description: id,
});

describe(layoutTimeline.name, () => {
  const episodes = [
    { id: 'e1', kind: 'current' as const, type: 'depressive' as const, start: { year: 2025, month: 11 } },
  ];

  it('orders and numbers events by date, and keeps them inside the drawing', () => {
    const layout = layoutTimeline({
      episodes,
      events: [event('quit', { year: 2025, month: 10 }), event('heart', '2025-08-20'), event('older', { year: 2023 })],
      proximal: (id) => id === 'quit',
      today: '2026-03-01',
      monthLabel: month,
    });
    expect(layout.events.map((e) => [e.id, e.n])).toEqual([
      ['older', 1],
      ['heart', 2],
      ['quit', 3],
    ]);
    for (const e of layout.events) {
      expect(e.x).toBeGreaterThan(0);
      expect(e.x).toBeLessThan(timelineSize.width);
    }
    expect(layout.events.find((e) => e.id === 'quit')?.proximal).toBe(true);
    // "2023" is drawn as the year it stands for; a day is a point.
    const older = layout.events.find((e) => e.id === 'older');
    expect((older?.x2 ?? 0) - (older?.x1 ?? 0)).toBeGreaterThan(50);
    const heart = layout.events.find((e) => e.id === 'heart');
    expect(heart?.x1).toBe(heart?.x2);
    // The onset sits inside the ±3-month window, and the ongoing episode reaches today.
    expect(layout.onsetX).toBeGreaterThan(layout.window?.x1 ?? Infinity);
    expect(layout.onsetX).toBeLessThan(layout.window?.x2 ?? -Infinity);
    expect(layout.episodes[0]?.ongoing).toBe(true);
    expect(layout.episodes[0]?.x2).toBeCloseTo(layout.todayX);
    expect(layout.ticks.some((t) => t.label === '2025' && t.major)).toBe(true);
  });

  it('puts markers that would overlap in separate lanes', () => {
    const layout = layoutTimeline({
      episodes,
      events: [event('a', '2025-10-01'), event('b', '2025-10-02'), event('c', '2025-10-03')],
      proximal: () => true,
      today: '2026-01-01',
      monthLabel: month,
    });
    expect(new Set(layout.events.map((e) => e.y)).size).toBe(3);
  });

  it('draws an empty timeline up to today', () => {
    const layout = layoutTimeline({
      episodes: [],
      events: [],
      proximal: () => false,
      today: '2026-01-01',
      monthLabel: month,
    });
    expect(layout.onsetX).toBeNull();
    expect(layout.events).toEqual([]);
    expect(layout.todayX).toBeGreaterThan(0);
  });

  it('draws a planned event after today, marked planned, and keeps room for its label', () => {
    const layout = layoutTimeline({
      episodes,
      events: [
        event('birth', '2025-12-01'),
        { ...event('back to work', { year: 2026, month: 4 }), planned: true },
        { ...event('move', '2026-04-20'), planned: true },
      ],
      proximal: (id) => id === 'birth',
      today: '2026-03-01',
      monthLabel: month,
    });
    const [birth, work, move] = layout.events;
    expect(birth?.planned).toBe(false);
    expect(work?.planned).toBe(true);
    expect(work?.x).toBeGreaterThan(layout.todayX);
    expect(work?.x).toBeLessThan(timelineSize.width);
    // Two planned marks a few days apart do not share a lane: their labels would overlap.
    expect(move?.y).not.toBe(work?.y);
  });

  it('numbers events the same way the table does', () => {
    expect(numberEvents([event('b', { year: 2025, month: 9 }), event('a', { year: 2025 })]).map((e) => e.id)).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('timeline axis', () => {
  it('names the year on the first label even when no new year falls on the axis', () => {
    const layout = layoutTimeline({
      episodes: [{ id: 'e', kind: 'current', type: 'depressive', start: { year: 2026, month: 6 } }],
      events: [],
      proximal: () => false,
      today: '2026-11-20',
      monthLabel: month,
    });
    expect(layout.ticks.find((t) => t.label !== '')?.label).toMatch(/^[A-Z][a-z]{2} 2026$/);
  });
});
