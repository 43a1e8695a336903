import type { RiskFlag } from '@ipt/contract';
import { useId, useState } from 'react';
import { formatDateTime, t } from '../i18n/t.js';
import { useInstrumentName } from '../measures/use-instrument-name.js';
import { SafetyReviewForm } from './SafetyReviewForm.js';

/**
 * Open risk flags in the patient header: impossible to miss (an alert with a strong border, an icon and words), and
 * never dismissed by a click. Only a recorded safety review closes them (shared/ipt/DOMAIN.md §10.2).
 */
export function RiskPanel({ flags, patientId }: { flags: readonly RiskFlag[]; patientId: string }) {
  const headingId = useId();
  const formId = useId();
  const [reviewing, setReviewing] = useState(false);
  const [saved, setSaved] = useState(false);
  const name = useInstrumentName();
  return (
    <>
      <p role="status" className="notice notice-success">
        {saved && flags.length === 0 ? t('review.done') : ''}
      </p>
      {flags.length > 0 && (
        <section className="risk-banner" aria-labelledby={headingId}>
          <div role="alert">
            <h2 id={headingId} className="risk-title">
              <span aria-hidden="true" className="risk-icon">
                ⚠
              </span>
              {t('risk.title', { count: flags.length })}
            </h2>
            <ul className="risk-flags">
              {flags.map((flag) => (
                <li key={flag.id}>
                  <strong>{t('risk.flagWhat', { instrument: name(flag.instrumentId), item: flag.item })}</strong>{' '}
                  {flag.label}
                  <br />
                  {t('risk.flagAnswer', { answer: flag.answerLabel })}{' '}
                  <span className="risk-when">{t('risk.flagWhen', { when: formatDateTime(flag.raisedAt) })}</span>
                </li>
              ))}
            </ul>
          </div>
          <p className="risk-ask">{t('risk.ask')}</p>
          {!reviewing && (
            <p className="no-print">
              <button
                type="button"
                className="button button-risk"
                aria-expanded={false}
                aria-controls={formId}
                onClick={() => setReviewing(true)}
              >
                {t('risk.review')}
              </button>
            </p>
          )}
          {reviewing && (
            <SafetyReviewForm
              id={formId}
              flags={flags}
              patientId={patientId}
              onSaved={() => {
                setReviewing(false);
                setSaved(true);
              }}
              onCancel={() => setReviewing(false)}
            />
          )}
        </section>
      )}
    </>
  );
}
