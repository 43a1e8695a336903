import { formatDate, t } from '../i18n/t.js';
import type { ChartData } from './chart-data.js';

/**
 * The chart's key in words and the same shapes the chart uses, so shape, not colour, tells the marks apart; each
 * severity band's name with its range and its shade (the chart writes only the range beside the band, so no name is
 * ever cut off); and every event or note in full, with where it sits on the chart.
 */
export function ChartKey({ data }: { data: ChartData }) {
  return (
    <div className="chart-keys">
      <ul className="chart-key">
        <li>
          <span aria-hidden="true" className="key-shape key-dot">
            ●
          </span>
          {t('chart.keyScore')}
        </li>
        <li>
          <span aria-hidden="true" className="key-shape key-flagged">
            ▲
          </span>
          {t('chart.keyFlagged')}
        </li>
        <li>
          <span aria-hidden="true" className="key-shape key-baseline">
            ◯
          </span>
          {t('chart.keyBaseline')}
        </li>
        {data.annotations.length > 0 && (
          <li>
            <span aria-hidden="true" className="key-shape key-annotation">
              ◆
            </span>
            {t('chart.keyAnnotation')}
          </li>
        )}
      </ul>
      <p className="chart-key-title">{t('chart.keyBands')}</p>
      <ul className="chart-key chart-bands">
        {[...data.bands].reverse().map((band) => (
          <li key={band.index}>
            <span aria-hidden="true" className={`key-swatch key-band-${band.index}`} />
            <span className="key-range">{band.range}</span> {band.label}
          </li>
        ))}
      </ul>
      {data.annotations.length > 0 && (
        <>
          <p className="chart-key-title">{t('chart.keyEvents')}</p>
          <ul className="chart-events">
            {data.annotations.map((a) => (
              <li key={a.id}>
                <span aria-hidden="true" className="key-shape key-annotation">
                  ◆
                </span>{' '}
                {t('chart.event', { date: formatDate(a.date), where: a.where, label: a.fullLabel })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
