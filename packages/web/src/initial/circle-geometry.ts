/**
 * The closeness circle's geometry: rings as bands around the patient at the centre, a person's ring and angle as a
 * point, and a point (where a dragged person was let go) back as a ring and an angle. Angles are core's: degrees
 * clockwise from twelve o'clock (`CirclePlacement`).
 */
export const circleSize = { size: 460, centreRadius: 46, outerRadius: 218 } as const;

const centre = circleSize.size / 2;
const band = (rings: number) => (circleSize.outerRadius - circleSize.centreRadius) / rings;

/** The outer edge of ring `ring` (1 = innermost). */
export function ringRadius(ring: number, rings: number): number {
  return circleSize.centreRadius + band(rings) * ring;
}

/** Where a person on `ring` at `angle` is drawn: the middle of their band. */
export function pointOf(ring: number, angle: number, rings: number): { x: number; y: number } {
  const r = circleSize.centreRadius + band(rings) * (ring - 0.5);
  const a = (angle * Math.PI) / 180;
  return { x: centre + r * Math.sin(a), y: centre - r * Math.cos(a) };
}

/** The ring and angle of a point in the drawing's coordinates; inside the centre counts as ring 1, outside as the last. */
export function placementAt(x: number, y: number, rings: number): { ring: number; angle: number } {
  const dx = x - centre;
  const dy = y - centre;
  const distance = Math.hypot(dx, dy);
  const ring = Math.min(rings, Math.max(1, Math.ceil((distance - circleSize.centreRadius) / band(rings))));
  const degrees = (Math.atan2(dx, -dy) * 180) / Math.PI;
  return { ring, angle: Math.round(((degrees % 360) + 360) % 360) };
}

export const circleCentre = centre;

const angularDistance = (a: number, b: number) => {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return Math.min(d, 360 - d);
};

/** An angle for a ring's number away from the people near it: the bottom if free, else the widest gap. */
export function freeAngle(taken: readonly number[]): number {
  const candidates = Array.from(
    { length: 24 },
    (_, i) => (180 + (i % 2 === 0 ? 1 : -1) * Math.ceil(i / 2) * 15 + 360) % 360,
  );
  let best = 180;
  let bestGap = -1;
  for (const a of candidates) {
    const gap = taken.length === 0 ? 360 : Math.min(...taken.map((t) => angularDistance(a, t)));
    if (gap >= 45) return a;
    if (gap > bestGap) [best, bestGap] = [a, gap];
  }
  return best;
}

/** Where a ring's number goes: just inside the ring's outer edge, at `angle`. */
export function ringLabelPoint(ring: number, rings: number, angle: number): { x: number; y: number } {
  const r = ringRadius(ring, rings) - 9;
  const a = (angle * Math.PI) / 180;
  return { x: centre + r * Math.sin(a), y: centre - r * Math.cos(a) + 4 };
}
