import type { CourseDetail } from '@ipt/contract';
import { Phase } from '@ipt/core';
import { Link } from '@tanstack/react-router';
import { t } from '../i18n/t.js';

/**
 * The way from the course to the middle-phase sessions and to the ending. Both are always offered: an ending can
 * come early, from the initial phase, with its reason (issue "Bad input").
 */
export function PhaseToolLinks({ detail, patientId }: { detail: CourseDetail; patientId: string }) {
  const phase = detail.course.phase;
  const ending = phase === Phase.termination || phase === Phase.ended || detail.course.status !== 'active';
  return (
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
  );
}
