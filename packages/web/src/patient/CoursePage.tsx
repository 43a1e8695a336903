import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { patientQuery } from '../api.js';
import { t } from '../i18n/t.js';
import { RiskPanel } from '../risk/RiskPanel.js';

/**
 * The head every page of one course's tools shares: the way back to the patient, the title, whose course it is, and
 * the patient's open risk flags — on every page, not only the patient's (DOMAIN §10.2 step 1: "on the session
 * header"). The patient is read from the page's cached query.
 */
export function CoursePageHead(props: { patientId: string; title: string; patientName: string; intro?: string }) {
  const { data: detail } = useSuspenseQuery(patientQuery(props.patientId));
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
      <RiskPanel flags={detail.openRiskFlags} patientId={props.patientId} />
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
