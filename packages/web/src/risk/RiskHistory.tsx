import type { RiskOverview, SafetyReview } from '@ipt/contract';
import { assessmentItems, safetyPlanSteps } from '@ipt/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { riskQuery } from '../api.js';
import { formatDate, formatDateTime, type MessageKey, t } from '../i18n/t.js';
import { useInstrumentName } from '../measures/use-instrument-name.js';
import { flagAnswer } from './RiskPanel.js';

/** The parts of a review that were written, in the structure they were asked in. */
function Written({ review }: { review: SafetyReview }) {
  const assessment = assessmentItems.filter((k) => review.assessment[k].trim() !== '');
  const plan = [...safetyPlanSteps, 'whereKept' as const].filter((k) => review.safetyPlan[k].trim() !== '');
  return (
    <>
      <h3 className="risk-sub">{t('riskHistory.asked')}</h3>
      <p className="prose">{review.asked}</p>
      {assessment.length > 0 && (
        <>
          <h3 className="risk-sub">{t('riskHistory.assessment')}</h3>
          <dl className="risk-dl">
            {assessment.map((k) => (
              <div key={k}>
                <dt>{t(`assessment.${k}` satisfies MessageKey)}</dt>
                <dd>{review.assessment[k]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {plan.length > 0 && (
        <>
          <h3 className="risk-sub">{t('riskHistory.plan')}</h3>
          <dl className="risk-dl">
            {plan.map((k) => (
              <div key={k}>
                <dt>{t(`plan.${k}` satisfies MessageKey)}</dt>
                <dd>{review.safetyPlan[k]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}

/**
 * The patient's risk history, readable again after the review that closed a flag: when the next review is due (and
 * whether it is overdue), every safety review with what was asked, the assessment and the safety plan, the flags each
 * answered, and the steps taken with a flag open (DOMAIN §10.2: "Log audit trail: who saw the flag, when, what was
 * done").
 */
export function RiskHistory({ patientId }: { patientId: string }) {
  const headingId = useId();
  const risk = useQuery(riskQuery(patientId));
  return (
    <section id="risk-history" className="card risk-history" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('riskHistory.heading')}</h2>
      {risk.isPending && <p className="loading">{t('app.loading')}</p>}
      {risk.isError && <p className="notice notice-error">{t('app.error')}</p>}
      {risk.data && <HistoryBody risk={risk.data} />}
    </section>
  );
}

function HistoryBody({ risk }: { risk: RiskOverview }) {
  const name = useInstrumentName();
  const flagsById = new Map([...risk.open, ...risk.reviewed].map((f) => [f.id, f]));
  const describe = (id: string) => {
    const f = flagsById.get(id);
    return f
      ? t('riskHistory.flag', {
          what: t('risk.flagWhat', { instrument: name(f.instrumentId), item: f.item }),
          answer: flagAnswer(f),
          when: formatDateTime(f.raisedAt),
        })
      : '';
  };
  if (risk.open.length === 0 && risk.reviewed.length === 0 && risk.reviews.length === 0) {
    return <p>{t('riskHistory.none')}</p>;
  }
  return (
    <>
      {risk.reviewDue && (
        <p
          className={risk.reviewDue.overdue ? 'notice notice-error risk-due' : 'risk-due'}
          {...(risk.reviewDue.overdue && { role: 'alert' })}
        >
          {t(risk.reviewDue.overdue ? 'riskHistory.overdue' : 'riskHistory.due', {
            date: formatDate(risk.reviewDue.reviewBy),
          })}
        </p>
      )}
      {risk.open.length > 0 && (
        <>
          <h3>{t('riskHistory.open')}</h3>
          <ul>
            {risk.open.map((f) => (
              <li key={f.id}>{describe(f.id)}</li>
            ))}
          </ul>
        </>
      )}
      <ol className="risk-reviews">
        {risk.reviews.map((review) => (
          <li key={review.id}>
            <details>
              <summary>
                {t('riskHistory.reviewTitle', {
                  date: formatDateTime(review.at),
                  level: t(`riskLevel.${review.riskLevel}` satisfies MessageKey),
                  by: review.byName,
                })}{' '}
                <span className="risk-when">{t('riskHistory.reviewBy', { date: formatDate(review.reviewBy) })}</span>
              </summary>
              <h3 className="risk-sub">{t('riskHistory.answered')}</h3>
              <ul>
                {review.flagIds.map((id) => (
                  <li key={id}>{describe(id)}</li>
                ))}
              </ul>
              <Written review={review} />
            </details>
          </li>
        ))}
      </ol>
      {risk.overrides.length > 0 && (
        <>
          <h3>{t('riskHistory.overrides')}</h3>
          <ul>
            {risk.overrides.map((o) => (
              <li key={o.id}>
                {t('riskHistory.override', {
                  date: formatDateTime(o.at),
                  by: o.byName,
                  step: t(`riskHistory.step.${o.step}` satisfies MessageKey),
                  reason: o.reason,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
