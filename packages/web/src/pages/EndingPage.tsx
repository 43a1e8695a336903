import type { Course } from '@ipt/contract';
import { phaseBoundaries } from '@ipt/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { endingQuery, measuresQuery, patientQuery } from '../api.js';
import { DocumentLinks } from '../ending/DocumentLinks.js';
import { EndingPageContext } from '../ending/ending-context.js';
import { ProgressReviewSection } from '../ending/ProgressReviewSection.js';
import { RelapsePlanSection } from '../ending/RelapsePlanSection.js';
import { TerminationSection } from '../ending/TerminationSection.js';
import { phaseLabel, presetLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';
import { currentCourse } from './PatientPage.js';

const sections = [
  ['progress-review', 'review.heading'],
  ['termination', 'termination.heading'],
  ['relapse-plan', 'plan.heading'],
  ['documents', 'doc.heading'],
] as const;

/**
 * The end of the course (DOMAIN §1.4, §6): the progress review assembled from the records, the termination checklist,
 * the relapse-prevention plan, and the two documents made from them.
 */
export function EndingPage() {
  usePageTitle(t('ending.title'));
  const { patientId } = useParams({ from: '/signed-in/patients/$patientId/ending' });
  const { data: detail } = useSuspenseQuery(patientQuery(patientId));
  const course = currentCourse(detail.courses);
  const courseId = course?.course.id ?? '';
  const view = useQuery({ ...endingQuery(courseId), enabled: course !== undefined });
  const measures = useQuery({ ...measuresQuery(courseId), enabled: course !== undefined });
  return (
    <div className="page ending-page">
      <p className="breadcrumb no-print">
        <Link to="/patients/$patientId" params={{ patientId }} activeOptions={{ exact: true }}>
          {t('initial.back')}
        </Link>
      </p>
      <div className="page-head">
        <h1 tabIndex={-1}>{t('ending.title')}</h1>
        <p className="initial-patient">{detail.patient.displayName}</p>
      </div>
      <p className="lead-muted">{t('ending.intro')}</p>
      {!course ? (
        <p>{t('initial.noCourse')}</p>
      ) : view.isError ? (
        <p className="notice notice-error">{t('ending.failed')}</p>
      ) : !view.data ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <EndingPageContext.Provider value={{ patientId, detail: course, view: view.data, measures: measures.data }}>
          <p className="notice notice-info">
            {t('ending.phase', { phase: phaseLabel(course.course.phase) })} <FinalSessions course={course.course} />
          </p>
          <nav aria-label={t('ending.sections')} className="tool-nav no-print">
            <ul>
              {sections.map(([id, key]) => (
                <li key={id}>
                  <a href={`#${id}`}>{t(key)}</a>
                </li>
              ))}
              <li>
                <Link to="/patients/$patientId/middle" params={{ patientId }}>
                  {t('ending.toMiddle')}
                </Link>
              </li>
            </ul>
          </nav>
          <ProgressReviewSection />
          <TerminationSection />
          <RelapsePlanSection />
          <DocumentLinks patientId={patientId} courseId={course.course.id} />
        </EndingPageContext.Provider>
      )}
    </div>
  );
}

/** The final sessions per the course's phase lengths (its school preset, DOMAIN §1.1), where the end is named (§6.1). */
function FinalSessions({ course }: { course: Course }) {
  const { terminationStart } = phaseBoundaries(course.plannedSessions, course.phaseLengths);
  return (
    <>
      {t('ending.finalSessions', {
        from: terminationStart,
        to: course.plannedSessions,
        planned: course.plannedSessions,
        count: course.plannedSessions - terminationStart + 1,
        preset: presetLabel(course.schoolPreset),
      })}
    </>
  );
}
