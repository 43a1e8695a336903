import { describe, expect, it } from 'vitest';
import {
  assertRings,
  type CircleSnapshot,
  circleMarks,
  compareSnapshots,
  moveToRing,
  placeByCloseness,
  stepRing,
} from './circle.js';
import { newInventoryEntry } from './inventory.js';

const people = [
  { id: 'ben', closenessRing: 1 },
  { id: 'maxine', closenessRing: 1 },
  { id: 'laura', closenessRing: 2 },
  { id: 'colleague', closenessRing: 4 },
  { id: 'unrated', closenessRing: null },
];

describe(placeByCloseness.name, () => {
  it('puts each person on their closeness ring, the unrated on the outer ring, spread around each ring', () => {
    expect(placeByCloseness(people)).toEqual([
      { personId: 'ben', ring: 1, angle: 0 },
      { personId: 'maxine', ring: 1, angle: 180 },
      { personId: 'laura', ring: 2, angle: 30 },
      { personId: 'colleague', ring: 3, angle: 60 },
      { personId: 'unrated', ring: 3, angle: 240 },
    ]);
  });

  it('draws four rings when asked, and no other number', () => {
    expect(placeByCloseness(people, 4).map((p) => p.ring)).toEqual([1, 1, 2, 4, 4]);
    expect(() => placeByCloseness(people, 5)).toThrow(expect.objectContaining({ field: 'rings' }));
    expect(() => assertRings(2)).toThrow();
  });
});

describe(moveToRing.name, () => {
  const placements = placeByCloseness(people);

  it('moves a person to another ring and keeps their angle unless given one', () => {
    const moved = moveToRing(placements, 'laura', 3);
    expect(moved.find((p) => p.personId === 'laura')).toEqual({ personId: 'laura', ring: 3, angle: 30 });
    expect(moveToRing(placements, 'laura', 1, 3, -90).find((p) => p.personId === 'laura')?.angle).toBe(270);
  });

  it('refuses a ring outside the circle and a person not on it', () => {
    expect(() => moveToRing(placements, 'laura', 4)).toThrow(expect.objectContaining({ field: 'ring' }));
    expect(() => moveToRing(placements, 'laura', 0, 4)).toThrow(expect.objectContaining({ field: 'ring' }));
    expect(() => moveToRing(placements, 'nobody', 1)).toThrow(expect.objectContaining({ field: 'personId' }));
  });

  it('steps one ring at a time from the keyboard, stopping at the edges', () => {
    expect(stepRing(placements, 'ben', -1, 3).find((p) => p.personId === 'ben')?.ring).toBe(1);
    expect(stepRing(placements, 'ben', 1, 3).find((p) => p.personId === 'ben')?.ring).toBe(2);
    expect(stepRing(placements, 'unrated', 1, 3).find((p) => p.personId === 'unrated')?.ring).toBe(3);
  });
});

describe(compareSnapshots.name, () => {
  it('says, person by person, who moved in, who moved out, who is new and who is gone', () => {
    const intake: CircleSnapshot = {
      phase: 'intake',
      takenAt: '2026-03-02',
      rings: 3,
      placements: [
        { personId: 'laura', ring: 1, angle: 0 },
        { personId: 'ben', ring: 2, angle: 90 },
        { personId: 'maxine', ring: 1, angle: 180 },
        { personId: 'old-boss', ring: 3, angle: 270 },
      ],
    };
    const end: CircleSnapshot = {
      phase: 'end-of-treatment',
      takenAt: '2026-06-15',
      rings: 3,
      placements: [
        { personId: 'laura', ring: 2, angle: 0 },
        { personId: 'ben', ring: 1, angle: 90 },
        { personId: 'maxine', ring: 1, angle: 180 },
        { personId: 'new-colleague', ring: 3, angle: 300 },
      ],
    };
    expect(compareSnapshots(intake, end)).toEqual({
      ringsDiffer: false,
      changes: [
        { personId: 'laura', change: 'moved-out', fromRing: 1, toRing: 2 },
        { personId: 'ben', change: 'moved-in', fromRing: 2, toRing: 1 },
        { personId: 'maxine', change: 'unchanged', fromRing: 1, toRing: 1 },
        { personId: 'old-boss', change: 'gone', fromRing: 3, toRing: null },
        { personId: 'new-colleague', change: 'new', fromRing: null, toRing: 3 },
      ],
    });
    expect(compareSnapshots(intake, { ...end, rings: 4 }).ringsDiffer).toBe(true);
  });
});

describe(circleMarks.name, () => {
  it('shows support, conflict, recent change and a death as marks, not only colour', () => {
    const laura = {
      ...newInventoryEntry('Laura', 'other'),
      supportReceived: ['source-of-stress' as const],
      conflict: { present: true, frequency: '', whatHappens: '', outcome: 'unknown' as const },
      changedNearOnset: { changed: true, date: null, description: 'more demands since Joy left her job' },
    };
    expect(circleMarks(laura)).toEqual({ support: false, conflict: true, recentChange: true, deceased: false });
    const ben = { ...newInventoryEntry('Ben', 'partner'), supportReceived: ['emotional' as const] };
    expect(circleMarks(ben)).toEqual({ support: true, conflict: false, recentChange: false, deceased: false });
  });
});
