import type { LifeEvent } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { api, versioned } from '../api.js';
import { SelectField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { categoryLabel, categoryOptions, impactLabel, impactOptions } from '../i18n/initial-labels.js';
import { formatDate, t } from '../i18n/t.js';
import { formatTimelineDate } from '@ipt/core';
import { useMiddle, useRefreshMiddle } from './middle-context.js';

/**
 * What happened since the last session (DOMAIN §1.3 "key events"): each event is a life event told at this session,
 * so it joins the timeline and the chart annotations; the person involved comes from the inventory.
 */
export function IntervalEvents() {
  const { view, session } = useMiddle();
  const headingId = useId();
  const people = new Map(view.people.map((p) => [p.id, p.name]));
  const events = view.intervalEvents.filter((r) => r.data.sessionId === session.id).map(versioned);
  return (
    <section className="interval-events" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('interval.heading')}</h3>
      {events.length === 0 ? (
        <p className="empty">{t('interval.empty')}</p>
      ) : (
        <ul className="event-list">
          {events.map((e) => (
            <li key={e.id}>
              <span className="category">{categoryLabel(e.category)}</span> {e.description}
              <span className="muted">
                {' '}
                {t('interval.meta', {
                  date: typeof e.date === 'string' ? formatDate(e.date) : formatTimelineDate(e.date),
                  person: e.personId ? (people.get(e.personId) ?? '') : t('event.personNone'),
                })}
                {typeof e.perceivedImpact === 'number' && `; ${impactLabel(e.perceivedImpact)}`}
                {')'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <IntervalEventForm />
    </section>
  );
}

function IntervalEventForm() {
  const { view, session, detail } = useMiddle();
  const refresh = useRefreshMiddle();
  const blank = () => ({ date: session.date, category: '', personId: '', description: '', impact: '' });
  const form = useFormState(blank());
  const people = [
    { value: '', label: t('event.personNone') },
    ...view.people.map((p) => ({ value: p.id, label: p.name })),
  ];
  const save = useMutation({
    mutationFn: (body: Parameters<typeof api.createLifeEvent>[0]['body']) =>
      api.createLifeEvent({ params: { courseId: detail.course.id }, body }),
    onSuccess: async () => {
      form.succeed(t('interval.added'), blank());
      await refresh();
    },
    onError: (error) => form.fail(error),
  });
  const submit = form.onSubmit(() => {
    const v = form.values;
    if (!form.check(missing(v, ['date', 'category', 'description']), t('form.fixErrors'))) return;
    save.mutate({
      date: v.date,
      category: v.category as LifeEvent['category'],
      personId: v.personId === '' ? null : v.personId,
      description: v.description.trim(),
      perceivedImpact: v.impact === '' ? null : Number(v.impact),
      sessionId: session.id,
    });
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="form card interval-form">
      <FormStatus message={form.message} />
      <TextField label={t('interval.description')} autoComplete="off" {...form.bind('description')} />
      <div className="field-row align-end">
        <SelectField
          label={t('event.category')}
          options={[{ value: '', label: t('event.choose') }, ...categoryOptions]}
          {...form.bind('category')}
        />
        <SelectField
          label={t('event.person')}
          hint={t('event.personHint')}
          options={people}
          {...form.bind('personId')}
        />
        <TextField label={t('event.date')} type="date" max={session.date} {...form.bind('date')} />
        <SelectField label={t('event.impact')} options={impactOptions} {...form.bind('impact')} />
      </div>
      <div className="actions">
        <button type="submit" className="button button-quiet" disabled={save.isPending}>
          {save.isPending ? t('form.saving') : t('interval.submit')}
        </button>
      </div>
    </form>
  );
}
