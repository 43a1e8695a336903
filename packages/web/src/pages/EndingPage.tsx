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
import { CoursePageHead, courseViewPending } from '../patient/CoursePage.js';
import { usePageTitle } from '../use-page-title.js';
import { currentCourse } from '../patient/current-course.js';

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
      <CoursePageHead
        patientId={patientId}
        title={t('ending.title')}
        patientName={detail.patient.displayName}
        intro={t('ending.intro')}
      />
      {courseViewPending(course !== undefined, view, t('ending.failed')) ??
        (!course || !view.data ? null : (
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
        ))}
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
