import { t } from '../i18n/t.js';
import { UnlockForm } from '../kiosk/UnlockForm.js';
import { usePageTitle } from '../use-page-title.js';

/** A locked session in a tab that does not know which questionnaire it was handed over for: only the way out. */
export function KioskLockedPage() {
  usePageTitle(t('kiosk.pageTitle'));
  return (
    <div className="public-page">
      <div className="kiosk-locked" role="alert">
        <h1 tabIndex={-1}>{t('kiosk.lockedTitle')}</h1>
        <p className="lead">{t('kiosk.lockedElsewhere')}</p>
      </div>
      <UnlockForm />
    </div>
  );
}
