import { Link } from '@tanstack/react-router';
import { t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';

/** A patient outside the caller's reach, or none: the same words either way (shared/DESIGN.md "Security model"). */
export function PatientNotFound() {
  usePageTitle(t('patient.title'));
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('patient.title')}</h1>
      <p>{t('patient.notFound')}</p>
      <p>
        <Link to="/">{t('patient.back')}</Link>
      </p>
    </div>
  );
}
