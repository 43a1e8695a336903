import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, queryKeys } from '../api.js';
import { SelectField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { today } from '../today.js';

type Kind = 'event' | 'note';

const kindOptions = (['event', 'note'] as const).map((kind) => ({ value: kind, label: t(`annotation.kind.${kind}`) }));

/** Mark an interpersonal event (a move, a row, a loss) or a note on the course's charts, so scores can be read with it. */
export function AnnotationForm({ courseId }: { courseId: string }) {
  const headingId = useId();
  const form = useFormState({ date: today(), label: '', kind: 'event' });
  const queryClient = useQueryClient();

  const add = useMutation({
    mutationFn: (body: { date: string; label: string; kind: Kind }) =>
      api.createAnnotation({ params: { courseId }, body }),
    onSuccess: async (annotation) => {
      form.succeed(t('annotation.done', { label: annotation.label }), { date: today(), label: '', kind: 'event' });
      await queryClient.invalidateQueries({ queryKey: queryKeys.measures(courseId) });
    },
    onError: form.fail,
  });

  const submit = form.onSubmit(async () => {
    const body = { date: form.values.date, label: form.values.label.trim(), kind: form.values.kind as Kind };
    const found = {
      ...(await checkRequest('CreateAnnotationRequest', body)),
      ...missing(form.values, ['date', 'label']),
    };
    if (form.check(found, t('form.fixErrors'))) add.mutate(body);
  });

  return (
    <section className="card annotation-form no-print" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('annotation.heading')}</h4>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
        <FormStatus message={form.message} />
        <div className="field-row">
          <TextField label={t('annotation.date')} type="date" {...form.bind('date')} />
          <SelectField label={t('annotation.kind')} options={kindOptions} {...form.bind('kind')} />
        </div>
        <TextField
          label={t('annotation.label')}
          hint={t('annotation.labelHint')}
          maxLength={200}
          {...form.bind('label')}
        />
        <div className="actions">
          <button type="submit" className="button button-quiet" disabled={add.isPending}>
            {add.isPending ? t('form.saving') : t('annotation.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
