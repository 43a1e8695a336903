import { describe, expect, it } from 'vitest';
import {
  type Box,
  type ChartSeries,
  type ChartView,
  chartData,
  chartLayout,
  fitLabel,
  labelSide,
  overlaps,
  sessionCell,
  thinTicks,
} from './chart-data.js';

const bands = [
  { min: 0, max: 4, label: 'None–minimal' },
  { min: 5, max: 9, label: 'Mild' },
  { min: 10, max: 14, label: 'Moderate' },
  { min: 15, max: 19, label: 'Moderately severe' },
  { min: 20, max: 27, label: 'Severe' },
];

let ids = 0;
const point = (sessionNumber: number | null, date: string, total: number | null, flagged = false) => ({
  administrationId: `0190a0a0-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
  date,
  sessionNumber,
  total,
  band: null,
  scorable: total !== null,
  flagged,
  riskNotAsked: false,
});

const series = (points: ReturnType<typeof point>[]): ChartSeries => ({ maxTotal: 27, bands, points });

/** Weekly sessions from Monday 5 January 2026; the course moved to its middle phase after session 3. */
const weekly = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    date: new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10),
    phase: i < 3 ? ('initial' as const) : ('middle' as const),
  }));

/** The course's view as the chart takes it, with the one series it draws. */
function viewOf(
  points: ReturnType<typeof point>[],
  sessions = weekly(5),
  annotations: ChartView['annotations'] = [],
): ChartView & { series: ChartSeries } {
  return {
    series: series(points),
    sessions,
    phases: [
      { phase: 'initial', from: '2026-01-05', to: '2026-01-19' },
      { phase: 'middle', from: '2026-01-19', to: null },
    ],
    annotations,
  };
}

const dataOf = (view: ReturnType<typeof viewOf>) => chartData(view, view.series);

describe(chartData.name, () => {
  // The tester's case: four scores entered on one day, for sessions 1, 3, 4 and 5, and a link between 3 and 4.
  const entered = '2026-02-06';
  const view = viewOf([
    point(1, entered, 19),
    point(3, entered, 14, true),
    point(4, entered, 12),
    point(5, entered, 9),
    point(null, '2026-01-22', 13),
    point(2, entered, null),
  ]);
  const data = dataOf(view);

  it('puts each score at its session, not at the day it was entered', () => {
    expect(data.points.map((p) => [p.x, p.y])).toEqual([
      [1, 19],
      [3, 14],
      [3 + 3 / 7, 13],
      [4, 12],
      [5, 9],
    ]);
    expect(new Set(data.points.map((p) => p.x)).size).toBe(data.points.length);
  });

  it('places one answered between sessions between them, and says where in words', () => {
    const between = data.points.find((p) => p.sessionNumber === null);
    expect(between?.where).toBe('Between sessions 3 and 4');
    expect(between && sessionCell(between.place)).toBe('Between 3 and 4');
    expect(data.points[0]?.title).toBe('Session 1: 19 of 27');
  });

  it('takes the first score in session order as the baseline, and keeps unscorable ones for the table only', () => {
    expect(data.baseline?.y).toBe(19);
    expect(data.points.map((p) => p.baseline)).toEqual([true, false, false, false, false]);
    expect(data.rows.map((p) => p.x)).toEqual([1, 2, 3, 3 + 3 / 7, 4, 5]);
    expect(data.rows[1]?.scorable).toBe(false);
  });

  it('ticks each session at its number, and spans the axis half a session beyond the ends', () => {
    expect(data.ticks.map((tick) => tick.n)).toEqual([1, 2, 3, 4, 5]);
    expect([data.start, data.end]).toEqual([0.5, 5.5]);
  });

  it('spans each phase over its sessions, the open one to the end of the axis', () => {
    expect(data.phases.map((p) => [p.phase, p.x1, p.x2])).toEqual([
      ['initial', 0.5, 3.5],
      ['middle', 3.5, 5.5],
    ]);
  });

  it('stacks the bands without gaps, each with its words and range, up to the maximum', () => {
    expect(data.bands.map((b) => [b.y1, b.y2, b.range])).toEqual([
      [0, 5, '0–4'],
      [5, 10, '5–9'],
      [10, 15, '10–14'],
      [15, 20, '15–19'],
      [20, 27, '20–27'],
    ]);
  });

  it('places events by date between the sessions around them', () => {
    const annotated = dataOf(
      viewOf([point(1, '2026-01-05', 19)], weekly(3), [
        { id: 'a', date: '2026-01-08', label: 'Moved house', kind: 'event' },
      ]),
    );
    expect(annotated.annotations[0]).toMatchObject({ x: 1 + 3 / 7, where: 'Between sessions 1 and 2' });
  });
});

/** Every pair of boxes that overlap, by their index. */
function collisions(boxes: readonly Box[]): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a && b && overlaps(a, b, 0)) found.push([i, j]);
    }
  }
  return found;
}

describe(chartLayout.name, () => {
  // Sixteen weekly sessions, a score at each, several days with two scores (a session's and a link's), events close
  // together: the crowded case.
  const sessions = weekly(16);
  const points = sessions.flatMap((s, i) => [
    point(s.number, s.date, 20 - i),
    ...(i % 3 === 0 ? [point(null, new Date(Date.UTC(2026, 0, 6 + 7 * i)).toISOString().slice(0, 10), 21 - i)] : []),
  ]);
  const annotations = [
    { id: 'e1', date: '2026-01-13', label: 'Argument with her sister about the baby', kind: 'event' },
    { id: 'e2', date: '2026-01-14', label: 'Partner back at work', kind: 'event' },
    { id: 'e3', date: '2026-01-15', label: 'Moved in with her mother', kind: 'life-event' },
    { id: 'e4', date: '2026-02-20', label: 'A note', kind: 'note' },
  ];
  const crowded = dataOf(viewOf(points, sessions, annotations));

  for (const width of [200, 260, 320, 358, 390, 520, 760, 1280]) {
    it(`overlaps no two words and cuts none off at ${width} px`, () => {
      const layout = chartLayout(crowded, width);
      const boxes = [...layout.values.map((v) => v.box), ...layout.labels.map((l) => l.box)];
      expect(collisions(boxes)).toEqual([]);
      for (const box of boxes) {
        expect(box.x1).toBeGreaterThanOrEqual(layout.marginLeft - 2);
        expect(box.x2).toBeLessThanOrEqual(width - layout.marginRight + 2);
      }
      // Event labels never overlap one another.
      expect(collisions(layout.labels.map((l) => l.box))).toEqual([]);
      // The session numbers on the axis stay apart.
      const plotWidth = width - layout.marginLeft - layout.marginRight;
      const spacing =
        (plotWidth / (crowded.end - crowded.start)) * ((layout.ticks[1]?.x ?? 2) - (layout.ticks[0]?.x ?? 1));
      expect(spacing).toBeGreaterThanOrEqual(14);
      // A phase is named only where its name fits its span.
      for (const phase of layout.phaseNames) {
        expect(((phase.x2 - phase.x1) / (crowded.end - crowded.start)) * plotWidth).toBeGreaterThan(
          phase.label.length * 6,
        );
      }
    });
  }

  it('writes every value and every event label when there is room', () => {
    const roomy = dataOf(
      viewOf([point(1, '2026-01-05', 19), point(2, '2026-01-12', 14), point(3, '2026-01-19', 11)], weekly(3), [
        { id: 'e1', date: '2026-01-14', label: 'Argument with her sister', kind: 'event' },
      ]),
    );
    const layout = chartLayout(roomy, 1000);
    expect(layout.values.map((v) => v.point.y)).toEqual([19, 14, 11]);
    expect(layout.labels.map((l) => l.annotation.label)).toEqual(['Argument with her sister']);
    expect(layout.phaseNames.map((p) => p.phase)).toEqual(['initial', 'middle']);
    expect(layout.baselineLabel?.anchor).toBe('end');
  });

  it('moves a value from above to below or beside its point when the point above it is in the way', () => {
    // Two scores a session apart on a narrow chart, one just above the other.
    const close = dataOf(viewOf([point(1, '2026-01-05', 10), point(2, '2026-01-12', 11)], weekly(2)));
    const layout = chartLayout(close, 240);
    expect(layout.values).toHaveLength(2);
    expect(collisions(layout.values.map((v) => v.box))).toEqual([]);
  });

  it('moves an event label to the other side of its line, or its other end, rather than over another', () => {
    const twoDays = dataOf(
      viewOf([point(1, '2026-01-05', 19), point(2, '2026-01-12', 14), point(3, '2026-01-19', 11)], weekly(3), [
        { id: 'e1', date: '2026-01-13', label: 'Argument with her sister', kind: 'event' },
        { id: 'e2', date: '2026-01-14', label: 'Partner back at work', kind: 'event' },
      ]),
    );
    const layout = chartLayout(twoDays, 900);
    expect(layout.labels.map((l) => l.annotation.id)).toEqual(['e1', 'e2']);
    const [e1, e2] = layout.labels;
    expect([e1?.spot.from, e1?.spot.side]).not.toEqual([e2?.spot.from, e2?.spot.side]);
    expect(collisions(layout.labels.map((l) => l.box))).toEqual([]);
  });

  it('sets an event label further off its line when a score drawn on that line is in the way', () => {
    // A link answered the day of the event, after the last session: the point sits on the event's line.
    const sameDay = dataOf(
      viewOf([point(1, '2026-01-05', 16), point(2, '2026-01-12', 15), point(null, '2026-01-18', 12, true)], weekly(2), [
        { id: 'e1', date: '2026-01-18', label: 'Argument with her sister', kind: 'event' },
      ]),
    );
    const layout = chartLayout(sameDay, 1000);
    expect(layout.labels.map((l) => l.spot.offset)).toEqual([22]);
    expect(collisions([...layout.values.map((v) => v.box), ...layout.labels.map((l) => l.box)])).toEqual([]);
  });

  it('writes "Baseline" just after the ring when the end of its line is taken', () => {
    const sessions = weekly(8);
    const points = sessions.map((s, i) => point(s.number, s.date, 16 - i));
    const event = [{ id: 'e1', date: '2026-03-01', label: 'Moved house', kind: 'event' }];
    const layout = chartLayout(dataOf(viewOf(points, sessions, event)), 500);
    expect(layout.baselineLabel?.anchor).toBe('start');
    expect(layout.baselineLabel?.x).toBeGreaterThan(1);
  });

  it('leaves out an event label that has no room anywhere; the key names it in full', () => {
    const layout = chartLayout(crowded, 320);
    const written = layout.labels.map((l) => l.annotation.id);
    expect(written.length).toBeLessThan(crowded.annotations.length);
    expect(crowded.annotations.map((a) => a.fullLabel)).toContain('Argument with her sister about the baby');
  });

  it('writes each band range beside the plot in a gutter wide enough for the longest', () => {
    const layout = chartLayout(crowded, 320);
    expect(layout.bandRanges.map((b) => b.range)).toEqual(['0–4', '5–9', '10–14', '15–19', '20–27']);
    expect(layout.marginRight).toBeGreaterThanOrEqual('20–27'.length * 6.6);
  });
});

describe(thinTicks.name, () => {
  const sixteen = Array.from({ length: 16 }, (_, i) => i + 1);

  it('keeps every tick when there is room', () => {
    expect(thinTicks(sixteen, 16 * 28)).toEqual(sixteen);
  });

  it('keeps every n-th tick and the last, without crowding the last', () => {
    expect(thinTicks(sixteen, 8 * 28)).toEqual([1, 3, 5, 7, 9, 11, 13, 16]);
    expect(thinTicks(sixteen, 5 * 28)).toEqual([1, 5, 9, 16]);
  });
});

describe('annotation labels', () => {
  it('run from the bottom when a score near them sits high, so the label does not cross it', () => {
    const annotated = viewOf([point(1, '2026-01-05', 19), point(2, '2026-01-12', 14, true)], weekly(3), [
      { id: 'a', date: '2026-01-06', label: 'Moved house', kind: 'event' },
      { id: 'b', date: '2026-01-20', label: 'A note', kind: 'note' },
    ]);
    expect(dataOf(annotated).annotations.map((a) => a.labelAt)).toEqual(['bottom', 'top']);
  });
});

describe(labelSide.name, () => {
  it('keeps a label at the top when nothing is near, or the scores near it are low', () => {
    expect(labelSide('Moved house', [], 27)).toBe('top');
    expect(labelSide('Moved house', [3], 27)).toBe('top');
  });

  it('runs a label from the bottom when from the top it would cross a high score', () => {
    expect(labelSide('Argument with her sister', [20], 27)).toBe('bottom');
  });

  it('stays at the top when it would cross scores either way, but fewer there', () => {
    expect(labelSide('A very long label that runs most of the way down the chart', [20, 4, 8], 27)).toBe('top');
  });
});

describe('fitLabel', () => {
  it('keeps a label that fits and cuts a longer one at a word, with an ellipsis', () => {
    expect(fitLabel('Moved house')).toBe('Moved house');
    const long = 'Laura asked her to take Maxine at a day’s notice, again, on a Friday night';
    const cut = fitLabel(long, 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
