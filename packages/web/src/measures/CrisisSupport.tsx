import { t } from '../i18n/t.js';

/**
 * Shown to the patient after an answer that raises a risk flag (shared/ipt/DOMAIN.md §10.2 step 1: the patient-facing
 * copy shows crisis resources at once). Generic on purpose: local crisis lines are configured by the service, and
 * no number is invented here.
 */
export function CrisisSupport() {
  return (
    <section className="crisis-support" aria-labelledby="crisis-support-heading">
      <h2 id="crisis-support-heading">{t('crisis.heading')}</h2>
      <p>{t('crisis.clinicianWillSee')}</p>
      <p>
        <strong>{t('crisis.dangerNow')}</strong>
      </p>
      <p>{t('crisis.notAlone')}</p>
    </section>
  );
}
