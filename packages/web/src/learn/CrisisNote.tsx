import { t } from '../i18n/t.js';

/** On every page, in the same words as the questionnaire pages: help in a crisis (DOMAIN §10.2). */
export function CrisisNote() {
  return (
    <aside className="learn-crisis" aria-labelledby="learn-crisis-heading">
      <h2 id="learn-crisis-heading">{t('crisis.heading')}</h2>
      <p>
        <strong>{t('crisis.dangerNow')}</strong>
      </p>
      <p>{t('crisis.notAlone')}</p>
    </aside>
  );
}
