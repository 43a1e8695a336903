import type { EndingView } from '@ipt/contract';
import { formatDate, formatDateTime, hasMessage, t } from '../../i18n/t.js';
import { Heading, type Level } from '../review/Heading.js';
import { ReviewTable } from '../review/ReviewTable.js';

const levelLabel = (level: string) => {
  const key = `riskLevel.${level}`;
  return hasMessage(key) ? t(key) : level;
};

/**
 * The course's risk history for the end-of-treatment summary (DOMAIN §10.2), as the server assembled it (core's
 * `assembleRiskHistory`): each flag with its answer, when it was raised and whether it is still open; each safety
 * review with the level the clinician judged, the date they set to review again and by whom; the reviews overdue.
 */
export function RiskHistorySection({ history, level }: { history: EndingView['riskHistory']; level: Level }) {
  return (
    <div className="risk-history-doc">
      <Heading level={level}>{t('doc.riskFlags')}</Heading>
      {history.flags.length === 0 ? (
        <p className="empty">{t('doc.noRiskFlags')}</p>
      ) : (
        <ReviewTable
          caption={t('doc.riskFlagsCaption')}
          head={[
            t('doc.riskCol.raised'),
            t('doc.riskCol.item'),
            t('doc.riskCol.answer'),
            t('doc.riskCol.flag'),
            t('doc.riskCol.status'),
          ]}
          rows={history.flags.map((f) => ({
            key: f.id,
            cells: [
              formatDateTime(f.raisedAt),
              t('doc.riskItem', { instrument: f.instrumentName, item: f.item }),
              f.answer,
              f.label,
              f.status === 'open'
                ? t('doc.flagOpen')
                : f.reviewedAt
                  ? t('doc.flagReviewed', { when: formatDate(f.reviewedAt.slice(0, 10)) })
                  : t('doc.flagReviewedUndated'),
            ],
          }))}
        />
      )}
      <Heading level={level}>{t('doc.safetyReviews')}</Heading>
      {history.reviews.length === 0 ? (
        <p className="empty">{t('doc.noSafetyReviews')}</p>
      ) : (
        <ReviewTable
          caption={t('doc.safetyReviewsCaption')}
          head={[
            t('doc.reviewCol.date'),
            t('doc.reviewCol.level'),
            t('doc.reviewCol.reviewBy'),
            t('doc.reviewCol.by'),
            t('doc.reviewCol.then'),
          ]}
          rows={history.reviews.map((r) => ({
            key: r.id,
            cells: [
              formatDateTime(r.at),
              levelLabel(r.riskLevel),
              formatDate(r.reviewBy),
              r.byName,
              r.supersededAt
                ? t('doc.reviewNext', { when: formatDate(r.supersededAt.slice(0, 10)) })
                : r.overdue
                  ? t('doc.reviewOverdue')
                  : t('doc.reviewLatest'),
            ],
          }))}
        />
      )}
      {history.overdue.length === 0 ? (
        <p>{t('doc.noneOverdue')}</p>
      ) : (
        history.overdue.map((o) => (
          <p key={o.reviewId} className="notice notice-error">
            {o.daysOverdue === 1
              ? t('doc.overdueOneDay', { when: formatDate(o.reviewBy) })
              : t('doc.overdue', { when: formatDate(o.reviewBy), days: o.daysOverdue })}
          </p>
        ))
      )}
    </div>
  );
}
