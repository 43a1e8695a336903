import type { CourseDetail, MeasuresView } from '@ipt/contract';
import { useId } from 'react';
import { t } from '../i18n/t.js';
import { AnnotationForm } from './AnnotationForm.js';
import { DueList } from './DueList.js';
import { QuestionnaireActions } from './QuestionnaireActions.js';
import { SeriesView } from './SeriesView.js';

/** Measurement-based care for one course: what is due, how to give a questionnaire, and each instrument's chart. */
export function MeasuresSection({
  detail,
  patientId,
  patientEmail,
  view,
  failed,
}: {
  detail: CourseDetail;
  patientId: string;
  patientEmail: string | null;
  view: MeasuresView | undefined;
  failed: boolean;
}) {
  const headingId = useId();
  const active = detail.course.status === 'active';
  return (
    <section id="measures" className="block measures" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('measures.heading')}</h3>
      {view && view.due.length > 0 && (
        <div className="due">
          <p className="due-title">{t('measures.dueTitle')}</p>
          <DueList due={view.due} />
        </div>
      )}
      {active && (
        <div className="measures-actions">
          <QuestionnaireActions detail={detail} patientId={patientId} patientEmail={patientEmail} />
          <AnnotationForm courseId={detail.course.id} />
        </div>
      )}
      {failed ? (
        <p className="empty">{t('measures.failed')}</p>
      ) : !view ? (
        <p className="loading">{t('app.loading')}</p>
      ) : view.series.length === 0 ? (
        <p className="empty">{t('measures.noScores')}</p>
      ) : (
        view.series.map((series) => <SeriesView key={series.instrumentId} view={view} series={series} />)
      )}
    </section>
  );
}
