import type { MeasuresView, ProgressReview } from '@ipt/contract';
import { lazy, Suspense, useId, useMemo } from 'react';
import { formatDate, formatDayMonth, t } from '../../i18n/t.js';
import { chartData } from '../../measures/chart-data.js';
import { judgementText } from '../../middle/judgement.js';
import { TableScroll } from '../../layout/TableScroll.js';
import { Heading, type Level } from './Heading.js';

// The drawing library is loaded only where a chart is shown.
const MeasureChart = lazy(() => import('../../measures/MeasureChart.js').then((m) => ({ default: m.MeasureChart })));

type Measure = ProgressReview['measures'][number];

/**
 * The measure trajectory from baseline (issue item 8): each instrument's chart, and response, remission and reliable
 * change in words, as core judged them with its definitions. Nothing here is typed by anyone.
 */
export function MeasuresReview({
  review,
  measures,
  level,
}: {
  review: ProgressReview;
  measures: MeasuresView | undefined;
  level: Level;
}) {
  if (review.measures.length === 0) return <p className="empty">{t('review.noMeasures')}</p>;
  const primary = review.measures.find((m) => m.instrumentId === review.primaryInstrumentId);
  return (
    <div className="review-measures">
      <p className="review-verdict">
        {primary
          ? t('review.primaryVerdict', { instrument: primary.shortName, verdict: primary.verdict })
          : t('review.noPrimary')}
      </p>
      {review.measures.map((m) => (
        <MeasureReview key={m.instrumentId} measure={m} measures={measures} level={level} />
      ))}
    </div>
  );
}

function MeasureReview({
  measure,
  measures,
  level,
}: {
  measure: Measure;
  measures: MeasuresView | undefined;
  level: Level;
}) {
  const series = measures?.series.find((s) => s.instrumentId === measure.instrumentId);
  const data = useMemo(() => (measures && series ? chartData(measures, series) : null), [measures, series]);
  const { baseline, latest } = measure;
  const sustained = measure.sustainedRecovery;
  const rows = [
    [t('interpretation.response'), judgementText(measure.response)],
    [t('interpretation.remission'), judgementText(measure.remission)],
    [t('interpretation.reliableImprovement'), judgementText(measure.reliableImprovement)],
    [t('interpretation.reliableDeterioration'), judgementText(measure.reliableDeterioration)],
    [t('interpretation.belowCutOff'), judgementText(measure.belowCutOff)],
    [t('interpretation.iaptRecovery'), judgementText(measure.iaptRecovery)],
    [
      t('interpretation.sustainedRecovery'),
      sustained.since
        ? t('review.sustainedSince', { judgement: judgementText(sustained), since: formatDate(sustained.since) })
        : judgementText(sustained),
    ],
  ] as const;
  return (
    <section className="review-measure" aria-label={measure.shortName}>
      <Heading level={level}>{measure.shortName}</Heading>
      <p>
        {baseline && latest && measure.change !== null
          ? t('review.trajectory', {
              baseline: baseline.total,
              baselineBand: baseline.band ?? '—',
              baselineDate: formatDate(baseline.date),
              latest: latest.total,
              latestBand: latest.band ?? '—',
              latestDate: formatDate(latest.date),
              change: measure.change > 0 ? `+${measure.change}` : String(measure.change),
            })
          : baseline
            ? t('review.baselineOnly', { baseline: baseline.total, date: formatDate(baseline.date) })
            : t('review.noBaseline')}
      </p>
      {data && data.points.length > 0 && (
        <figure className="series-figure review-chart">
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <MeasureChart data={data} label={t('review.chartLabel', { instrument: measure.shortName })} />
          </Suspense>
        </figure>
      )}
      <PointsTable measure={measure} />
      <p className="review-reading">{measure.sentence}</p>
      <dl className="interpretation review-judgements">
        {rows.map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The chart's points as text, one column a score: its session, its date, its total. */
function PointsTable({ measure }: { measure: Measure }) {
  const captionId = useId();
  if (measure.points.length === 0) return null;
  // "18 Aug", with the year where it starts or changes: the row stays short enough to read across.
  const short = (date: string, i: number) =>
    i === 0 || measure.points[i - 1]?.date.slice(0, 4) !== date.slice(0, 4)
      ? formatDate(date).replace(/^\w+, /, '')
      : formatDayMonth(date);
  return (
    <TableScroll labelledBy={captionId}>
      <table className="table review-points">
        <caption id={captionId}>{t('review.pointsCaption', { instrument: measure.shortName })}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('review.col.session')}</th>
            {measure.points.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the points are in date order and never edited here.
              <th key={i} scope="col" className="num">
                {p.sessionNumber ?? '—'}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('review.col.date')}</th>
            {measure.points.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above.
              <td key={i} className="num nowrap">
                {short(p.date, i)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('review.col.total', { max: measure.maxTotal })}</th>
            {measure.points.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above.
              <td key={i} className="num">
                {p.total}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableScroll>
  );
}
