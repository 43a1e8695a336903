import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import { phaseLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';
import { type ChartData, plotAreaHeight, thinTicks } from './chart-data.js';

const marginTop = 8;
const marginBottom = 44;

/**
 * Plot builds an SVG; the page's Content-Security-Policy (style-src 'self') refuses inline <style> elements, and
 * Plot always puts one in. It is removed before the SVG joins the page (a detached <style> is never applied, so the
 * browser never checks it), and app CSS under the `measure-plot` class does its job. Plot is given no `style` option,
 * so it sets no inline styles either.
 */
function draw(data: ChartData, width: number, label: string): SVGSVGElement | HTMLElement {
  // The bands' names sit in a gutter to the right of the plot, beside their band, clear of the scores.
  const gutter = width < 520 ? 92 : 124;
  const ticks = thinTicks(data.ticks, width - gutter - 40);
  const numberAt = new Map(data.ticks.map((tick) => [tick.x.getTime(), tick.n]));
  const flagged = data.points.filter((p) => p.flagged);
  const plain = data.points.filter((p) => !p.flagged);
  const phaseTop = data.maxTotal + (data.top - data.maxTotal) * 0.15;
  const chart = Plot.plot({
    className: 'measure-plot',
    width,
    height: plotAreaHeight + marginTop + marginBottom,
    marginTop,
    marginLeft: 40,
    marginRight: gutter,
    marginBottom,
    ariaLabel: label,
    x: {
      type: 'utc',
      domain: [data.start, data.end],
      label: ticks.length > 0 ? t('chart.axisSession') : t('chart.axisDate'),
      labelAnchor: 'center',
      labelArrow: 'none',
      ...(ticks.length > 0
        ? { ticks: ticks.map((tick) => tick.x), tickFormat: (d: Date) => String(numberAt.get(d.getTime()) ?? '') }
        : { ticks: Math.max(2, Math.floor(width / 110)) }),
    },
    y: {
      domain: [0, data.top],
      ticks: [0, ...data.bands.slice(1).map((b) => b.y1), data.maxTotal],
      label: t('chart.axisTotal'),
      labelArrow: 'none',
    },
    marks: [
      // Severity bands, each with its words: colour is never the only signal.
      ...data.bands.map((band) =>
        Plot.rectY([band], {
          x1: data.start,
          x2: data.end,
          y1: 'y1',
          y2: 'y2',
          className: `band band-${band.index}`,
        }),
      ),
      Plot.text(data.bands, {
        x: data.end,
        y: (b: ChartData['bands'][number]) => (b.y1 + b.y2) / 2,
        text: (b: ChartData['bands'][number]) => `${b.label}\n${b.range}`,
        textAnchor: 'start',
        lineWidth: (gutter - 10) / 11,
        dx: 6,
        className: 'band-label',
      }),
      // Phases: a labelled strip above the scores, and a faint line where each begins.
      ...data.phases.map((phase) =>
        Plot.rect([phase], {
          x1: 'x1',
          x2: 'x2',
          y1: phaseTop,
          y2: data.top,
          className: `phase-span phase-${phase.phase}`,
          inset: 1,
        }),
      ),
      Plot.text(data.phases, {
        x: (p: ChartData['phases'][number]) => new Date((p.x1.getTime() + p.x2.getTime()) / 2),
        y: (phaseTop + data.top) / 2,
        text: (p: ChartData['phases'][number]) => phaseLabel(p.phase),
        className: 'phase-label',
      }),
      Plot.ruleX(data.phases.slice(1), { x: 'x1', y1: 0, y2: data.top, className: 'phase-boundary' }),
      // Interpersonal events and notes: a marker on the time axis, a line, and the label beside it, set off far
      // enough that a score drawn on the same day stays readable.
      Plot.ruleX(data.annotations, { x: 'x', y1: 0, y2: data.maxTotal, className: 'annotation-rule' }),
      Plot.dot(data.annotations, { x: 'x', y: 0, symbol: 'diamond', r: 6, className: 'annotation-mark' }),
      ...(['top', 'bottom'] as const).map((side) =>
        Plot.text(
          data.annotations.filter((a) => a.labelAt === side),
          {
            x: 'x',
            y: side === 'top' ? data.maxTotal * 0.97 : data.maxTotal * 0.06,
            text: 'label',
            rotate: -90,
            textAnchor: side === 'top' ? 'end' : 'start',
            dx: 13,
            className: 'annotation-label',
          },
        ),
      ),
      // The baseline: a dashed line at the first score, and a ring round that point.
      ...(data.baseline
        ? [
            Plot.ruleY([data.baseline], { y: 'y', x1: data.baseline.x, x2: data.end, className: 'baseline-rule' }),
            Plot.text([data.baseline], {
              x: data.end,
              y: 'y',
              text: () => t('chart.baseline'),
              textAnchor: 'end',
              dy: -7,
              className: 'baseline-label',
            }),
            Plot.dot([data.baseline], { x: 'x', y: 'y', r: 10, symbol: 'circle', className: 'baseline-ring' }),
          ]
        : []),
      // The trajectory. A flagged answer is a triangle, not only a colour.
      Plot.line(data.points, { x: 'x', y: 'y', className: 'score-line' }),
      Plot.dot(plain, { x: 'x', y: 'y', r: 5, symbol: 'circle', className: 'score-dot' }),
      Plot.dot(flagged, { x: 'x', y: 'y', r: 9, symbol: 'triangle', className: 'score-flagged' }),
      Plot.text(data.points, { x: 'x', y: 'y', text: 'y', dy: -14, className: 'score-value' }),
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
 * Narrower than this, the plot would have no room between its margins (40 px of axis, up to 124 px of band names):
 * it is not drawn, and the scores table beside it still says everything. Layout passes (printing, a section opening)
 * can report a width of a pixel or two for a moment.
 */
const minimumWidth = 240;

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
