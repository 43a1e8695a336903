import { useEffect, useId, useRef } from 'react';
import { versioned } from '../api.js';
import { categoryLabel, episodeKindLabel, episodeTypeLabel } from '../i18n/initial-labels.js';
import { locale, t } from '../i18n/t.js';
import { useInitial } from './initial-context.js';
import { layoutTimeline, timelineSize } from './timeline-layout.js';

const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
const monthLabel = (m: number) => monthFormat.format(new Date(Date.UTC(2000, m - 1, 15)));

/** A generous width per character of a bold 13px label, to keep labels inside the drawing. */
const labelCharWidth = 8;

/** A diamond around (x, y): the shape that marks an event near the onset, so colour is not the only signal. */
const diamond = (x: number, y: number, r: number) => `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`;

/**
 * The horizontal timeline, drawn by hand in SVG: episodes as bars above the line, life events as numbered marks
 * under it (a diamond near the onset, a circle otherwise, a dashed circle labelled "planned" for an event still to
 * come, after the today line), the window around the onset shaded and labelled. Styled
 * only by classes (the CSP allows no inline styles); the table after it says the same in words.
 */
export function TimelineChart() {
  const { view, today } = useInitial();
  const titleId = useId();
  const descId = useId();
  const episodes = view.episodes.map(versioned);
  const events = view.events.map(versioned);
  const layout = layoutTimeline({
    episodes,
    events,
    proximal: (id) => view.proximal.some((p) => p.eventId === id && p.proximal),
    today,
    monthLabel,
  });
  const { axisY, width, height } = layout;
  // On a phone the drawing is wider than the screen: it opens on the onset (or today), where the story is.
  const scroller = useRef<HTMLDivElement>(null);
  const focusX = layout.onsetX ?? layout.todayX;
  useEffect(() => {
    const box = scroller.current;
    if (!box || box.scrollWidth <= box.clientWidth) return;
    box.scrollLeft = (focusX / width) * box.scrollWidth - box.clientWidth / 2;
  }, [focusX, width]);
  const r = timelineSize.markerRadius;
  const byId = new Map(events.map((e) => [e.id, e]));
  // The "Today" and "Near onset" labels share the top line; when they would overlap, the window's goes to its foot.
  const todayLabel = { from: layout.todayX - 4 - t('timeline.today').length * labelCharWidth, to: layout.todayX - 4 };
  const windowLabel = layout.window && {
    from: layout.window.x1 + 6,
    to: layout.window.x1 + 6 + t('timeline.window').length * labelCharWidth,
  };
  const labelsMeet = windowLabel !== null && windowLabel.from < todayLabel.to && todayLabel.from < windowLabel.to;
  const windowLabelY = labelsMeet ? height - 12 : 20;
  return (
    <figure className="timeline-figure">
      {/* On a phone the drawing keeps a legible size and scrolls sideways inside this box, not the page. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1). */}
      <div ref={scroller} className="timeline-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
        <svg
          className="timeline-chart"
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
        >
          <title id={titleId}>{t('timeline.chartTitle')}</title>
          <desc id={descId}>{t('timeline.chartDesc')}</desc>
          {layout.window && (
            <g className="timeline-window">
              <rect
                x={layout.window.x1}
                y={6}
                width={layout.window.x2 - layout.window.x1}
                height={height - 12}
                rx={4}
              />
              <text x={layout.window.x1 + 6} y={windowLabelY}>
                {t('timeline.window')}
              </text>
            </g>
          )}
          <line
            className="timeline-axis"
            x1={timelineSize.margin / 2}
            x2={width - timelineSize.margin / 2}
            y1={axisY}
            y2={axisY}
          />
          {layout.ticks.map((tick) => (
            <g key={tick.x} className={tick.major ? 'timeline-tick major' : 'timeline-tick'}>
              <line x1={tick.x} x2={tick.x} y1={axisY - (tick.major ? 6 : 3)} y2={axisY + (tick.major ? 6 : 3)} />
              {tick.label && (
                <text x={tick.x} y={axisY + 20} textAnchor="middle">
                  {tick.label}
                </text>
              )}
            </g>
          ))}
          {layout.episodes.map((e) => {
            const episode = episodes.find((x) => x.id === e.id);
            const name = episode
              ? t('timeline.episodeName', {
                  kind: episodeKindLabel(episode.kind),
                  type: episodeTypeLabel(episode.type),
                })
              : '';
            return (
              <g key={e.id} className={e.current ? 'timeline-episode current' : 'timeline-episode'}>
                <rect x={e.x1} y={axisY - 30} width={Math.max(4, e.x2 - e.x1)} height={20} rx={3} />
                {e.ongoing && <line className="ongoing" x1={e.x2} x2={e.x2} y1={axisY - 30} y2={axisY - 10} />}
                {/* A label that would run off the right edge ends at the bar's end instead. */}
                <text
                  x={e.x1 + 4 + name.length * labelCharWidth > width - 4 ? Math.min(e.x2, width - 4) : e.x1 + 4}
                  y={axisY - 36}
                  textAnchor={e.x1 + 4 + name.length * labelCharWidth > width - 4 ? 'end' : 'start'}
                >
                  {name}
                </text>
              </g>
            );
          })}
          {layout.onsetX !== null && (
            <g className="timeline-onset">
              <line x1={layout.onsetX} x2={layout.onsetX} y1={26} y2={height - 8} />
              <text x={layout.onsetX + 5} y={36}>
                {t('timeline.onset')}
              </text>
            </g>
          )}
          <g className="timeline-today">
            <line x1={layout.todayX} x2={layout.todayX} y1={26} y2={axisY + 8} />
            <text x={layout.todayX - 4} y={20} textAnchor="end">
              {t('timeline.today')}
            </text>
          </g>
          {layout.events.map((e) => {
            const event = byId.get(e.id);
            const classes = ['timeline-event', e.proximal ? 'proximal' : '', e.planned ? 'planned' : '']
              .filter(Boolean)
              .join(' ');
            return (
              <g key={e.id} className={classes} data-event={e.n} data-planned={e.planned ? 'true' : undefined}>
                <title>
                  {event
                    ? t(e.planned ? 'timeline.markTitlePlanned' : 'timeline.markTitle', {
                        n: e.n,
                        category: categoryLabel(event.category),
                        description: event.description,
                      })
                    : String(e.n)}
                </title>
                <line className="stem" x1={e.x} x2={e.x} y1={axisY} y2={e.y - r} />
                {e.x2 - e.x1 > 2 && <line className="span" x1={e.x1} x2={e.x2} y1={e.y} y2={e.y} />}
                {e.proximal ? <polygon points={diamond(e.x, e.y, r + 3)} /> : <circle cx={e.x} cy={e.y} r={r} />}
                <text x={e.x} y={e.y + 4} textAnchor="middle">
                  {e.n}
                </text>
                {e.planned && (
                  <text className="planned-label" x={e.x} y={e.y + r + 11} textAnchor="middle">
                    {t('timeline.plannedMark')}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="chart-key">
        <span className="chart-key-title">{t('timeline.key')}</span>
        <span className="chart-key-item">
          <svg viewBox="0 0 28 14" className="key-icon" aria-hidden="true">
            <rect className="key-episode" x="1" y="2" width="26" height="10" rx="2" />
          </svg>
          {t('timeline.keyEpisode')}
        </span>
        <span className="chart-key-item">
          <svg viewBox="0 0 18 18" className="key-icon" aria-hidden="true">
            <polygon className="key-proximal" points={diamond(9, 9, 8)} />
          </svg>
          {t('timeline.keyProximal')}
        </span>
        <span className="chart-key-item">
          <svg viewBox="0 0 18 18" className="key-icon" aria-hidden="true">
            <circle className="key-other" cx="9" cy="9" r="7" />
          </svg>
          {t('timeline.keyOther')}
        </span>
        <span className="chart-key-item">
          <svg viewBox="0 0 18 18" className="key-icon" aria-hidden="true">
            <circle className="key-planned" cx="9" cy="9" r="7" />
          </svg>
          {t('timeline.keyPlanned')}
        </span>
        <span className="chart-key-item">
          <svg viewBox="0 0 28 14" className="key-icon" aria-hidden="true">
            <line className="key-span" x1="1" x2="27" y1="7" y2="7" />
          </svg>
          {t('timeline.keyApprox')}
        </span>
      </figcaption>
    </figure>
  );
}
