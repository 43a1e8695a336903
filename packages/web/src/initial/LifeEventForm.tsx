import type { LifeEvent } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { api, type BodyOf, type Versioned } from '../api.js';
import { CheckboxField } from '../forms/Checkbox.js';
import { SelectField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { categoryOptions, impactOptions } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { useInitial, useRefreshInitial } from './initial-context.js';
import { checkTimelineText, timelineDateInput } from './timeline-date.js';
import { dateError, TimelineDateField } from './TimelineDateField.js';

/**
 * Add or change a life event (DOMAIN §2.4): when (a day, a month or a year), what kind, who was involved (from the
 * inventory), what happened, and how it felt (−3 … +3); or a transition still to come, marked planned (DOMAIN §3.5,
 * §7.2). Kept short so it can be filled while the patient talks.
 */
export function LifeEventForm({ event, n, onDone }: { event?: Versioned<LifeEvent>; n?: number; onDone?: () => void }) {
  const { detail, view, patient, today } = useInitial();
  const courseId = detail.course.id;
  const headingId = useId();
  const refresh = useRefreshInitial(courseId, patient.id);
  const initial = () => ({
    date: timelineDateInput(event?.date),
    category: event?.category ?? '',
    personId: event?.personId ?? '',
    description: event?.description ?? '',
    impact:
      event?.perceivedImpact === null || event?.perceivedImpact === undefined ? '' : String(event.perceivedImpact),
    planned: event?.planned === true ? 'yes' : '',
  });
  const form = useFormState(initial());
  const people = [
    { value: '', label: t('event.personNone') },
    ...view.inventory.map((p) => ({ value: p.id, label: p.data.personName })),
  ];

  const save = useMutation({
    mutationFn: (body: BodyOf<'createLifeEvent'>) =>
      event
        ? api.updateLifeEvent({ params: { recordId: event.id }, body, ifMatch: event.version })
        : api.createLifeEvent({ params: { courseId }, body }),
    onSuccess: async () => {
      form.succeed(event ? t('event.changed', { n: n ?? '' }) : t('event.added'), event ? undefined : initial());
      await refresh();
      onDone?.();
    },
    onError: (error) => form.failStale(error, refresh),
  });

  const submit = form.onSubmit(() => {
    const v = form.values;
    const planned = v.planned === 'yes';
    const date = checkTimelineText(v.date, today, patient.yearOfBirth, { planned });
    const found: Record<string, string> = { ...missing(v, ['category', 'description']) };
    const error = dateError(date, true);
    if (error) found[!date.ok && date.field === 'planned' ? 'planned' : 'date'] = error;
    if (!form.check(found, t('form.fixErrors')) || !date.ok) return;
    save.mutate({
      date: date.date,
      category: v.category as LifeEvent['category'],
      personId: v.personId === '' ? null : v.personId,
      description: v.description.trim(),
      perceivedImpact: v.impact === '' ? null : Number(v.impact),
      // Sent when it says something: planned now, or no longer planned.
      ...(planned || event?.planned === true ? { planned } : {}),
    });
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{event ? t('event.editHeading', { n: n ?? '' }) : t('event.addHeading')}</h3>
      <form ref={form.formRef} onSubmit={submit} noValidate className="form">
        <FormStatus message={form.message} />
        <div className="field-row align-end">
          <TimelineDateField label={t('event.date')} {...form.bind('date')} />
          <SelectField
            label={t('event.category')}
            options={[{ value: '', label: t('event.choose') }, ...categoryOptions]}
            {...form.bind('category')}
          />
        </div>
        <TextField label={t('event.description')} {...form.bind('description')} />
        <div className="field-row align-end">
          <SelectField
            label={t('event.person')}
            hint={t('event.personHint')}
            options={people}
            {...form.bind('personId')}
          />
          <SelectField label={t('event.impact')} options={impactOptions} {...form.bind('impact')} />
        </div>
        <CheckboxField
          label={t('event.planned')}
          hint={t('event.plannedHint')}
          name="planned"
          checked={form.values.planned === 'yes'}
          error={form.errors.planned}
          onChange={(on) => {
            form.setValues((x) => ({ ...x, planned: on ? 'yes' : '' }));
            // Core's complaint about a date and "planned" not agreeing sits on one of the two; a change here answers it.
            form.clearError(form.errors.planned === undefined ? 'date' : 'planned');
          }}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : event ? t('event.save') : t('event.submit')}
          </button>
          {onDone && (
            <button type="button" className="button button-quiet" onClick={onDone}>
              {t('form.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
