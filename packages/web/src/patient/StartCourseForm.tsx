import type { CreateCourseRequest } from '@ipt/contract';
import { PlannedSessions, SchoolPreset } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { api } from '../api.js';
import { SelectField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { presetLabel, weekdayOptions } from '../i18n/labels.js';
import { t } from '../i18n/t.js';
import { today } from '../today.js';
import { useRefreshPatient } from './use-refresh-patient.js';

const presetOptions = Object.values(SchoolPreset).map((p) => ({ value: p, label: presetLabel(p) }));

function initial() {
  const day = new Date().getDay();
  return {
    schoolPreset: SchoolPreset.weissmanMarkowitz as string,
    plannedSessions: String(PlannedSessions.default),
    'schedule.weekday': String(day === 0 ? 7 : day),
    'schedule.time': '10:00',
    startDate: today(),
  };
}

function toBody(v: ReturnType<typeof initial>): CreateCourseRequest {
  return {
    schoolPreset: v.schoolPreset as SchoolPreset,
    plannedSessions: Number(v.plannedSessions),
    schedule: { weekday: Number(v['schedule.weekday']), time: v['schedule.time'] },
    startDate: v.startDate,
  };
}

/** Start a course of IPT: the school preset sets the phase lengths; the rest is the weekly frame. */
export function StartCourseForm({ patientId, again }: { patientId: string; again: boolean }) {
  const headingId = useId();
  const form = useFormState(initial());
  const refresh = useRefreshPatient(patientId);

  const start = useMutation({
    mutationFn: (body: CreateCourseRequest) => api.createCourse({ params: { patientId }, body }),
    onSuccess: async () => {
      form.succeed(t('startCourse.done'));
      await refresh();
    },
    onError: form.fail,
  });

  const submit = form.onSubmit(async () => {
    const body = toBody(form.values);
    const required = ['plannedSessions', 'schedule.time', 'startDate'];
    const found = { ...(await checkRequest('CreateCourseRequest', body)), ...missing(form.values, required) };
    if (form.check(found, t('form.fixErrors'))) start.mutate(body);
  });

  return (
    <section className="card no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('startCourse.heading')}</h2>
      <p>{again ? t('startCourse.introAgain') : t('startCourse.intro')}</p>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
        <FormStatus message={form.message} />
        <SelectField
          label={t('startCourse.preset')}
          hint={t('startCourse.presetHint')}
          options={presetOptions}
          {...form.bind('schoolPreset')}
        />
        <TextField
          label={t('startCourse.planned')}
          hint={t('startCourse.plannedHint', PlannedSessions)}
          type="number"
          min={PlannedSessions.min}
          max={PlannedSessions.max}
          className="input-short"
          {...form.bind('plannedSessions')}
        />
        <div className="field-row">
          <SelectField label={t('startCourse.weekday')} options={weekdayOptions} {...form.bind('schedule.weekday')} />
          <TextField label={t('startCourse.time')} type="time" {...form.bind('schedule.time')} />
          <TextField label={t('startCourse.startDate')} type="date" {...form.bind('startDate')} />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={start.isPending}>
            {start.isPending ? t('form.saving') : t('startCourse.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
