import { describe, expect, it } from 'vitest';
import { circleCentre, circleSize, freeAngle, placementAt, pointOf, ringRadius } from './circle-geometry.js';

describe(placementAt.name, () => {
  it('reads back the ring and angle a person is drawn at', () => {
    for (const rings of [3, 4]) {
      for (let ring = 1; ring <= rings; ring++) {
        for (const angle of [0, 45, 180, 300]) {
          const p = pointOf(ring, angle, rings);
          expect(placementAt(p.x, p.y, rings)).toEqual({ ring, angle });
        }
      }
    }
  });

  it('counts a drop on the patient as the closest ring and one outside the circle as the furthest', () => {
    expect(placementAt(circleCentre, circleCentre, 3).ring).toBe(1);
    expect(placementAt(circleCentre + circleSize.size, circleCentre, 4).ring).toBe(4);
  });

  it('draws rings from the centre outwards, the last one at the outer edge', () => {
    expect(ringRadius(1, 3)).toBeLessThan(ringRadius(2, 3));
    expect(ringRadius(4, 4)).toBeCloseTo(circleSize.outerRadius);
  });
});

describe(freeAngle.name, () => {
  it('keeps the ring number at the bottom unless someone is there, then finds the widest gap', () => {
    expect(freeAngle([])).toBe(180);
    expect(freeAngle([0, 90])).toBe(180);
    const a = freeAngle([180, 170, 200]);
    expect(Math.min(Math.abs(a - 180), 360 - Math.abs(a - 180))).toBeGreaterThanOrEqual(45);
  });
});
