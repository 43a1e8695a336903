import { useId } from 'react';
import { formatDate, t } from '../i18n/t.js';
import { TableScroll } from '../layout/TableScroll.js';
import type { Series } from './chart-data.js';

/** The chart's text alternative: the same scores as a table, always on the page and in print. */
export function ScoreTable({ series }: { series: Series }) {
  const captionId = useId();
  const points = [...series.points].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <TableScroll labelledBy={captionId}>
      <table className="table score-table">
        <caption id={captionId}>{t('scores.caption', { instrument: series.shortName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scores.col.date')}</th>
            <th scope="col">{t('scores.col.session')}</th>
            <th scope="col">{t('scores.col.total')}</th>
            <th scope="col">{t('scores.col.band')}</th>
            <th scope="col">{t('scores.col.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.administrationId}>
              <th scope="row">{formatDate(p.date)}</th>
              <td className="num">{p.sessionNumber ?? t('scores.betweenSessions')}</td>
              <td className="num">
                {p.scorable && p.total !== null
                  ? t('scores.total', { total: p.total, max: series.maxTotal })
                  : t('scores.notScorable')}
              </td>
              <td>{p.band ?? t('scores.noBand')}</td>
              <td>
                {p.flagged ? (
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
