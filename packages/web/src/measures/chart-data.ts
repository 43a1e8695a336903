/**
 * What one instrument's chart draws, worked out from the server's MeasuresView: dates as instants on one time axis,
 * severity bands as stacked rectangles with their words, phases as labelled spans, session numbers as the ticks.
 * Pure, so the chart component only hands it to the drawing library.
 */
import type { MeasuresView } from '@ipt/contract';
import type { Phase } from '@ipt/core';

export type Series = MeasuresView['series'][number];
export type Point = Series['points'][number];

const day = 24 * 60 * 60 * 1000;

/** Room above the highest possible score, as a share of it: the phase strip is drawn there. */
const headroom = 1.16;

/** A calendar date as the UTC instant it starts, so no time zone moves it a day. */
export const instant = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export interface ChartBand {
  readonly index: number;
  readonly label: string;
  readonly range: string;
  readonly y1: number;
  readonly y2: number;
}

export interface ChartPhase {
  readonly phase: Phase;
  readonly x1: Date;
  readonly x2: Date;
}

export interface ScoredPoint extends Point {
  readonly x: Date;
  readonly y: number;
  readonly baseline: boolean;
}

export interface ChartData {
  readonly start: Date;
  readonly end: Date;
  readonly maxTotal: number;
  /** The top of the drawing: room above the highest score for the phase strip. */
  readonly top: number;
  readonly bands: readonly ChartBand[];
  readonly phases: readonly ChartPhase[];
  readonly points: readonly ScoredPoint[];
  readonly baseline: ScoredPoint | undefined;
  /** Session ticks: where each session falls, and its number. Empty when no session has a date yet. */
  readonly ticks: readonly { readonly x: Date; readonly n: number }[];
  readonly annotations: readonly ChartAnnotation[];
}

export interface ChartAnnotation {
  readonly x: Date;
  readonly label: string;
  readonly kind: string;
  /** Where the label runs from: the top, unless a score near that date sits high, then the bottom. */
  readonly labelAt: 'top' | 'bottom';
}

/**
 * Bands are whole-number ranges ("5–9"); each is drawn from its minimum up to the next band's minimum, so they meet
 * without a gap, and the last one reaches the maximum total.
 */
function chartBands(series: Series): ChartBand[] {
  const sorted = [...series.bands].sort((a, b) => a.min - b.min);
  return sorted.map((band, index) => ({
    index,
    label: band.label,
    range: band.min === band.max ? String(band.min) : `${band.min}–${band.max}`,
    y1: band.min,
    y2: Math.min(sorted[index + 1]?.min ?? series.maxTotal, series.maxTotal),
  }));
}

export function chartData(view: MeasuresView, series: Series, today: string): ChartData {
  // `today` only stands in for a course with nothing dated yet.
  const scored = series.points
    .filter((p): p is Point & { total: number } => p.scorable && p.total !== null)
    .sort((a, b) => a.date.localeCompare(b.date));
  const first = scored[0];
  const points = scored.map((p) => ({ ...p, x: instant(p.date), y: p.total, baseline: p === first }));
  const dates = [
    ...series.points.map((p) => p.date),
    ...view.sessions.map((s) => s.date),
    ...view.phases.map((p) => p.from),
    ...view.annotations.map((a) => a.date),
  ].sort();
  const startDate = dates[0] ?? today;
  const lastDate = dates.at(-1) ?? today;
  // A phase still open reaches a week past the last thing that happened, so the latest point is never at the edge.
  const open = view.phases.some((p) => p.to === null);
  const start = new Date(instant(startDate).getTime() - 2 * day);
  const end = new Date(instant(lastDate).getTime() + (open ? 7 : 2) * day);
  const phases = view.phases
    .filter((p) => p.phase !== 'ended')
    .map((p) => ({ phase: p.phase, x1: instant(p.from), x2: p.to ? instant(p.to) : end }));
  return {
    start,
    end,
    maxTotal: series.maxTotal,
    top: series.maxTotal * headroom,
    bands: chartBands(series),
    phases,
    points,
    baseline: points[0],
    ticks: view.sessions.map((s) => ({ x: instant(s.date), n: s.number })),
    annotations: view.annotations.map((a) => {
      const x = instant(a.date);
      const near = points.filter((p) => Math.abs(p.x.getTime() - x.getTime()) <= 4 * day).map((p) => p.y);
      const label = fitLabel(a.label);
      return { x, label, kind: a.kind, labelAt: labelSide(label, near, series.maxTotal) };
    }),
  };
}

/** The drawing's plot area in pixels, and what one character of an 11px label takes: to tell what a label covers. */
export const plotAreaHeight = 288;
const charWidth = 6.6;

/**
 * An annotation's label runs along its line, so it can be no longer than the plot is high: a longer one (an interval
 * event told in a sentence) is cut at a word with "…". The event's whole words stay in the records and the timeline.
 */
export function fitLabel(label: string, room = Math.floor((plotAreaHeight * 0.9) / charWidth)): string {
  if (label.length <= room) return label;
  const cut = label.slice(0, room - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > room / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * An annotation's label runs along its line, from the top or from the bottom: whichever crosses fewer of the scores
 * drawn near that date (a score's marker and number take about two units of the scale). Ties go to the top.
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
