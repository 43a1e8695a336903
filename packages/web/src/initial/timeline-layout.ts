/**
 * Where each thing goes on the horizontal timeline, as plain numbers, so the drawing stays simple and this part can
 * be tested. Dates are placed by core's midpoints; an approximate date also gets the span it could stand for, so
 * "2025" is drawn as the whole year, not as a day someone guessed. Proximity to onset is the server's (core's) call.
 */
import {
  type Episode,
  EpisodeKind,
  type LifeEvent,
  midpointDay,
  ProximalWindow,
  shiftMonthsDay,
  sortByDate,
  type TimelineDate,
  timelineDateRange,
} from '@ipt/core';

const msPerDay = 86_400_000;
const dayOfIso = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / msPerDay;
const span = (d: TimelineDate) => {
  const { first, last } = timelineDateRange(d);
  return { first: dayOfIso(first), last: dayOfIso(last) };
};

export const timelineSize = {
  width: 960,
  margin: 28,
  axisY: 92,
  laneHeight: 34,
  markerRadius: 11,
  /** Half the width of the "planned" label under a planned mark (11px text). */
  plannedLabelHalf: 26,
} as const;

export interface PlacedEvent {
  readonly id: string;
  /** The event's number in the chart and in the table beside it. */
  readonly n: number;
  readonly x: number;
  readonly y: number;
  /** The span an approximate date stands for (x1 = x2 for a day). */
  readonly x1: number;
  readonly x2: number;
  readonly proximal: boolean;
  /** Expected, not yet happened: drawn dashed, with a "planned" label under the mark. */
  readonly planned: boolean;
}

export interface PlacedEpisode {
  readonly id: string;
  readonly x1: number;
  readonly x2: number;
  readonly current: boolean;
  /** No end recorded: drawn up to today, open-ended. */
  readonly ongoing: boolean;
}

export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly axisY: number;
  readonly ticks: readonly { readonly x: number; readonly label: string; readonly major: boolean }[];
  readonly episodes: readonly PlacedEpisode[];
  readonly onsetX: number | null;
  /** The window around the current onset within which events count as proximal (default ±3 months). */
  readonly window: { readonly x1: number; readonly x2: number } | null;
  readonly todayX: number;
  readonly events: readonly PlacedEvent[];
}

/** Events in timeline order, numbered from 1: the chart and the table use the same numbers. */
export function numberEvents<T extends { readonly date: TimelineDate }>(events: readonly T[]): (T & { n: number })[] {
  return sortByDate(events).map((e, i) => ({ ...e, n: i + 1 }));
}

export function layoutTimeline(input: {
  readonly episodes: readonly Episode[];
  readonly events: readonly LifeEvent[];
  readonly proximal: (eventId: string) => boolean;
  readonly today: string;
  readonly monthLabel: (month: number) => string;
  readonly windowMonths?: number;
}): TimelineLayout {
  const { width, margin, axisY, laneHeight, markerRadius, plannedLabelHalf } = timelineSize;
  const today = dayOfIso(input.today);
  const current = input.episodes.find((e) => e.kind === EpisodeKind.current) ?? null;
  const windowMonths = input.windowMonths ?? ProximalWindow.defaultMonths;
  const onset = current ? midpointDay(current.start) : null;
  const window =
    onset === null ? null : { from: shiftMonthsDay(onset, -windowMonths), to: shiftMonthsDay(onset, windowMonths) };

  const days: number[] = [today];
  for (const e of input.episodes) {
    days.push(span(e.start).first);
    if (e.end) days.push(span(e.end).last);
  }
  for (const e of input.events) days.push(span(e.date).first, span(e.date).last);
  if (window) days.push(window.from, window.to);
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const pad = Math.max(20, (hi - lo) * 0.04);
  const d0 = lo - pad;
  const d1 = hi + pad;
  const x = (day: number) => margin + ((day - d0) / (d1 - d0)) * (width - 2 * margin);

  // Years as major ticks; quarters (or months, on a short timeline) as minor ones.
  const ticks: { x: number; label: string; major: boolean }[] = [];
  const y0 = new Date(d0 * msPerDay).getUTCFullYear();
  const y1 = new Date(d1 * msPerDay).getUTCFullYear();
  const years = y1 - y0 + 1;
  const step = years > 12 ? 5 : years > 6 ? 2 : 1;
  const monthStep = years <= 2 ? 1 : years <= 4 ? 3 : 0;
  for (let y = y0; y <= y1; y++) {
    for (let m = 0; m < 12; m += monthStep || 12) {
      const day = Date.UTC(y, m, 1) / msPerDay;
      if (day < d0 || day > d1) continue;
      const major = m === 0;
      if (major && (y - y0) % step !== 0) continue;
      const month = monthStep === 1 && m % 3 !== 0 ? '' : input.monthLabel(m + 1);
      // The first label on the axis always says which year it is.
      const withYear = month !== '' && !ticks.some((tick) => tick.label !== '');
      ticks.push({ x: x(day), label: major ? String(y) : withYear ? `${month} ${y}` : month, major });
    }
  }

  const episodes = input.episodes.map((e) => ({
    id: e.id,
    x1: x(span(e.start).first),
    x2: x(e.end ? span(e.end).last : today),
    current: e.kind === EpisodeKind.current,
    ongoing: !e.end,
  }));

  // Markers go in lanes under the axis; a marker too close to the last one in a lane drops to the next lane. A
  // planned mark is as wide as its label.
  const laneEnds: number[] = [];
  const events = numberEvents(input.events).map((e) => {
    const s = span(e.date);
    const cx = x(midpointDay(e.date));
    const planned = e.planned === true;
    const half = planned ? plannedLabelHalf : markerRadius * 1.3;
    let lane = laneEnds.findIndex((end) => cx - half >= end);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = cx + half;
    return {
      id: e.id,
      n: e.n,
      x: cx,
      y: axisY + 38 + lane * laneHeight,
      x1: x(s.first),
      x2: x(s.last),
      proximal: input.proximal(e.id),
      planned,
    };
  });
  const lanes = Math.max(1, laneEnds.length);
  return {
    width,
    height: axisY + 38 + (lanes - 1) * laneHeight + markerRadius + 34,
    axisY,
    ticks,
    episodes,
    onsetX: onset === null ? null : x(onset),
    window: window ? { x1: x(window.from), x2: x(window.to) } : null,
    todayX: x(today),
    events,
  };
}
