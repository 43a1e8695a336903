/**
 * The interpersonal (closeness) circle: the patient at the centre, each important person on a ring by closeness,
 * the inner ring for the people the patient feels closest to. Templates draw 3–4 rings; we default to 3 and allow 4
 * (DOMAIN §2.3 [S40][S20]; UI and snapshots [Inference]). Snapshots per phase show change in the social network,
 * a stated mechanism of change (DOMAIN §2.3, §0 [S12]).
 */
import { RuleViolation } from '../errors.js';
import { type InventoryEntry, SupportType } from './inventory.js';

export const CircleRings = { default: 3, min: 3, max: 4 } as const;

export interface CirclePlacement {
  readonly personId: string;
  /** 1 = innermost ring. */
  readonly ring: number;
  /** Degrees clockwise from twelve o'clock, 0 ≤ angle < 360. */
  readonly angle: number;
}

/** When a snapshot was taken: at intake and at the end of treatment (DOMAIN §2.3 [Inference]); mid-treatment for the
 * mid-point review around session 8 (DOMAIN §1.5 [Inference]). */
export const SnapshotPhase = {
  intake: 'intake',
  midTreatment: 'mid-treatment',
  endOfTreatment: 'end-of-treatment',
} as const;
export type SnapshotPhase = (typeof SnapshotPhase)[keyof typeof SnapshotPhase];

export interface CircleSnapshot {
  readonly phase: SnapshotPhase;
  /** ISO-8601 instant or "YYYY-MM-DD", given by the caller. */
  readonly takenAt: string;
  readonly rings: number;
  readonly placements: readonly CirclePlacement[];
}

export function assertRings(rings: number): void {
  if (!Number.isInteger(rings) || rings < CircleRings.min || rings > CircleRings.max) {
    throw new RuleViolation(`The circle has ${CircleRings.min} or ${CircleRings.max} rings.`, 'rings');
  }
}

function normaliseAngle(angle: number): number {
  const a = angle % 360;
  return a < 0 ? a + 360 : a;
}

/**
 * Default placement: each person on the ring of their inventory closeness (clamped to the circle's rings; not yet
 * rated → the outer ring, claiming no closeness), spread evenly around their ring in inventory order, each ring
 * starting at a different angle so names do not line up.
 */
export function placeByCloseness(
  entries: readonly Pick<InventoryEntry, 'id' | 'closenessRing'>[],
  rings: number = CircleRings.default,
): CirclePlacement[] {
  assertRings(rings);
  const ringOf = (e: Pick<InventoryEntry, 'closenessRing'>) =>
    e.closenessRing === null ? rings : Math.min(Math.max(Math.round(e.closenessRing), 1), rings);
  const byRing = new Map<number, string[]>();
  for (const e of entries) byRing.set(ringOf(e), [...(byRing.get(ringOf(e)) ?? []), e.id]);
  return entries.map((e) => {
    const ring = ringOf(e);
    const ids = byRing.get(ring) ?? [e.id];
    const offset = (ring - 1) * 30;
    return { personId: e.id, ring, angle: normaliseAngle(offset + (360 / ids.length) * ids.indexOf(e.id)) };
  });
}

/** Moves a person to another ring (drag, or the keyboard alternative), keeping their angle unless one is given. */
export function moveToRing(
  placements: readonly CirclePlacement[],
  personId: string,
  ring: number,
  rings: number = CircleRings.default,
  angle?: number,
): CirclePlacement[] {
  assertRings(rings);
  if (!Number.isInteger(ring) || ring < 1 || ring > rings) {
    throw new RuleViolation(`Choose a ring from 1 (closest) to ${rings}.`, 'ring');
  }
  if (angle !== undefined && !Number.isFinite(angle)) throw new RuleViolation('The angle is a number.', 'angle');
  if (!placements.some((p) => p.personId === personId)) {
    throw new RuleViolation('That person is not on the circle.', 'personId');
  }
  return placements.map((p) =>
    p.personId === personId ? { personId, ring, angle: angle === undefined ? p.angle : normaliseAngle(angle) } : p,
  );
}

/** Keyboard steps: one ring closer (−1) or further (+1), stopping at the edges instead of failing. */
export function stepRing(
  placements: readonly CirclePlacement[],
  personId: string,
  step: -1 | 1,
  rings: number,
): CirclePlacement[] {
  const current = placements.find((p) => p.personId === personId);
  if (!current) throw new RuleViolation('That person is not on the circle.', 'personId');
  return moveToRing(placements, personId, Math.min(Math.max(current.ring + step, 1), rings), rings);
}

export interface CircleMarks {
  readonly support: boolean;
  readonly conflict: boolean;
  readonly recentChange: boolean;
  readonly deceased: boolean;
}

/**
 * What the circle shows besides position, so colour is never the only signal (shared/STYLE.md): support, conflict,
 * a change near onset (DOMAIN §2.3 [Inference] "conflict, support and recent change"), and a death.
 */
export function circleMarks(
  entry: Pick<InventoryEntry, 'supportReceived' | 'conflict' | 'changedNearOnset' | 'deceased'>,
): CircleMarks {
  return {
    support: entry.supportReceived.some((s) => s === SupportType.emotional || s === SupportType.practical),
    conflict: entry.conflict.present,
    recentChange: entry.changedNearOnset.changed,
    deceased: entry.deceased,
  };
}

export const RingChange = {
  movedIn: 'moved-in',
  movedOut: 'moved-out',
  unchanged: 'unchanged',
  new: 'new',
  gone: 'gone',
} as const;
export type RingChange = (typeof RingChange)[keyof typeof RingChange];

export interface PersonRingChange {
  readonly personId: string;
  readonly change: RingChange;
  readonly fromRing: number | null;
  readonly toRing: number | null;
}

export interface SnapshotComparison {
  /** The snapshots have different ring counts: ring numbers still count from the centre, but read with care. */
  readonly ringsDiffer: boolean;
  readonly changes: readonly PersonRingChange[];
}

/**
 * Compares two snapshots person by person, by ring number from the centre: moved in (closer), moved out, unchanged,
 * new (only in `later`) or gone (only in `earlier`). People of `earlier` come first, in its order.
 */
export function compareSnapshots(earlier: CircleSnapshot, later: CircleSnapshot): SnapshotComparison {
  const after = new Map(later.placements.map((p) => [p.personId, p.ring]));
  const before = new Map(earlier.placements.map((p) => [p.personId, p.ring]));
  const changes: PersonRingChange[] = earlier.placements.map((p) => {
    const toRing = after.get(p.personId) ?? null;
    const change =
      toRing === null
        ? RingChange.gone
        : toRing < p.ring
          ? RingChange.movedIn
          : toRing > p.ring
            ? RingChange.movedOut
            : RingChange.unchanged;
    return { personId: p.personId, change, fromRing: p.ring, toRing };
  });
  for (const p of later.placements) {
    if (!before.has(p.personId))
      changes.push({ personId: p.personId, change: RingChange.new, fromRing: null, toRing: p.ring });
  }
  return { ringsDiffer: earlier.rings !== later.rings, changes };
}
