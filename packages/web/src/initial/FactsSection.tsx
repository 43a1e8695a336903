import { GateItem } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, type BodyOf } from '../api.js';
import { CheckboxField } from '../forms/Checkbox.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial, useRefreshInitial } from './initial-context.js';

/** Gate items 1, 2 and 8 (DOMAIN §1.2): the diagnosis, the sick role explained, the safety screen. */
export function FactsSection() {
  const { detail, view, patient } = useInitial();
  const facts = view.facts?.data;
  const courseId = detail.course.id;
  const refresh = useRefreshInitial(courseId, patient.id);
  const form = useFormState({ diagnosis: facts?.diagnosis ?? '' });
  const [sickRole, setSickRole] = useState(facts?.sickRoleExplained ?? false);
  const [safety, setSafety] = useState(facts?.safetyScreenDone ?? false);
  const baselineMissing = view.checklist.some((c) => c.id === GateItem.diagnosis && !c.done) && facts?.diagnosis;

  const save = useMutation({
    mutationFn: (body: BodyOf<'putInitialFacts'>) =>
      api.putInitialFacts({ params: { courseId }, body, ifMatch: view.facts?.version ?? 0 }),
    onSuccess: async () => {
      form.succeed(t('facts.done'));
      await refresh();
    },
    onError: (error) => form.failStale(error, refresh),
  });

  const submit = form.onSubmit(async () => {
    const body = { diagnosis: form.values.diagnosis.trim(), sickRoleExplained: sickRole, safetyScreenDone: safety };
    if (form.check(await checkRequest('InitialFactsRequest', body), t('form.fixErrors'))) save.mutate(body);
  });

  return (
    <section id={ToolId.facts} className="tool" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{toolName(ToolId.facts)}</h2>
      <form
        ref={form.formRef}
        onSubmit={submit}
        onFocus={prefetchRequestSchemas}
        noValidate
        className="form card facts-form"
      >
        <FormStatus message={form.message} />
        <TextField
          label={t('facts.diagnosis')}
          hint={t('facts.diagnosisHint')}
          required={false}
          {...form.bind('diagnosis')}
        />
        <p className="hint">
          {t('facts.baseline')}{' '}
          <Link to="/patients/$patientId" params={{ patientId: patient.id }} activeOptions={{ exact: true }}>
            {t('initial.patientPage')}
          </Link>
        </p>
        {baselineMissing && (
          <p className="notice notice-warn">
            {t('gate.diagnosis')}: {t('checklist.missing')}
          </p>
        )}
        <CheckboxField
          label={t('facts.sickRole')}
          hint={t('facts.sickRoleHint')}
          checked={sickRole}
          onChange={setSickRole}
        />
        <CheckboxField label={t('facts.safety')} hint={t('facts.safetyHint')} checked={safety} onChange={setSafety} />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : t('facts.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
