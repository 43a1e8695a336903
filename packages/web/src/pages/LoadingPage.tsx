import { t } from '../i18n/t.js';

export function LoadingPage() {
  return (
    <p role="status" className="loading">
      {t('app.loading')}
    </p>
  );
}
