import { describe, expect, it } from 'vitest';
import { chartData, fitLabel, labelSide, thinTicks } from './chart-data.js';

const bands = [
  { min: 0, max: 4, label: 'None–minimal' },
  { min: 5, max: 9, label: 'Mild' },
  { min: 10, max: 14, label: 'Moderate' },
  { min: 15, max: 19, label: 'Moderately severe' },
  { min: 20, max: 27, label: 'Severe' },
];

const point = (n: number, date: string, total: number | null, flagged = false) => ({
  administrationId: `0190a0a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
  date,
  sessionNumber: n,
  total,
  band: null,
  scorable: total !== null,
  flagged,
});

const series = {
  instrumentId: 'phq-9',
  shortName: 'PHQ-9',
  maxTotal: 27,
  bands,
  points: [point(2, '2026-01-12', 14, true), point(1, '2026-01-05', 19), point(3, '2026-01-19', null)],
  interpretation: {
    baseline: 19,
    latest: 14,
    response: false,
    remission: false,
    reliableImprovement: false,
    reliableDeterioration: false,
    iaptRecovery: null,
    sustainedRecovery: null,
    belowCutOff: false,
    outcome: 'not-improved' as const,
    improved: false,
    verdict: 'Not improved on any sourced criterion',
    sentence: 'PHQ-9 19 → 14: 5 points better, a 26% fall.',
  },
};

const view = {
  courseId: '0190a0a0-0000-7000-8000-000000000002',
  series: [series],
  sessions: [
    { number: 1, date: '2026-01-05', phase: 'initial' as const },
    { number: 2, date: '2026-01-12', phase: 'initial' as const },
    { number: 3, date: '2026-01-19', phase: 'middle' as const },
  ],
  phases: [
    { phase: 'initial' as const, from: '2026-01-05', to: '2026-01-19' },
    { phase: 'middle' as const, from: '2026-01-19', to: null },
  ],
  annotations: [],
  due: [],
};

describe(chartData.name, () => {
  const data = chartData(view, series, '2026-11-23');

  it('draws only scorable points, in date order, the first one as the baseline', () => {
    expect(data.points.map((p) => p.y)).toEqual([19, 14]);
    expect(data.baseline?.y).toBe(19);
    expect(data.points.map((p) => p.baseline)).toEqual([true, false]);
    expect(data.points[1]?.flagged).toBe(true);
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

  it('ends an open phase a week after the last dated thing, not at today', () => {
    expect(data.end.toISOString().slice(0, 10)).toBe('2026-01-26');
    expect(data.phases.at(-1)?.x2).toEqual(data.end);
  });

  it('ticks each session at its date with its number', () => {
    expect(data.ticks.map((tick) => [tick.x.toISOString().slice(0, 10), tick.n])).toEqual([
      ['2026-01-05', 1],
      ['2026-01-12', 2],
      ['2026-01-19', 3],
    ]);
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
  it('run from the bottom when a score near their date sits high, so the label does not cross it', () => {
    const annotated = {
      ...view,
      annotations: [
        { id: 'a', date: '2026-01-06', label: 'Moved house', kind: 'event' },
        { id: 'b', date: '2026-01-20', label: 'A note', kind: 'note' },
      ],
    };
    const data = chartData(annotated, series, '2026-11-23');
    expect(data.annotations.map((a) => a.labelAt)).toEqual(['bottom', 'top']);
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
