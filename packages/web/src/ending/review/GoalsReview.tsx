import type { ProgressReview } from '@ipt/contract';
import { attainmentLabel } from '../../i18n/middle-labels.js';
import { t } from '../../i18n/t.js';
import { ReviewTable } from './ReviewTable.js';

/** The contract's goals and how far each was reached, as rated at termination. */
export function GoalsReview({ review }: { review: ProgressReview }) {
  if (review.goals.length === 0) return <p className="empty">{t('review.noGoals')}</p>;
  return (
    <ReviewTable
      className="review-goals"
      caption={t('review.goalsCaption')}
      head={[t('review.col.goal'), t('review.col.kind'), t('review.col.attainment'), t('review.col.note')]}
      rows={review.goals.map((g) => ({
        key: g.goal,
        cells: [
          g.text,
          g.kind === 'area' ? t('review.goalArea') : t('review.goalPersonal'),
          g.attainment ? attainmentLabel(g.attainment) : t('termination.notRated'),
          g.note || '—',
        ],
      }))}
    />
  );
}
