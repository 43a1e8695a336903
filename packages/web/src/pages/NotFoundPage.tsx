import { Link } from '@tanstack/react-router';
import { t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';

export function NotFoundPage() {
  usePageTitle(t('notFound.title'));
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('patient.back')}</Link>
      </p>
    </div>
  );
}
