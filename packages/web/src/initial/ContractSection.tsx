import { contractEndDate, defaultContractRoles, offeredGoals, SessionLength } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type BodyOf } from '../api.js';
import { CheckboxGroup } from '../forms/Checkbox.js';
import { TextAreaField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { formatDate, t } from '../i18n/t.js';
import { ContractPrint } from './ContractPrint.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial, useRefreshInitial } from './initial-context.js';

type Body = BodyOf<'putTreatmentContract'>;

/** Prints only the patient's copy of the contract; the page returns as it was once the print dialog closes. */
function printContract() {
  const root = document.documentElement;
  root.classList.add('print-contract');
  window.addEventListener('afterprint', () => root.classList.remove('print-contract'), { once: true });
  window.print();
}

/**
 * The treatment contract (DOMAIN §4.4): length of sessions (50 minutes unless changed), the goals of the chosen area
 * offered from core's checklists, personal goals in the patient's words, each party's part, missed sessions and
 * safety. The planned number of sessions and the end date are the course's; the server computes the end date.
 */
export function ContractSection() {
  const { detail, view, patient } = useInitial();
  const { course } = detail;
  const refresh = useRefreshInitial(course.id, patient.id);
  const saved = view.contract?.data;
  const roles = saved?.roles ?? defaultContractRoles();
  const form = useFormState({
    sessionMinutes: String(saved?.sessionMinutes ?? SessionLength.defaultMinutes),
    'roles.patient': roles.patient,
    'roles.therapist': roles.therapist,
    attendance: saved?.attendance ?? '',
    missedSessions: saved?.missedSessions ?? '',
    medicationPlan: saved?.medicationPlan ?? '',
    jointSessions: saved?.jointSessions ?? '',
    safety: saved?.safety ?? '',
  });
  const area = view.problemArea?.data;
  const goals = area ? offeredGoals(area.primary.area, area.secondary?.area ?? null) : [];
  const [areaGoals, setAreaGoals] = useState<string[] | null>(saved ? [...saved.areaGoals] : null);
  const chosenGoals = areaGoals ?? goals.map((g) => g.id);
  const [personal, setPersonal] = useState<string[]>(
    saved && saved.personalGoals.length > 0 ? [...saved.personalGoals] : [''],
  );
  const planned = saved?.plannedSessions ?? course.plannedSessions;
  const minutes = Number(form.values.sessionMinutes) || SessionLength.defaultMinutes;
  const end = saved?.endDate ?? null;
  const preview = end ? null : contractEndDate(course.startDate, course.schedule, course.plannedSessions);

  const save = useMutation({
    mutationFn: (body: Body) =>
      api.putTreatmentContract({ params: { courseId: course.id }, body, ifMatch: view.contract?.version ?? 0 }),
    onSuccess: async () => {
      form.succeed(t('contract.done'));
      await refresh();
    },
    onError: (error) => form.failStale(error, refresh),
  });

  const submit = form.onSubmit(async () => {
    const v = form.values;
    const body: Body = {
      sessionMinutes: Number(v.sessionMinutes),
      areaGoals: chosenGoals.filter((id) => goals.some((g) => g.id === id)),
      personalGoals: personal.map((g) => g.trim()).filter((g) => g !== ''),
      roles: { patient: v['roles.patient'].trim(), therapist: v['roles.therapist'].trim() },
      attendance: v.attendance.trim(),
      missedSessions: v.missedSessions.trim(),
      medicationPlan: v.medicationPlan.trim(),
      jointSessions: v.jointSessions.trim(),
      safety: v.safety.trim(),
    };
    const found = {
      ...(await checkRequest('TreatmentContractRequest', body)),
      ...missing(v, ['sessionMinutes', 'missedSessions', 'safety']),
    };
    if (form.check(found, t('form.fixErrors'))) save.mutate(body);
  });

  return (
    <section id={ToolId.contract} className="tool" aria-labelledby="contract-heading">
      <h2 id="contract-heading">{toolName(ToolId.contract)}</h2>
      <p className="tool-intro">{t('contract.intro')}</p>
      <div className="card contract stack">
        <dl className="facts contract-plan">
          <div>
            <dt>{t('contract.sessions')}</dt>
            <dd>{t('contract.sessionsValue', { n: planned ?? '', minutes })}</dd>
          </div>
          <div>
            <dt>{t('contract.ends')}</dt>
            <dd>{end ? formatDate(end) : preview ? t('contract.endsPreview', { date: formatDate(preview) }) : ''}</dd>
          </div>
        </dl>
        <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
          <FormStatus message={form.message} />
          <TextField
            label={t('contract.minutes')}
            type="number"
            min={15}
            max={120}
            className="input-short"
            {...form.bind('sessionMinutes')}
          />
          {goals.length === 0 ? (
            <p className="notice notice-info">{t('contract.noArea')}</p>
          ) : (
            <CheckboxGroup
              legend={t('contract.areaGoals')}
              hint={t('contract.areaGoalsHint')}
              options={goals.map((g) => ({ value: g.id, label: g.text }))}
              values={chosenGoals}
              onChange={setAreaGoals}
            />
          )}
          <fieldset className="personal-goals">
            <legend>{t('contract.personalGoals')}</legend>
            {personal.map((goal, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the goals are an ordered list edited in place.
              <div key={i} className="goal-row">
                <TextField
                  label={t('contract.personalGoal', { n: i + 1 })}
                  required={false}
                  value={goal}
                  onChange={(e) => setPersonal((p) => p.map((g, j) => (j === i ? e.target.value : g)))}
                />
                {personal.length > 1 && (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => setPersonal((p) => p.filter((_, j) => j !== i))}
                  >
                    {t('contract.removeGoal', { n: i + 1 })}
                  </button>
                )}
              </div>
            ))}
            <div>
              <button type="button" className="button button-quiet" onClick={() => setPersonal((p) => [...p, ''])}>
                {t('contract.addGoal')}
              </button>
            </div>
          </fieldset>
          <div className="field-row">
            <TextAreaField label={t('contract.rolePatient')} rows={3} {...form.bind('roles.patient')} />
            <TextAreaField label={t('contract.roleTherapist')} rows={3} {...form.bind('roles.therapist')} />
          </div>
          <TextAreaField label={t('contract.attendance')} optional rows={2} {...form.bind('attendance')} />
          <TextAreaField
            label={t('contract.missed')}
            hint={t('contract.missedHint')}
            rows={2}
            {...form.bind('missedSessions')}
          />
          <TextAreaField label={t('contract.medication')} optional rows={2} {...form.bind('medicationPlan')} />
          <TextAreaField label={t('contract.joint')} optional rows={2} {...form.bind('jointSessions')} />
          <TextAreaField
            label={t('contract.safety')}
            hint={t('contract.safetyHint')}
            rows={2}
            {...form.bind('safety')}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {save.isPending ? t('form.saving') : t('contract.submit')}
            </button>
            {saved && (
              <button type="button" className="button button-quiet" onClick={printContract}>
                {t('contract.print')}
              </button>
            )}
          </div>
        </form>
      </div>
      {saved && <ContractPrint contract={saved} />}
    </section>
  );
}
