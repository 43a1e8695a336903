import { type CourseDetail, CreatePhaseTransitionRequest, ProblemType } from '@ipt/contract';
import { allowedNextPhases, type Phase } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { api, isApiError } from '../api.js';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing, validate } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { phaseLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';
import { useRefreshPatient } from './use-refresh-patient.js';

/**
 * Move the course to another phase, saying why. The move carries the course version it was made against; if someone
 * else changed the course meanwhile the server refuses (409) and the page reloads their changes.
 */
export function MovePhaseForm({ detail, patientId }: { detail: CourseDetail; patientId: string }) {
  const { course } = detail;
  const headingId = useId();
  const allowed = allowedNextPhases(course.phase);
  const options = allowed.map((p) => ({ value: p, label: phaseLabel(p) }));
  const form = useFormState({ to: allowed[0] ?? '', reason: '' });
  const refresh = useRefreshPatient(patientId);
  const { setValues } = form;

  useEffect(() => {
    setValues((v) => ({ ...v, to: allowedNextPhases(course.phase)[0] ?? '' }));
  }, [course.phase, setValues]);

  const move = useMutation({
    mutationFn: (body: { to: Phase; reason: string }) =>
      api.createPhaseTransition({ params: { courseId: course.id }, body, ifMatch: course.version }),
    onSuccess: async (next) => {
      form.succeed(t('move.done', { phase: phaseLabel(next.course.phase) }), {
        to: allowedNextPhases(next.course.phase)[0] ?? '',
        reason: '',
      });
      await refresh();
    },
    onError: async (error) => {
      if (isApiError(error, 409) && error.problem.type === ProblemType.staleVersion) {
        form.setMessage({ kind: 'error', text: t('move.conflict') });
        await refresh();
      } else form.fail(error);
    },
  });

  const submit = form.onSubmit(() => {
    const body = { to: form.values.to as Phase, reason: form.values.reason.trim() };
    const found = { ...validate(CreatePhaseTransitionRequest, body), ...missing(form.values, ['to', 'reason']) };
    if (form.check(found, t('form.fixErrors'))) move.mutate(body);
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('move.heading')}</h3>
      {allowed.length === 0 ? (
        <p>{t('course.ended')}</p>
      ) : (
        <form ref={form.formRef} onSubmit={submit} noValidate className="form">
          <FormStatus message={form.message} />
          <SelectField label={t('move.to')} options={options} {...form.bind('to')} />
          <TextAreaField label={t('move.reason')} hint={t('move.reasonHint')} {...form.bind('reason')} />
          <div className="actions">
            <button type="submit" className="button" disabled={move.isPending}>
              {move.isPending ? t('form.saving') : t('move.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
