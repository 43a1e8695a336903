import type { CourseDetail } from '@ipt/contract';
import { Phase } from '@ipt/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { initialPhaseQuery } from '../api.js';
import { t } from '../i18n/t.js';
import { InitialChecklist } from './InitialChecklist.js';

/**
 * On the patient page: while the course is in the initial phase, what its gate still needs (in words) and the way
 * to the tools; afterwards, just the way to the records, which stay useful (the circle at the end of treatment).
 */
export function InitialPhaseCard({ detail, patientId }: { detail: CourseDetail; patientId: string }) {
  const headingId = useId();
  const inInitial = detail.course.phase === Phase.initial && detail.course.status === 'active';
  const view = useQuery({ ...initialPhaseQuery(detail.course.id), enabled: inInitial });
  if (!inInitial) {
    return (
      <p className="initial-link no-print">
        <Link to="/patients/$patientId/initial" params={{ patientId }}>
          {t('initial.openRecords')}
        </Link>
      </p>
    );
  }
  const checklist = view.data?.checklist ?? [];
  return (
    <section className="card initial-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('initial.title')}</h3>
      {checklist.length > 0 && <InitialChecklist items={checklist} patientId={patientId} />}
      {checklist.length > 0 && checklist.every((i) => i.done) && <p>{t('checklist.allDone')}</p>}
      <p>
        <Link to="/patients/$patientId/initial" params={{ patientId }} className="button">
          {t('initial.open')}
        </Link>
      </p>
    </section>
  );
}
