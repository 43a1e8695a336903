/**
 * What one instrument's chart draws, worked out from the server's MeasuresView, and where its words go. Pure, so the
 * chart component only hands it to the drawing library, and the tests can check it at any width.
 *
 * The x axis is the session. A score given in a session sits at that session's number; anything else (a link or
 * kiosk answer, a paper form not linked to a session, an event) sits by its date between the sessions around it
 * (core's `sessionAxisPlace` says how: within the middle half of the gap, in proportion to the days). Phases span
 * their sessions. Severity bands are stacked rectangles whose names are in the key, their ranges beside the plot.
 *
 * Words on the chart never overlap and are never cut off: `chartLayout` places each score's value, each event's
 * label and each phase's name only where it has room at the width given, and leaves out the rest, which the table
 * and the key below the chart say in full.
 */
import type { MeasuresView } from '@ipt/contract';
import { type AxisPlace, type Phase, sessionAxisPlace } from '@ipt/core';
import { phaseLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';

export type Series = MeasuresView['series'][number];
export type Point = Series['points'][number];
/** What a chart needs of the course's measures view, and of one instrument's series. */
export type ChartView = Pick<MeasuresView, 'sessions' | 'phases' | 'annotations'>;
export type ChartSeries = Pick<Series, 'maxTotal' | 'bands' | 'points'>;

/** Room above the highest possible score, as a share of it: the phase strip is drawn there. */
const headroom = 1.16;

export interface ChartBand {
  readonly index: number;
  readonly label: string;
  readonly range: string;
  readonly y1: number;
  readonly y2: number;
}

export interface ChartPhase {
  readonly phase: Phase;
  readonly label: string;
  readonly x1: number;
  readonly x2: number;
}

/** A score with its place on the session axis, and the words for that place ("Session 3"). */
export interface PlacedPoint extends Point {
  readonly x: number;
  readonly place: AxisPlace;
  readonly where: string;
}

export interface ScoredPoint extends PlacedPoint {
  readonly y: number;
  readonly baseline: boolean;
  /** What the point says to a pointer or a screen reader's reading of the SVG: where, and the score. */
  readonly title: string;
}

export interface ChartAnnotation {
  readonly id: string;
  readonly x: number;
  readonly date: string;
  readonly where: string;
  /** The label as drawn: cut at a word to fit along its line. */
  readonly label: string;
  /** The label in full, for the key below the chart. */
  readonly fullLabel: string;
  readonly kind: string;
  /** Where the label would rather run from: the top, unless a score near that place sits high, then the bottom. */
  readonly labelAt: 'top' | 'bottom';
}

export interface ChartData {
  /** The x domain, in sessions. */
  readonly start: number;
  readonly end: number;
  readonly maxTotal: number;
  /** The top of the drawing: room above the highest score for the phase strip. */
  readonly top: number;
  /** Where the phase strip starts, above the highest score. */
  readonly phaseBottom: number;
  readonly bands: readonly ChartBand[];
  readonly phases: readonly ChartPhase[];
  /** The scorable points, in session order; the first is the baseline. */
  readonly points: readonly ScoredPoint[];
  /** Every point, scorable or not, in session order: the table's rows. */
  readonly rows: readonly PlacedPoint[];
  readonly baseline: ScoredPoint | undefined;
  /** Session ticks: each session's number where it sits. Empty when no session is recorded yet. */
  readonly ticks: readonly { readonly x: number; readonly n: number }[];
  readonly annotations: readonly ChartAnnotation[];
}

/** Words for a place on the session axis, as a point's title and the key say it: "Session 3", "Between sessions 3 and 4". */
export function placeWords(place: AxisPlace): string {
  if (place.inSession) return t('chart.at.session', { n: place.x });
  if (place.previous !== null && place.next !== null) {
    return t('chart.at.between', { from: place.previous, to: place.next });
  }
  if (place.previous !== null) return t('chart.at.after', { n: place.previous });
  return t('chart.at.before', { n: place.next ?? 1 });
}

/** The same, as the table's Session column says it: "3", "Between 3 and 4". */
export function sessionCell(place: AxisPlace): string {
  if (place.inSession) return String(place.x);
  if (place.previous !== null && place.next !== null) {
    return t('scores.between', { from: place.previous, to: place.next });
  }
  if (place.previous !== null) return t('scores.after', { n: place.previous });
  return t('scores.before', { n: place.next ?? 1 });
}

/**
 * Bands are whole-number ranges ("5–9"); each is drawn from its minimum up to the next band's minimum, so they meet
 * without a gap, and the last one reaches the maximum total.
 */
function chartBands(series: ChartSeries): ChartBand[] {
  const sorted = [...series.bands].sort((a, b) => a.min - b.min);
  return sorted.map((band, index) => ({
    index,
    label: band.label,
    range: band.min === band.max ? String(band.min) : `${band.min}–${band.max}`,
    y1: band.min,
    y2: Math.min(sorted[index + 1]?.min ?? series.maxTotal, series.maxTotal),
  }));
}

/**
 * Phases over the session axis: each from half a session before its first session (or, with none yet, from where
 * its start date falls) to where the next begins; the last to the end of the axis.
 */
function chartPhases(view: ChartView, end: number): ChartPhase[] {
  const shown = view.phases.filter((p) => p.phase !== 'ended');
  const starts = shown.map((p, i) => {
    // A phase entered more than once (a return to the middle) is matched to its sessions by date, not by name alone.
    const to = shown[i + 1]?.from ?? null;
    const own = view.sessions
      .filter((s) => s.phase === p.phase && s.date >= p.from && (to === null || s.date <= to))
      .map((s) => s.number);
    const first = own.length > 0 ? Math.min(...own) : null;
    return first === null ? sessionAxisPlace(view.sessions, { sessionNumber: null, date: p.from }).x : first - 0.5;
  });
  // Starts never run backwards, however the dates and the sessions disagree.
  for (let i = 1; i < starts.length; i++) starts[i] = Math.max(starts[i] ?? 0, starts[i - 1] ?? 0);
  return shown.map((p, i) => ({
    phase: p.phase,
    label: phaseLabel(p.phase),
    x1: starts[i] ?? 0,
    x2: starts[i + 1] ?? end,
  }));
}

export function chartData(view: ChartView, series: ChartSeries): ChartData {
  const placed = (p: Point): PlacedPoint => {
    const place = sessionAxisPlace(view.sessions, p);
    return { ...p, x: place.x, place, where: placeWords(place) };
  };
  const rows = series.points.map(placed).sort((a, b) => a.x - b.x || a.date.localeCompare(b.date));
  const scored = rows.filter((p): p is PlacedPoint & { total: number } => p.scorable && p.total !== null);
  const first = scored[0];
  const points = scored.map((p) => ({
    ...p,
    y: p.total,
    baseline: p === first,
    title: t('chart.pointTitle', { where: p.where, total: p.total, max: series.maxTotal }),
  }));
  const annotationsAt = view.annotations.map((a) => {
    const place = sessionAxisPlace(view.sessions, { sessionNumber: null, date: a.date });
    return { a, place };
  });
  const xs = [
    ...view.sessions.map((s) => s.number),
    ...rows.map((p) => p.x),
    ...annotationsAt.map(({ place }) => place.x),
  ];
  const start = xs.length > 0 ? Math.min(...xs) - 0.5 : 0;
  const end = xs.length > 0 ? Math.max(...xs) + 0.5 : 1;
  return {
    start,
    end,
    maxTotal: series.maxTotal,
    top: series.maxTotal * headroom,
    phaseBottom: series.maxTotal + (series.maxTotal * headroom - series.maxTotal) * 0.15,
    bands: chartBands(series),
    phases: chartPhases(view, end),
    points,
    rows,
    baseline: points[0],
    ticks: [...view.sessions].sort((a, b) => a.number - b.number).map((s) => ({ x: s.number, n: s.number })),
    annotations: annotationsAt.map(({ a, place }) => {
      const near = points.filter((p) => Math.abs(p.x - place.x) <= 0.5).map((p) => p.y);
      const label = fitLabel(a.label);
      return {
        id: a.id,
        x: place.x,
        date: a.date,
        where: placeWords(place),
        label,
        fullLabel: a.label,
        kind: a.kind,
        labelAt: labelSide(label, near, series.maxTotal),
      };
    }),
  };
}

/** The drawing's plot area in pixels, and what one character of an 11px label takes: to tell what a label covers. */
export const plotAreaHeight = 288;
const charWidth = 6.6;
/** A score's value is bold 12px digits. */
const digitWidth = 7.4;
const lineHeight = 13;

/**
 * An annotation's label runs along its line, from just below the highest score to just above the axis's markers, so
 * it can be no longer than that: a longer one (an interval event told in a sentence) is cut at a word with "…". The
 * event's whole words are in the key below the chart.
 */
export function fitLabel(
  label: string,
  room = Math.floor(((plotAreaHeight * 0.97) / headroom - 12) / charWidth),
): string {
  if (label.length <= room) return label;
  const cut = label.slice(0, room - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > room / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * An annotation's label runs along its line, from the top or from the bottom: whichever crosses fewer of the scores
 * drawn near it (a score's marker and number take about two units of the scale). Ties go to the top.
 */
export function labelSide(label: string, nearScores: readonly number[], maxTotal: number): 'top' | 'bottom' {
  const top = maxTotal * headroom;
  const span = ((label.length * charWidth) / plotAreaHeight) * top;
  const crosses = (from: number, to: number) => nearScores.filter((y) => y + 2 >= from && y - 1 <= to).length;
  const fromTop = crosses(maxTotal * 0.97 - span, maxTotal * 0.97);
  const fromBottom = crosses(maxTotal * 0.06, maxTotal * 0.06 + span);
  return fromBottom < fromTop ? 'bottom' : 'top';
}

/** On a narrow chart, every session's number would collide: keep every n-th, always the first and the last. */
export function thinTicks<T>(ticks: readonly T[], width: number, pixelsPerTick = 28): T[] {
  const room = Math.max(1, Math.floor(width / pixelsPerTick));
  if (ticks.length <= room) return [...ticks];
  const step = Math.ceil(ticks.length / room);
  const last = ticks.length - 1;
  // The last tick is always kept; the regular one just before it goes if the two would crowd each other.
  return ticks.filter((_, i) => i === last || (i % step === 0 && last - i >= step));
}

// ---------- where the words go, at a given width ----------

/** A rectangle on the drawing, in pixels. */
export interface Box {
  readonly x1: number;
  readonly x2: number;
  readonly y1: number;
  readonly y2: number;
}

export const overlaps = (a: Box, b: Box, gap = 1) =>
  a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

/** Where a score's value sits beside its marker: above, below, right or left, clear of the marker's own size. */
export type ValueSpot = 'above' | 'below' | 'right' | 'left';
const valueAnchor: Record<ValueSpot, 'middle' | 'start' | 'end'> = {
  above: 'middle',
  below: 'middle',
  right: 'start',
  left: 'end',
};
/** The text's anchor from the marker's centre, for a marker of radius `r`. */
function valueOffset(spot: ValueSpot, r: number): { dx: number; dy: number } {
  if (spot === 'above') return { dx: 0, dy: -(r + 9) };
  if (spot === 'below') return { dx: 0, dy: r + 10 };
  return { dx: spot === 'right' ? r + 5 : -(r + 5), dy: 0 };
}

/**
 * An event's label runs along its line from the top or the bottom, on the right of the line or, if crowded, its left;
 * set further off when a score drawn on the line is in the way.
 */
export interface LabelSpot {
  readonly from: 'top' | 'bottom';
  readonly side: 'right' | 'left';
  /** Pixels from the line to the middle of the label. */
  readonly offset: number;
}
const labelOffsets = [12, 22] as const;

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly marginTop: number;
  readonly marginRight: number;
  readonly marginBottom: number;
  readonly marginLeft: number;
  /** The session numbers shown on the axis. */
  readonly ticks: readonly { readonly x: number; readonly n: number }[];
  /**
   * The scores whose value is written beside them, and where: the text's anchor in the chart's own units (x in
   * sessions, y in score) and how it is anchored. The others' values are in the table.
   */
  readonly values: readonly {
    readonly point: ScoredPoint;
    readonly spot: ValueSpot;
    readonly anchor: 'middle' | 'start' | 'end';
    readonly x: number;
    readonly y: number;
    readonly box: Box;
  }[];
  /** The events whose label is written along their line, and how; the others are named in the key. */
  readonly labels: readonly {
    readonly annotation: ChartAnnotation;
    readonly spot: LabelSpot;
    /** The label's line of text, in the chart's units (sessions). */
    readonly x: number;
    readonly box: Box;
  }[];
  /** The bands whose range fits beside the plot (the key names them all). */
  readonly bandRanges: readonly ChartBand[];
  /** The phases whose name fits in their span of the strip. */
  readonly phaseNames: readonly ChartPhase[];
  /**
   * Where "Baseline" is written along its dashed line: at the line's end, or, if something is there, just after the
   * ring round the first score (x in sessions); null when neither has room.
   */
  readonly baselineLabel: { readonly x: number; readonly anchor: 'start' | 'end' } | null;
}

/** Room above the plot for the y axis's name. */
const marginTop = 22;
const marginBottom = 44;
const marginLeft = 40;

/**
 * Where each word on the chart goes at `width` pixels: placed in turn (the baseline's word, the scores' values from
 * the first, the events' labels), each at the first of its spots that stays inside the plot and overlaps neither a
 * marker, a line across it, nor a word already placed; left out when none is free.
 */
export function chartLayout(data: ChartData, width: number): ChartLayout {
  const rangeWidth = Math.max(0, ...data.bands.map((b) => b.range.length * charWidth));
  const marginRight = Math.ceil(rangeWidth + 14);
  const height = plotAreaHeight + marginTop + marginBottom;
  const left = marginLeft;
  const right = width - marginRight;
  const plotBottom = marginTop + plotAreaHeight;
  const span = data.end - data.start || 1;
  const px = (x: number) => left + ((x - data.start) / span) * (right - left);
  const py = (y: number) => plotBottom - (y / data.top) * plotAreaHeight;
  const fromPx = (x: number) => data.start + ((x - left) / (right - left)) * span;
  const fromPy = (y: number) => ((plotBottom - y) / plotAreaHeight) * data.top;
  const radius = (p: ScoredPoint) => (p.baseline ? 10 : p.flagged ? 9 : 6);
  const stripBottom = py(data.phaseBottom);
  const inPlot = (b: Box) => b.x1 >= left - 2 && b.x2 <= right + 2 && b.y1 >= stripBottom && b.y2 <= plotBottom;

  const taken: Box[] = [];
  const free = (b: Box) => inPlot(b) && !taken.some((o) => overlaps(o, b));

  // Markers: a dot, a flagged triangle, the baseline's ring; then the lines an event draws across the plot.
  for (const p of data.points) {
    const r = radius(p);
    taken.push({ x1: px(p.x) - r, x2: px(p.x) + r, y1: py(p.y) - r, y2: py(p.y) + r });
  }
  for (const a of data.annotations) {
    taken.push({ x1: px(a.x) - 1, x2: px(a.x) + 1, y1: py(data.maxTotal), y2: plotBottom });
  }

  let baselineLabel: ChartLayout['baselineLabel'] = null;
  if (data.baseline) {
    const w = t('chart.baseline').length * charWidth;
    const y = py(data.baseline.y) - 7;
    const afterRing = px(data.baseline.x) + 14;
    const spots = [
      { x1: right - w, x: right, anchor: 'end' as const },
      { x1: afterRing, x: afterRing, anchor: 'start' as const },
    ];
    for (const spot of spots) {
      const box = { x1: spot.x1, x2: spot.x1 + w, y1: y - lineHeight / 2, y2: y + lineHeight / 2 };
      if (free(box)) {
        taken.push(box);
        baselineLabel = { x: fromPx(spot.x), anchor: spot.anchor };
        break;
      }
    }
  }

  const values: ChartLayout['values'][number][] = [];
  for (const point of data.points) {
    const w = String(point.y).length * digitWidth + 2;
    for (const spot of ['above', 'below', 'right', 'left'] as const) {
      const { dx, dy } = valueOffset(spot, radius(point));
      const anchor = valueAnchor[spot];
      const x = px(point.x) + dx;
      const y = py(point.y) + dy;
      const x1 = anchor === 'middle' ? x - w / 2 : anchor === 'start' ? x : x - w;
      const box = { x1, x2: x1 + w, y1: y - lineHeight / 2, y2: y + lineHeight / 2 };
      if (free(box)) {
        taken.push(box);
        values.push({ point, spot, anchor, x: fromPx(x), y: fromPy(y), box });
        break;
      }
    }
  }

  const labels: ChartLayout['labels'][number][] = [];
  for (const annotation of data.annotations) {
    const length = annotation.label.length * charWidth;
    const other = annotation.labelAt === 'top' ? 'bottom' : 'top';
    const spots: LabelSpot[] = labelOffsets.flatMap((offset) => [
      { from: annotation.labelAt, side: 'right' as const, offset },
      { from: other, side: 'right' as const, offset },
      { from: annotation.labelAt, side: 'left' as const, offset },
      { from: other, side: 'left' as const, offset },
    ]);
    for (const spot of spots) {
      const x = px(annotation.x) + (spot.side === 'right' ? spot.offset : -spot.offset);
      const y1 = spot.from === 'top' ? py(data.maxTotal * 0.97) : py(data.maxTotal * 0.06) - length;
      const box = { x1: x - 7, x2: x + 7, y1, y2: y1 + length };
      if (free(box)) {
        taken.push(box);
        labels.push({ annotation, spot, x: fromPx(x), box });
        break;
      }
    }
  }

  const bandRanges = data.bands.filter((b) => py(b.y1) - py(b.y2) >= lineHeight);
  const phaseNames = data.phases.filter((p) => p.label.length * charWidth + 6 <= px(p.x2) - px(p.x1));
  return {
    width,
    height,
    marginTop,
    marginRight,
    marginBottom,
    marginLeft,
    ticks: thinTicks(data.ticks, right - left),
    values,
    labels,
    bandRanges,
    phaseNames,
    baselineLabel,
  };
}
