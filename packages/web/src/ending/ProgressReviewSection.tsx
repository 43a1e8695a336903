import { problemAreaLabel } from '../i18n/initial-labels.js';
import { formatDate, formatDateTime, t } from '../i18n/t.js';
import { useEnding } from './ending-context.js';
import { GoalsReview } from './review/GoalsReview.js';
import { Heading, type Level, below } from './review/Heading.js';
import { MeasuresReview } from './review/MeasuresReview.js';
import { RelationshipsReview } from './review/RelationshipsReview.js';
import { WorkReview } from './review/WorkReview.js';
import type { EndingView, MeasuresView } from '@ipt/contract';

/** The course in one line: sessions attended of planned, since when, the focus. */
export function CourseLine({ view }: { view: EndingView }) {
  const c = view.progressReview.course;
  const areas = [c.primaryArea, c.secondaryArea].filter((a): a is string => a !== null).map(problemAreaLabel);
  return (
    <p className="course-line">
      {t('review.course', {
        attended: c.attended,
        planned: c.plannedSessions,
        start: formatDate(c.startDate),
        last: c.lastSessionNumber,
      })}{' '}
      {areas.length > 0 && t('review.focus', { areas: areas.join(', ') })}
    </p>
  );
}

/**
 * The review's four parts under the headings their place gives them: measures, goals, relationships, work done.
 * The ending page and the end-of-treatment summary show the same parts.
 */
export function ReviewParts({
  view,
  measures,
  level,
  titles,
}: {
  view: EndingView;
  measures: MeasuresView | undefined;
  level: Level;
  titles: { measures: string; goals: string; relationships: string; work: string };
}) {
  const review = view.progressReview;
  const inner = below(level);
  return (
    <>
      <section className="review-section" aria-labelledby="review-measures">
        <Heading level={level} id="review-measures">
          {titles.measures}
        </Heading>
        <MeasuresReview review={review} measures={measures} level={inner} />
      </section>
      <section className="review-section" aria-labelledby="review-goals">
        <Heading level={level} id="review-goals">
          {titles.goals}
        </Heading>
        <GoalsReview review={review} />
      </section>
      <section className="review-section" aria-labelledby="review-relationships">
        <Heading level={level} id="review-relationships">
          {titles.relationships}
        </Heading>
        <RelationshipsReview review={review} />
      </section>
      <section className="review-section" aria-labelledby="review-work">
        <Heading level={level} id="review-work">
          {titles.work}
        </Heading>
        <WorkReview review={review} level={inner} />
      </section>
    </>
  );
}

/** The progress review on the ending page: assembled by the server from the records, never typed (issue item 8). */
export function ProgressReviewSection() {
  const { view, measures } = useEnding();
  return (
    <section id="progress-review" className="tool progress-review" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('review.heading')}</h2>
      <p className="tool-intro">{t('review.intro', { when: formatDateTime(view.generatedAt) })}</p>
      <CourseLine view={view} />
      <ReviewParts
        view={view}
        measures={measures}
        level={3}
        titles={{
          measures: t('review.measures'),
          goals: t('review.goals'),
          relationships: t('review.relationships'),
          work: t('review.work'),
        }}
      />
    </section>
  );
}
