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
        <>
          {/* On a phone each patient is a compact card (phase, next session, measures due in view); the table is
              for wider screens. Only one of the two is displayed, so only one is read out. */}
          <ul className="caseload-cards" aria-label={t('caseload.caption')}>
            {sorted.map((item) => (
              <CaseloadCard key={item.patient.id} item={item} />
            ))}
          </ul>
          <div className="caseload-wide">
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
          </div>
        </>
      )}
    </div>
  );
}

function RiskMarker({ count }: { count: number }) {
  return (
    <span className="risk-marker">
      <span aria-hidden="true" className="risk-icon">
        ⚠
      </span>
      {t('caseload.risk', { count })}
    </span>
  );
}

/** One patient on a narrow screen: name and phase on one line, then the next session, progress and what is due. */
function CaseloadCard({ item }: { item: CaseloadItem }) {
  const { patient, course } = item;
  return (
    <li className={item.openRiskFlags > 0 ? 'caseload-card card-risk' : 'caseload-card'}>
      <div className="caseload-card-head">
        <p className="caseload-card-name">
          <Link to="/patients/$patientId" params={{ patientId: patient.id }}>
            {patient.displayName}
          </Link>
          {patient.pronouns && <span className="muted"> {patient.pronouns}</span>}
        </p>
        {course && (
          <p className="caseload-card-phase">
            <span className="visually-hidden">{t('caseload.col.phase')}: </span>
            <PhaseBadge phase={course.phase} />
          </p>
        )}
      </div>
      {item.openRiskFlags > 0 && <RiskMarker count={item.openRiskFlags} />}
      {course ? (
        <dl className="caseload-card-facts">
          <div>
            <dt>{t('caseload.col.next')}</dt>
            <dd>
              {course.progress.nextDate ? (
                formatDate(course.progress.nextDate)
              ) : (
                <span className="muted">{t('progress.noNext')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('caseload.col.progress')}</dt>
            <dd>{progressText(course.progress.lastNumber, course.plannedSessions)}</dd>
          </div>
          <div className="caseload-card-wide">
            <dt>{t('caseload.col.measures')}</dt>
            <dd>
              <DueList due={course.measuresDue} label={t('caseload.col.measures')} />
            </dd>
          </div>
          {course.progress.flags.length > 0 && (
            <div className="caseload-card-wide">
              <dt>{t('caseload.col.flags')}</dt>
              <dd>
                <FlagList flags={course.progress.flags} />
              </dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">{t('caseload.noCourse')}</p>
      )}
    </li>
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
          <RiskMarker count={item.openRiskFlags} />
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
