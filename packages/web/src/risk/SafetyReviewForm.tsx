import { CreateSafetyReviewRequest, type RiskFlag } from '@ipt/contract';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api.js';
import { TextAreaField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing, validate } from '../forms/problem.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { useFormState } from '../forms/use-form-state.js';
import { formatDateTime, type MessageKey, t } from '../i18n/t.js';
import { useInstrumentName } from '../measures/use-instrument-name.js';
import { useRefreshPatient } from '../patient/use-refresh-patient.js';
import { today } from '../today.js';

type Request = Parameters<typeof api.createSafetyReview>[0]['body'];
type RiskLevel = Request['riskLevel'];

const riskLevels = ['low', 'moderate', 'high', 'imminent'] as const satisfies readonly RiskLevel[];

/** The structured assessment (shared/ipt/DOMAIN.md §10.2 option b). */
const assessmentFields = [
  'ideation',
  'frequency',
  'plan',
  'intent',
  'preparatoryBehaviour',
  'pastAttempts',
  'accessToMeans',
  'protectiveFactors',
] as const;

/** The Stanley & Brown (2012) safety plan, in the order the plan is used in a crisis (DOMAIN §10.1). */
const planFields = [
  'warningSigns',
  'internalCoping',
  'socialContactsAndSettings',
  'peopleToAskForHelp',
  'professionalsAndAgencies',
  'makingTheEnvironmentSafe',
  'whereKept',
] as const;

const initial = () => ({
  riskLevel: '',
  asked: '',
  reviewBy: '',
  ...Object.fromEntries(assessmentFields.map((f) => [`assessment.${f}`, ''])),
  ...Object.fromEntries(planFields.map((f) => [`safetyPlan.${f}`, ''])),
});

/**
 * The safety review that answers open risk flags: the risk level is the clinician's judgement and is never preset
 * (DOMAIN §10.2 step 3: the software never assigns it); what was asked is required; the assessment and the safety
 * plan are recorded in the clinician's and the patient's own words.
 */
export function SafetyReviewForm({
  id,
  flags,
  patientId,
  onSaved,
  onCancel,
}: {
  id: string;
  flags: readonly RiskFlag[];
  patientId: string;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useFormState<Record<string, string>>(initial());
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

  const submit = form.onSubmit(() => {
    const body = toBody(form.values);
    const found = {
      ...validate(CreateSafetyReviewRequest, body),
      ...missing(form.values, ['riskLevel', 'asked', 'reviewBy']),
    };
    if (flagIds.length === 0) found.flagIds = t('review.flagsMissing');
    if (form.check(found, t('form.fixErrors'))) save.mutate(body);
  });

  const toggle = (flagId: string, on: boolean) => {
    setFlagIds((ids) => (on ? [...ids, flagId] : ids.filter((i) => i !== flagId)));
    form.clearError('flagIds');
  };

  return (
    <section id={id} className="card safety-review" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('review.heading')}
      </h3>
      <form ref={form.formRef} onSubmit={submit} noValidate className="form">
        <FormStatus message={form.message} />
        <fieldset className={form.errors.flagIds ? 'field-invalid' : undefined}>
          <legend>{t('review.flags')}</legend>
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
                {t('review.flagOption', {
                  what: t('risk.flagWhat', { instrument: name(flag.instrumentId), item: flag.item }),
                  label: flag.label,
                  answer: t('risk.flagAnswer', { answer: flag.answerLabel }),
                  when: formatDateTime(flag.raisedAt),
                })}
              </span>
            </label>
          ))}
        </fieldset>
        <RadioGroup
          legend={t('review.riskLevel')}
          hint={t('review.riskLevelHint')}
          options={riskLevels.map((level) => ({ value: level, label: t(`riskLevel.${level}`) }))}
          className="risk-levels"
          {...form.bind('riskLevel')}
        />
        <TextAreaField label={t('review.asked')} hint={t('review.askedHint')} {...form.bind('asked')} />
        <fieldset>
          <legend>{t('review.assessment')}</legend>
          {assessmentFields.map((f) => (
            <TextAreaField
              key={f}
              label={t(`assessment.${f}` satisfies MessageKey)}
              optional
              rows={2}
              {...form.bind(`assessment.${f}`)}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('review.plan')}</legend>
          <p className="hint">{t('review.planHint')}</p>
          {planFields.map((f) => (
            <TextAreaField
              key={f}
              label={t(`plan.${f}` satisfies MessageKey)}
              optional
              rows={2}
              {...form.bind(`safetyPlan.${f}`)}
            />
          ))}
        </fieldset>
        <TextField
          label={t('review.reviewBy')}
          hint={t('review.reviewByHint')}
          type="date"
          min={today()}
          className="input-date"
          {...form.bind('reviewBy')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : t('review.submit')}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
