import type { RiskFlag, SafetyReview } from '@ipt/contract';
import {
  assessmentItems,
  riskLevels as coreRiskLevels,
  type RiskLevelValue,
  reviewRequirements,
  safetyPlanSteps,
} from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api.js';
import { TextAreaField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { useFormState } from '../forms/use-form-state.js';
import { formatDateTime, type MessageKey, t } from '../i18n/t.js';
import { useInstrumentName } from '../measures/use-instrument-name.js';
import { flagAnswer } from './RiskPanel.js';
import { useRefreshPatient } from '../patient/use-refresh-patient.js';
import { today } from '../today.js';

type Request = Parameters<typeof api.createSafetyReview>[0]['body'];
type RiskLevel = Request['riskLevel'];

/** The levels the clinician chooses from: core's list, which the contract's enum matches. */
const riskLevels = coreRiskLevels satisfies readonly RiskLevel[];

/** The structured assessment (shared/ipt/DOMAIN.md §10.2 option b), in core's order. */
const assessmentFields = assessmentItems;

/** The Stanley & Brown (2012) safety plan, in the order the plan is used in a crisis (DOMAIN §10.1), then where it is kept. */
const planFields = [...safetyPlanSteps, 'whereKept'] as const;

/** An empty review; the safety plan starts from the last one, to be updated with the patient (DOMAIN §10.2 step 4). */
const initial = (last: SafetyReview | null) => ({
  riskLevel: '',
  asked: '',
  reviewBy: '',
  ...Object.fromEntries(assessmentFields.map((f) => [`assessment.${f}`, ''])),
  ...Object.fromEntries(planFields.map((f) => [`safetyPlan.${f}`, last?.safetyPlan[f] ?? ''])),
});

const isLevel = (v: string | undefined): v is RiskLevelValue => riskLevels.some((l) => l === v);

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The safety review that answers open risk flags: the risk level is the clinician's judgement and is never preset
 * (DOMAIN §10.2 step 3: the software never assigns it); what was asked is required; the assessment and the safety
 * plan are recorded in the clinician's and the patient's own words.
 */
export function SafetyReviewForm({
  id,
  flags,
  patientId,
  lastReview,
  onSaved,
  onCancel,
}: {
  id: string;
  flags: readonly RiskFlag[];
  patientId: string;
  lastReview: SafetyReview | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useFormState<Record<string, string>>(initial(lastReview));
  const [flagIds, setFlagIds] = useState<string[]>(() => flags.map((f) => f.id));
  const refresh = useRefreshPatient(patientId);
  const name = useInstrumentName();
  useEffect(() => heading.current?.focus(), []);

  const save = useMutation({
    mutationFn: (body: Request) => api.createSafetyReview({ params: { patientId }, body }),
    onSuccess: async () => {
      onSaved();
      await refresh();
    },
    onError: form.fail,
  });

  const toBody = (v: Record<string, string>): Request => ({
    flagIds,
    riskLevel: v.riskLevel as RiskLevel,
    asked: (v.asked ?? '').trim(),
    reviewBy: v.reviewBy ?? '',
    assessment: Object.fromEntries(assessmentFields.map((f) => [f, v[`assessment.${f}`] ?? ''])),
    safetyPlan: Object.fromEntries(planFields.map((f) => [f, v[`safetyPlan.${f}`] ?? ''])),
  });

  // What the review must hold follows the level chosen and the flags answered: core's one table (DOMAIN §10.2).
  const level = form.values.riskLevel;
  const chosen = flags
    .filter((f) => flagIds.includes(f.id))
    .map((f) => ({
      id: f.id,
      instrumentName: name(f.instrumentId),
      item: f.item,
      raisedAt: f.raisedAt,
      answered: f.answered,
      sameDay: f.sameDay,
    }));
  const needs = isLevel(level) ? reviewRequirements(level, chosen) : null;
  const requiredAssessment: readonly string[] = needs?.assessment ?? [];
  const requiredPlan: readonly string[] = needs?.safetyPlan ?? [];
  const latestReviewBy = needs?.reviewWithinDays == null ? undefined : addDays(today(), needs.reviewWithinDays);
  const needsText = needs
    ? t('safetyReview.needs', {
        needs: [
          t(needs.assessment.length === assessmentFields.length ? 'safetyReview.needsAll' : 'safetyReview.needsCore'),
          ...(needs.safetyPlan.length > 0 ? [t('safetyReview.needsPlan')] : []),
          ...(needs.reviewWithinDays === 0
            ? [t('safetyReview.needsToday')]
            : needs.reviewWithinDays !== null
              ? [t('safetyReview.needsWeek', { days: needs.reviewWithinDays })]
              : []),
        ].join('; '),
      })
    : t('safetyReview.chooseLevel');

  const submit = form.onSubmit(async () => {
    const body = toBody(form.values);
    const found = {
      ...(await checkRequest('CreateSafetyReviewRequest', body)),
      ...missing(form.values, [
        'riskLevel',
        'asked',
        'reviewBy',
        ...requiredAssessment.map((f) => `assessment.${f}`),
        ...requiredPlan.map((f) => `safetyPlan.${f}`),
      ]),
    };
    if (flagIds.length === 0) found.flagIds = t('safetyReview.flagsMissing');
    if (form.check(found, t('form.fixErrors'))) save.mutate(body);
  });

  const toggle = (flagId: string, on: boolean) => {
    setFlagIds((ids) => (on ? [...ids, flagId] : ids.filter((i) => i !== flagId)));
    form.clearError('flagIds');
  };

  return (
    <section id={id} className="card safety-review" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('safetyReview.heading')}
      </h3>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
        <FormStatus message={form.message} />
        <fieldset className={form.errors.flagIds ? 'field-invalid' : undefined}>
          <legend>{t('safetyReview.flags')}</legend>
          {form.errors.flagIds && <p className="field-error">{form.errors.flagIds}</p>}
          {flags.map((flag) => (
            <label key={flag.id} className="check-option">
              <input
                type="checkbox"
                checked={flagIds.includes(flag.id)}
                onChange={(e) => toggle(flag.id, e.target.checked)}
                {...(form.errors.flagIds ? { 'aria-invalid': true } : {})}
              />
              <span>
                {t('safetyReview.flagOption', {
                  what: t('risk.flagWhat', { instrument: name(flag.instrumentId), item: flag.item }),
                  label: flag.label,
                  answer: flagAnswer(flag),
                  when: formatDateTime(flag.raisedAt),
                })}
              </span>
            </label>
          ))}
        </fieldset>
        <RadioGroup
          legend={t('safetyReview.riskLevel')}
          hint={t('safetyReview.riskLevelHint')}
          options={riskLevels.map((level) => ({ value: level, label: t(`riskLevel.${level}`) }))}
          className="risk-levels"
          {...form.bind('riskLevel')}
        />
        <p className="safety-needs" aria-live="polite">
          {needsText}
        </p>
        <TextAreaField label={t('safetyReview.asked')} hint={t('safetyReview.askedHint')} {...form.bind('asked')} />
        <fieldset>
          <legend>{t('safetyReview.assessment')}</legend>
          {assessmentFields.map((f) => (
            <TextAreaField
              key={f}
              label={t(`assessment.${f}` satisfies MessageKey)}
              optional={!requiredAssessment.includes(f)}
              rows={2}
              {...form.bind(`assessment.${f}`)}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('safetyReview.plan')}</legend>
          <p className="hint">{t('safetyReview.planHint')}</p>
          {lastReview && (
            <p className="hint">{t('safetyReview.planFromLast', { date: formatDateTime(lastReview.at) })}</p>
          )}
          {planFields.map((f) => (
            <TextAreaField
              key={f}
              label={t(`plan.${f}` satisfies MessageKey)}
              optional={!requiredPlan.includes(f)}
              rows={2}
              {...form.bind(`safetyPlan.${f}`)}
            />
          ))}
        </fieldset>
        <TextField
          label={t('safetyReview.reviewBy')}
          hint={t('safetyReview.reviewByHint')}
          type="date"
          min={today()}
          {...(latestReviewBy !== undefined && { max: latestReviewBy })}
          className="input-date"
          {...form.bind('reviewBy')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : t('safetyReview.submit')}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
