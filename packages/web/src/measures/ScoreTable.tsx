import { formatDate, t } from '../i18n/t.js';
import { TableScroll } from '../layout/TableScroll.js';
import { useId } from 'react';
import { type ChartData, type Series, sessionCell } from './chart-data.js';

/**
 * The chart's text alternative: the same scores as a table, in the chart's order (by session), always on the page
 * and in print. The Session column says where each sits: its session, or between which sessions it was answered.
 */
export function ScoreTable({ series, data }: { series: Series; data: ChartData }) {
  const captionId = useId();
  return (
    <TableScroll labelledBy={captionId}>
      <table className="table score-table">
        <caption id={captionId}>{t('scores.caption', { instrument: series.shortName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scores.col.session')}</th>
            <th scope="col">{t('scores.col.date')}</th>
            <th scope="col">{t('scores.col.total')}</th>
            <th scope="col">{t('scores.col.band')}</th>
            <th scope="col">{t('scores.col.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((p) => (
            <tr key={p.administrationId}>
              <th scope="row" className="score-session">
                {sessionCell(p.place)}
              </th>
              <td className="score-date">{formatDate(p.date)}</td>
              <td className="num score-total">
                {p.scorable && p.total !== null
                  ? t('scores.total', { total: p.total, max: series.maxTotal })
                  : t('scores.notScorable')}
              </td>
              <td>{p.band ?? t('scores.noBand')}</td>
              <td>
                {p.riskNotAsked ? (
                  <span className="risk-word">
                    <span aria-hidden="true">▲ </span>
                    {t('scores.notAsked')}
                  </span>
                ) : p.flagged ? (
                  <span className="risk-word">
                    <span aria-hidden="true">▲ </span>
                    {t('scores.flagged')}
                  </span>
                ) : (
                  t('scores.notFlagged')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
