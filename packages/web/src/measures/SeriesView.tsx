import type { MeasuresView } from '@ipt/contract';
import { lazy, Suspense, useId, useMemo } from 'react';
import { t } from '../i18n/t.js';
import { chartData, type Series } from './chart-data.js';
import { ChartKey } from './ChartKey.js';
import { InterpretationList } from './InterpretationList.js';
import { ScoreTable } from './ScoreTable.js';

// The drawing library is loaded only where a chart is shown, not on the patient's questionnaire page.
const MeasureChart = lazy(() => import('./MeasureChart.js').then((m) => ({ default: m.MeasureChart })));

/** One instrument over the course: the chart with its key, what the scores mean, and the same data as a table. */
export function SeriesView({ view, series }: { view: MeasuresView; series: Series }) {
  const headingId = useId();
  const data = useMemo(() => chartData(view, series), [view, series]);
  const label = t('chart.label', { instrument: series.shortName });
  return (
    <section className="series" aria-labelledby={headingId}>
      <h4 id={headingId}>{series.shortName}</h4>
      {data.points.length === 0 ? (
        <p className="empty">{t('measures.noScores')}</p>
      ) : (
        <div className="series-body">
          <figure className="series-figure">
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              <MeasureChart data={data} label={label} />
            </Suspense>
            <figcaption>
              <ChartKey data={data} />
            </figcaption>
          </figure>
          <InterpretationList series={series} />
        </div>
      )}
      {series.points.length > 0 && <ScoreTable series={series} data={data} />}
    </section>
  );
}
