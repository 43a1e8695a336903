import type { ProgressReview } from '@ipt/contract';
import { formatDate, hasMessage, t } from '../../i18n/t.js';
import { ReviewTable } from './ReviewTable.js';

const ring = (n: number | null) => (n === null ? t('review.notPlaced') : t('review.ring', { n }));
const changeWord = (c: string | null) => {
  if (c === null) return '—';
  const key = `ringChange.${c}`;
  return hasMessage(key) ? t(key) : c;
};

/**
 * The inventory and the closeness circle at intake beside now (DOMAIN §2.1, §2.3): how many people were named then
 * and now, who was added since, and who moved closer, further, arrived or left on the circle.
 */
export function RelationshipsReview({ review }: { review: ProgressReview }) {
  const r = review.relationships;
  const inventory = (
    <p>
      {t('review.inventoryCounts', { intake: r.inventory.atIntake, now: r.inventory.now })}{' '}
      {r.inventory.addedSince.length > 0 &&
        t('review.inventoryAdded', {
          people: r.inventory.addedSince.map((p) => `${p.name} (${formatDate(p.addedOn)})`).join(', '),
        })}
    </p>
  );
  if (r.people.length === 0)
    return (
      <>
        {inventory}
        <p className="empty">{t('review.noCircle')}</p>
      </>
    );
  return (
    <>
      {inventory}
      <p>
        {r.intakeDate && r.latestDate
          ? t('review.circleDates', {
              intake: formatDate(r.intakeDate.slice(0, 10)),
              latest: formatDate(r.latestDate.slice(0, 10)),
            })
          : t('review.circleOneSnapshot')}
      </p>
      <ReviewTable
        className="review-circle"
        caption={t('review.circleCaption')}
        head={[t('review.col.person'), t('review.col.intake'), t('review.col.now'), t('review.col.change')]}
        rows={r.people.map((p) => ({
          key: p.personId,
          cells: [p.name, ring(p.intakeRing), ring(p.latestRing), changeWord(p.change)],
        }))}
      />
    </>
  );
}
