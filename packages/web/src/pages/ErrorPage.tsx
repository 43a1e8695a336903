import { t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';

/** Anything unexpected: say so plainly; the details stay out of the page. */
export function ErrorPage() {
  usePageTitle(t('app.error'));
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('app.error')}</h1>
    </div>
  );
}
