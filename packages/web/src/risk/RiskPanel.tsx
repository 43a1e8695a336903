import type { RiskFlag } from '@ipt/contract';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { riskQuery } from '../api.js';
import { formatDateTime, t } from '../i18n/t.js';
import { useInstrumentName } from '../measures/use-instrument-name.js';
import { SafetyReviewForm } from './SafetyReviewForm.js';

/** What a flag's answer says: the answer given, or that the risk question was not asked (never "none"). */
export function flagAnswer(flag: RiskFlag): string {
  return flag.answered ? t('risk.flagAnswer', { answer: flag.answerLabel }) : t('risk.flagNotAsked');
}

/**
 * Open risk flags at the head of every page of the patient: impossible to miss (an alert with a strong border, an
 * icon and words), and never dismissed by a click. Only a recorded safety review closes them (shared/ipt/DOMAIN.md
 * §10.2); the review form starts from the last safety plan so it is updated, not retyped.
 */
export function RiskPanel({ flags, patientId }: { flags: readonly RiskFlag[]; patientId: string }) {
  const headingId = useId();
  const formId = useId();
  const [reviewing, setReviewing] = useState(false);
  const [saved, setSaved] = useState(false);
  const name = useInstrumentName();
  const history = useQuery({ ...riskQuery(patientId), enabled: reviewing });
  return (
    <>
      <p role="status" className="notice notice-success">
        {saved && flags.length === 0 ? t('safetyReview.done') : ''}
      </p>
      {flags.length > 0 && (
        <section className="risk-banner" aria-labelledby={headingId} data-testid="risk-banner">
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
                  {flag.sameDay && <span className="risk-same-day">{t('risk.sameDay')}</span>} {flag.label}
                  <br />
                  {flagAnswer(flag)}{' '}
                  <span className="risk-when">{t('risk.flagWhen', { when: formatDateTime(flag.raisedAt) })}</span>
                </li>
              ))}
            </ul>
          </div>
          <p className="risk-ask">{t('risk.ask')}</p>
          {!reviewing && (
            <p className="no-print risk-actions">
              <button
                type="button"
                className="button button-risk"
                aria-expanded={false}
                aria-controls={formId}
                onClick={() => setReviewing(true)}
              >
                {t('risk.review')}
              </button>
              <Link to="/patients/$patientId" params={{ patientId }} hash="risk-history">
                {t('risk.historyLink')}
              </Link>
            </p>
          )}
          {reviewing && (history.data || history.isError) && (
            <SafetyReviewForm
              id={formId}
              flags={flags}
              patientId={patientId}
              lastReview={history.data?.reviews[0] ?? null}
              onSaved={() => {
                setReviewing(false);
                setSaved(true);
              }}
              onCancel={() => setReviewing(false)}
            />
          )}
          {reviewing && history.isPending && <p className="loading">{t('app.loading')}</p>}
        </section>
      )}
    </>
  );
}
