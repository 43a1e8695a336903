import type { EndingView, MeasuresView } from '@ipt/contract';
import { cutOffs, type FormulationStatus, getInstrument, isInstrumentId } from '@ipt/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import { documentHref, endingQuery, measuresQuery, patientQuery } from '../api.js';
import { EndingSummary } from '../ending/documents/EndingSummary.js';
import { RiskHistorySection } from '../ending/documents/RiskHistorySection.js';
import { PlanBody } from '../ending/documents/PlanBody.js';
import { CourseLine, ReviewParts } from '../ending/ProgressReviewSection.js';
import { formulationStatusLabel } from '../i18n/initial-labels.js';
import { formatDateTime, t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';
import { currentCourse } from '../patient/current-course.js';

type Operation = 'getTreatmentSummaryPdf' | 'getPatientPlanPdf';

/**
 * A document of the ending as a page to print: on paper only the document shows (print stylesheet); on screen, the
 * way back, Print, and the server's PDF of the same document.
 */
function DocumentFrame({
  title,
  from,
  pdf,
  children,
}: {
  title: string;
  from: '/signed-in/patients/$patientId/ending/summary' | '/signed-in/patients/$patientId/ending/plan';
  pdf: Operation;
  children: (view: EndingView, measures: MeasuresView | undefined, name: string) => ReactNode;
}) {
  usePageTitle(title);
  const { patientId } = useParams({ from });
  const { data: detail } = useSuspenseQuery(patientQuery(patientId));
  const course = currentCourse(detail.courses);
  const courseId = course?.course.id ?? '';
  const view = useQuery({ ...endingQuery(courseId), enabled: course !== undefined });
  const measures = useQuery({ ...measuresQuery(courseId), enabled: course !== undefined });
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('print-document');
    return () => root.classList.remove('print-document');
  }, []);
  return (
    <div className="page document-page">
      <div className="document-tools no-print">
        <p className="breadcrumb">
          <Link to="/patients/$patientId/ending" params={{ patientId }}>
            {t('doc.back')}
          </Link>
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={() => window.print()}>
            {t('doc.print')}
          </button>
          {course && (
            <a className="button button-quiet" href={documentHref(pdf, course.course.id)} download>
              {t('doc.pdf')}
            </a>
          )}
        </div>
      </div>
      {!course ? (
        <p>{t('initial.noCourse')}</p>
      ) : view.isError ? (
        <p className="notice notice-error">{t('ending.failed')}</p>
      ) : !view.data ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <article className="document">{children(view.data, measures.data, detail.patient.displayName)}</article>
      )}
    </div>
  );
}

/** The end-of-treatment summary for the clinical record (issue item 10). */
export function TreatmentSummaryPage() {
  return (
    <DocumentFrame
      title={t('doc.summaryTitle')}
      from="/signed-in/patients/$patientId/ending/summary"
      pdf="getTreatmentSummaryPdf"
    >
      {(view, measures, name) => (
        <>
          <header className="document-head">
            <h1 tabIndex={-1}>{t('doc.summaryTitle')}</h1>
            <p>{t('doc.summaryFor', { name, when: formatDateTime(view.generatedAt) })}</p>
            <CourseLine view={view} />
          </header>
          <section className="review-section" aria-labelledby="doc-diagnosis">
            <h2 id="doc-diagnosis">{t('doc.diagnosis')}</h2>
            <p>{view.diagnosis ?? t('doc.noDiagnosis')}</p>
          </section>
          <FocusSection focus={view.focus} />
          <ReviewParts
            view={view}
            measures={measures}
            level={2}
            titles={{
              measures: t('doc.measures'),
              goals: t('doc.goals'),
              relationships: t('doc.relationships'),
              work: t('doc.work'),
            }}
          />
          <section className="review-section" aria-labelledby="doc-risk">
            <h2 id="doc-risk">{t('doc.risk')}</h2>
            <RiskHistorySection history={view.riskHistory} level={3} />
          </section>
          <section className="review-section" aria-labelledby="doc-ending">
            <h2 id="doc-ending">{t('doc.ending')}</h2>
            <EndingSummary view={view} />
          </section>
          <section className="review-section" aria-labelledby="doc-plan">
            <h2 id="doc-plan">{t('doc.relapsePlan')}</h2>
            <PlanBody view={view} level={3} />
          </section>
        </>
      )}
    </DocumentFrame>
  );
}

/** The patient's plan for staying well, in plain words (issue items 9 and 10). */
export function PatientPlanPage() {
  return (
    <DocumentFrame title={t('doc.planTitle')} from="/signed-in/patients/$patientId/ending/plan" pdf="getPatientPlanPdf">
      {(view, _measures, name) => (
        <>
          <header className="document-head">
            <h1 tabIndex={-1}>{t('doc.planHeading')}</h1>
            <p>{t('doc.planFor', { name })}</p>
            <p>{t('doc.planIntro')}</p>
          </header>
          <PlanProgress view={view} />
          <PlanBody view={view} level={2} />
        </>
      )}
    </DocumentFrame>
  );
}

/**
 * The main measure from the start to the last score, in plain words (the same reading as the summary's, core's
 * `readChange`): the numbers, which way is better, and the cut-off where the score is now past it. Nothing else is
 * judged for the patient here.
 */
function PlanProgress({ view }: { view: EndingView }) {
  const review = view.progressReview;
  const m = review.measures.find((x) => x.instrumentId === review.primaryInstrumentId);
  if (!m || !m.baseline || !m.latest || m.change === null || !isInstrumentId(m.instrumentId)) return null;
  const instrument = getInstrument(m.instrumentId);
  const higherIsBetter = instrument.scoring.direction === 'higher-is-better';
  const cutOff = cutOffs[instrument.id][0]?.value;
  return (
    <section className="review-section" aria-labelledby="doc-progress">
      <h2 id="doc-progress">{t('doc.progress')}</h2>
      <p>
        {t('doc.progressText', {
          instrument: instrument.shortName,
          baseline: m.baseline.total,
          latest: m.latest.total,
        })}{' '}
        {higherIsBetter ? t('doc.progressHigher') : t('doc.progressLower')}
      </p>
      {m.belowCutOff.met === true && cutOff !== undefined && (
        <p>{higherIsBetter ? t('doc.progressAboveCutOff', { cutOff }) : t('doc.progressBelowCutOff', { cutOff })}</p>
      )}
    </section>
  );
}

/** The focus the work was on: the contract's statement and the formulation in the words given to the patient. */
function FocusSection({ focus }: { focus: EndingView['focus'] }) {
  if (!focus.statement && !focus.formulation) return null;
  return (
    <section className="review-section" aria-labelledby="doc-focus">
      <h2 id="doc-focus">{t('doc.focus')}</h2>
      {focus.statement && <p>{focus.statement}</p>}
      {focus.formulation && (
        <>
          <h3>
            {focus.formulationStatus
              ? t('doc.formulationWithStatus', {
                  status: formulationStatusLabel(focus.formulationStatus as FormulationStatus),
                })
              : t('doc.formulation')}
          </h3>
          <p className="formulation-text">{focus.formulation}</p>
        </>
      )}
    </section>
  );
}
