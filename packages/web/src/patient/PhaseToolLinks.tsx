import type { CourseDetail } from '@ipt/contract';
import { Phase } from '@ipt/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { middlePhaseQuery } from '../api.js';
import { t } from '../i18n/t.js';

/**
 * The way from the course to the middle-phase sessions and to the ending. Both are always offered: an ending can
 * come early, from the initial phase, with its reason (issue "Bad input").
 */
export function PhaseToolLinks({ detail, patientId }: { detail: CourseDetail; patientId: string }) {
  const phase = detail.course.phase;
  const ending = phase === Phase.termination || phase === Phase.ended || detail.course.status !== 'active';
  // The mid-course review is asked for where the clinician starts, too, not only on the middle-phase page.
  const middle = useQuery({ ...middlePhaseQuery(detail.course.id), enabled: phase === Phase.middle });
  const review = middle.data?.midCourse;
  return (
    <>
      {review?.state === 'decision-needed' && (
        <p className="notice notice-warn">
          {t('phaseTools.midCourseNeeded', { n: review.reviewAt })}{' '}
          <Link to="/patients/$patientId/middle" params={{ patientId }}>
            {t('phaseTools.midCourseGo')}
          </Link>
        </p>
      )}
      <nav className="phase-tools no-print" aria-label={t('phaseTools.label')}>
        <ul>
          <li>
            <Link
              to="/patients/$patientId/middle"
              params={{ patientId }}
              className={phase === Phase.middle ? 'button' : undefined}
            >
              {t('phaseTools.middle')}
            </Link>
          </li>
          <li>
            <Link to="/patients/$patientId/ending" params={{ patientId }} className={ending ? 'button' : undefined}>
              {t('phaseTools.ending')}
            </Link>
          </li>
        </ul>
      </nav>
    </>
  );
}
