import type { CourseDetail, CreateSessionRequest } from '@ipt/contract';
import { Attendance, assertSessionDate, RuleViolation, SessionLength } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { api } from '../api.js';
import { SelectField, TextAreaField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { attendanceLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';
import { today } from '../today.js';
import { useRefreshPatient } from './use-refresh-patient.js';

const attendanceOptions = Object.values(Attendance).map((a) => ({ value: a, label: attendanceLabel(a) }));

/**
 * The next session's number, and its date when that day has come: a session is recorded as attended on or after
 * its day (core `assertSessionDate`), so before then the form offers today.
 */
const defaults = (nextNumber: number, nextDate: string | null) => ({
  number: String(nextNumber),
  date: nextDate !== null && nextDate <= today() ? nextDate : today(),
  attendance: Attendance.attended as string,
  lengthMinutes: String(SessionLength.defaultMinutes),
  note: '',
});

function toBody(v: ReturnType<typeof defaults>): CreateSessionRequest {
  return {
    number: Number(v.number),
    date: v.date,
    attendance: v.attendance as Attendance,
    lengthMinutes: v.lengthMinutes.trim() === '' ? null : Number(v.lengthMinutes),
    note: v.note,
  };
}

/** Record the next session: number and date come prefilled from where the course stands. */
export function RecordSessionForm({ detail, patientId }: { detail: CourseDetail; patientId: string }) {
  const { course, progress } = detail;
  const headingId = useId();
  const { nextNumber, nextDate } = progress;
  const form = useFormState(defaults(nextNumber, nextDate));
  const refresh = useRefreshPatient(patientId);
  const { setValues } = form;

  // When the course moves on (by this form or by someone else), offer the new next session.
  useEffect(() => setValues(defaults(nextNumber, nextDate)), [nextNumber, nextDate, setValues]);

  const record = useMutation({
    mutationFn: (body: CreateSessionRequest) => api.createSession({ params: { courseId: course.id }, body }),
    onSuccess: async (session) => {
      form.succeed(t('record.done', { n: session.number }));
      await refresh();
    },
    onError: form.fail,
  });

  const submit = form.onSubmit(async () => {
    const body = toBody(form.values);
    const found: Record<string, string> = {
      ...(await checkRequest('CreateSessionRequest', body)),
      ...missing(form.values, ['number', 'date']),
    };
    if (found.date === undefined) {
      // Core's rule, before the server applies it: not before the course, not attended before its day.
      try {
        assertSessionDate(course, body, today());
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        found[error.field ?? 'date'] = error.message;
      }
    }
    if (form.check(found, t('form.fixErrors'))) record.mutate(body);
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('record.heading')}</h3>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
        <FormStatus message={form.message} />
        <div className="field-row">
          <TextField
            label={t('record.number')}
            type="number"
            min={1}
            className="input-short"
            {...form.bind('number')}
          />
          <TextField label={t('record.date')} type="date" {...form.bind('date')} />
        </div>
        <div className="field-row">
          <SelectField label={t('record.attendance')} options={attendanceOptions} {...form.bind('attendance')} />
          <TextField
            label={t('record.length')}
            type="number"
            min={SessionLength.min}
            max={SessionLength.max}
            className="input-short"
            optional
            {...form.bind('lengthMinutes')}
          />
        </div>
        <TextAreaField label={t('record.note')} hint={t('record.noteHint')} optional {...form.bind('note')} />
        <div className="actions">
          <button type="submit" className="button" disabled={record.isPending}>
            {record.isPending ? t('form.saving') : t('record.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
