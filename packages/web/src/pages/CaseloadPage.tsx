import type { CaseloadItem } from '@ipt/contract';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { caseloadQuery } from '../api.js';
import { FlagList } from '../course/FlagList.js';
import { DueList } from '../measures/DueList.js';
import { PhaseBadge } from '../course/PhaseBadge.js';
import { progressText } from '../course/progress-text.js';
import { formatDate, t } from '../i18n/t.js';
import { TableScroll } from '../layout/TableScroll.js';
import { usePageTitle } from '../use-page-title.js';

/** Patients with an open risk flag come first; then by name. */
export function caseloadOrder(a: CaseloadItem, b: CaseloadItem): number {
  const risk = Number(b.openRiskFlags > 0) - Number(a.openRiskFlags > 0);
  return risk || a.patient.displayName.localeCompare(b.patient.displayName);
}

/** Home after sign-in: every patient within reach, any risk flag first, and where their course stands. */
export function CaseloadPage() {
  usePageTitle(t('caseload.title'));
  const { data: caseload } = useSuspenseQuery(caseloadQuery);
  const captionId = useId();
  const sorted = [...caseload].sort(caseloadOrder);
  return (
    <div className="page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('caseload.title')}</h1>
        <Link to="/patients/new" className="button">
          {t('caseload.add')}
        </Link>
      </div>
      {sorted.length === 0 ? (
        <p className="empty">{t('caseload.empty')}</p>
      ) : (
        <TableScroll labelledBy={captionId}>
          <table className="table caseload">
            <caption id={captionId}>{t('caseload.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('caseload.col.name')}</th>
                <th scope="col">{t('caseload.col.risk')}</th>
                <th scope="col">{t('caseload.col.pronouns')}</th>
                <th scope="col">{t('caseload.col.phase')}</th>
                <th scope="col">{t('caseload.col.progress')}</th>
                <th scope="col">{t('caseload.col.next')}</th>
                <th scope="col">{t('caseload.col.flags')}</th>
                <th scope="col">{t('caseload.col.measures')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((item) => (
                <CaseloadRow key={item.patient.id} item={item} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

function CaseloadRow({ item }: { item: CaseloadItem }) {
  const { patient, course } = item;
  return (
    <tr className={item.openRiskFlags > 0 ? 'row-risk' : undefined}>
      <th scope="row">
        <Link to="/patients/$patientId" params={{ patientId: patient.id }}>
          {patient.displayName}
        </Link>
      </th>
      <td>
        {item.openRiskFlags > 0 ? (
          <span className="risk-marker">
            <span aria-hidden="true" className="risk-icon">
              ⚠
            </span>
            {t('caseload.risk', { count: item.openRiskFlags })}
          </span>
        ) : (
          <span className="muted">{t('caseload.none')}</span>
        )}
      </td>
      <td>{patient.pronouns ?? <span className="muted">{t('patient.notGiven')}</span>}</td>
      {course ? (
        <>
          <td>
            <PhaseBadge phase={course.phase} />
          </td>
          <td>{progressText(course.progress.lastNumber, course.plannedSessions)}</td>
          <td>
            {course.progress.nextDate ? (
              formatDate(course.progress.nextDate)
            ) : (
              <span className="muted">{t('progress.noNext')}</span>
            )}
          </td>
          <td>
            <FlagList flags={course.progress.flags} />
          </td>
          <td>
            <DueList due={course.measuresDue} label={t('caseload.col.measures')} />
          </td>
        </>
      ) : (
        <td colSpan={5} className="muted">
          {t('caseload.noCourse')}
        </td>
      )}
    </tr>
  );
}
