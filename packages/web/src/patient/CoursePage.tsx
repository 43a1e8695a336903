import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { t } from '../i18n/t.js';

/** The head every page of one course's tools shares: the way back to the patient, the title, whose course it is. */
export function CoursePageHead(props: { patientId: string; title: string; patientName: string; intro?: string }) {
  return (
    <>
      <p className="breadcrumb no-print">
        <Link to="/patients/$patientId" params={{ patientId: props.patientId }} activeOptions={{ exact: true }}>
          {t('initial.back')}
        </Link>
      </p>
      <div className="page-head">
        <h1 tabIndex={-1}>{props.title}</h1>
        <p className="initial-patient">{props.patientName}</p>
      </div>
      {props.intro && <p className="lead-muted">{props.intro}</p>}
    </>
  );
}

/**
 * What a course page shows until its view has arrived: that there is no course, that the read failed (`failed`),
 * or that it is loading; null once there is something to show.
 */
export function courseViewPending(
  hasCourse: boolean,
  view: { readonly isError: boolean; readonly data: unknown },
  failed: string,
): ReactNode | null {
  if (!hasCourse) return <p>{t('initial.noCourse')}</p>;
  if (view.isError) return <p className="notice notice-error">{failed}</p>;
  if (!view.data) return <p className="loading">{t('app.loading')}</p>;
  return null;
}
