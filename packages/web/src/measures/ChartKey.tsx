import { t } from '../i18n/t.js';

/** The chart's key in words and the same shapes the chart uses, so shape, not colour, tells the marks apart. */
export function ChartKey({ hasAnnotations }: { hasAnnotations: boolean }) {
  return (
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
      {hasAnnotations && (
        <li>
          <span aria-hidden="true" className="key-shape key-annotation">
            ◆
          </span>
          {t('chart.keyAnnotation')}
        </li>
      )}
      <li>{t('chart.keyBands')}</li>
    </ul>
  );
}
