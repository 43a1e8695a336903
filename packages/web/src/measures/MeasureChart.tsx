import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n/t.js';
import { type ChartData, type ChartLayout, chartLayout } from './chart-data.js';

type Band = ChartData['bands'][number];
type PhaseSpan = ChartData['phases'][number];
type Value = ChartLayout['values'][number];
type Label = ChartLayout['labels'][number];

/**
 * Plot builds an SVG; the page's Content-Security-Policy (style-src 'self') refuses inline <style> elements, and
 * Plot always puts one in. It is removed before the SVG joins the page (a detached <style> is never applied, so the
 * browser never checks it), and app CSS under the `measure-plot` class does its job. Plot is given no `style` option,
 * so it sets no inline styles either.
 *
 * Every word on it is placed by `chartLayout`, which keeps each where it overlaps nothing: a score's value beside its
 * marker, an event's label along its line, a phase's name in its span, a band's range beside the plot. What has no
 * room is left out here and said in the key and the table.
 */
function draw(data: ChartData, width: number, label: string): SVGSVGElement | HTMLElement {
  const layout = chartLayout(data, width);
  const flagged = data.points.filter((p) => p.flagged);
  const plain = data.points.filter((p) => !p.flagged);
  const valueMarks = (['middle', 'start', 'end'] as const).map((anchor) =>
    Plot.text(
      layout.values.filter((v) => v.anchor === anchor),
      {
        x: (v: Value) => v.x,
        y: (v: Value) => v.y,
        text: (v: Value) => String(v.point.y),
        textAnchor: anchor,
        className: 'score-value',
      },
    ),
  );
  const labelMarks = (['top', 'bottom'] as const).map((from) =>
    Plot.text(
      layout.labels.filter((l) => l.spot.from === from),
      {
        x: (l: Label) => l.x,
        y: from === 'top' ? data.maxTotal * 0.97 : data.maxTotal * 0.06,
        text: (l: Label) => l.annotation.label,
        rotate: -90,
        textAnchor: from === 'top' ? 'end' : 'start',
        className: 'annotation-label',
      },
    ),
  );
  const chart = Plot.plot({
    className: 'measure-plot',
    width,
    height: layout.height,
    marginTop: layout.marginTop,
    marginLeft: layout.marginLeft,
    marginRight: layout.marginRight,
    marginBottom: layout.marginBottom,
    ariaLabel: label,
    x: {
      type: 'linear',
      domain: [data.start, data.end],
      label: t('chart.axisSession'),
      labelAnchor: 'center',
      labelArrow: 'none',
      ticks: layout.ticks.map((tick) => tick.x),
      tickFormat: (x: number) => String(x),
    },
    y: {
      domain: [0, data.top],
      ticks: [0, ...data.bands.slice(1).map((b) => b.y1), data.maxTotal],
      label: t('chart.axisTotal'),
      labelArrow: 'none',
    },
    marks: [
      // Severity bands: shaded, their ranges beside the plot, their names in the key (colour is never the only
      // signal, and a name is never cut off by a narrow screen).
      ...data.bands.map((band) =>
        Plot.rectY([band], {
          x1: data.start,
          x2: data.end,
          y1: 'y1',
          y2: 'y2',
          className: `band band-${band.index}`,
        }),
      ),
      Plot.text(layout.bandRanges, {
        x: data.end,
        y: (b: Band) => (b.y1 + b.y2) / 2,
        text: 'range',
        textAnchor: 'start',
        dx: 6,
        className: 'band-label',
      }),
      // Phases: a strip above the scores, named where the name fits, and a faint line where each begins.
      ...data.phases.map((phase) =>
        Plot.rect([phase], {
          x1: 'x1',
          x2: 'x2',
          y1: data.phaseBottom,
          y2: data.top,
          className: `phase-span phase-${phase.phase}`,
          inset: 1,
        }),
      ),
      Plot.text(layout.phaseNames, {
        x: (p: PhaseSpan) => (p.x1 + p.x2) / 2,
        y: (data.phaseBottom + data.top) / 2,
        text: 'label',
        className: 'phase-label',
      }),
      Plot.ruleX(data.phases.slice(1), { x: 'x1', y1: 0, y2: data.top, className: 'phase-boundary' }),
      // Interpersonal events and notes: a marker on the axis, a line, and the label along it where it has room.
      Plot.ruleX(data.annotations, { x: 'x', y1: 0, y2: data.maxTotal, className: 'annotation-rule' }),
      Plot.dot(data.annotations, {
        x: 'x',
        y: 0,
        symbol: 'diamond',
        r: 6,
        className: 'annotation-mark',
        title: (a: ChartData['annotations'][number]) => `${a.where}: ${a.fullLabel}`,
      }),
      ...labelMarks,
      // The baseline: a dashed line at the first score, and a ring round that point.
      ...(data.baseline
        ? [
            Plot.ruleY([data.baseline], { y: 'y', x1: data.baseline.x, x2: data.end, className: 'baseline-rule' }),
            ...(layout.baselineLabel
              ? [
                  Plot.text([data.baseline], {
                    x: layout.baselineLabel.x,
                    y: 'y',
                    text: () => t('chart.baseline'),
                    textAnchor: layout.baselineLabel.anchor,
                    dy: -7,
                    className: 'baseline-label',
                  }),
                ]
              : []),
            Plot.dot([data.baseline], { x: 'x', y: 'y', r: 10, symbol: 'circle', className: 'baseline-ring' }),
          ]
        : []),
      // The trajectory, in session order. A flagged answer is a triangle, not only a colour.
      Plot.line(data.points, { x: 'x', y: 'y', className: 'score-line' }),
      Plot.dot(plain, { x: 'x', y: 'y', r: 5, symbol: 'circle', className: 'score-dot', title: 'title' }),
      Plot.dot(flagged, { x: 'x', y: 'y', r: 9, symbol: 'triangle', className: 'score-flagged', title: 'title' }),
      ...valueMarks,
    ],
  });
  for (const style of chart.querySelectorAll('style')) style.remove();
  // One image with one name; the table below is its text alternative. Plot names each mark's group ("rect",
  // "x-axis tick label"), which ARIA does not allow on a group: the name becomes a class the CSS can still reach.
  for (const part of chart.querySelectorAll('[aria-label]')) {
    part.classList.add(`plot-${(part.getAttribute('aria-label') ?? '').replace(/\W+/g, '-')}`);
    part.removeAttribute('aria-label');
  }
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', label);
  return chart;
}

/**
 * Narrower than this, the plot would have no room between its margins (40 px of axis, up to 50 px of band ranges):
 * it is not drawn, and the scores table beside it still says everything. Layout passes (printing, a section opening)
 * can report a width of a pixel or two for a moment.
 */
const minimumWidth = 200;

/** One instrument's trajectory over the course, drawn to the width it is given. */
export function MeasureChart({ data, label }: { data: ChartData; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = box.current;
    if (!element || width < minimumWidth) return;
    const chart = draw(data, width, label);
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [data, width, label]);

  return <div ref={box} className="measure-chart" />;
}
