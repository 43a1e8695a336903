import type { Administration, CourseDetail, InstrumentDefinition } from '@ipt/contract';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api.js';
import { SelectField, TextField } from '../forms/Field.js';
import { formatDate, t } from '../i18n/t.js';
import { useRefreshPatient } from '../patient/use-refresh-patient.js';
import { today } from '../today.js';
import { type Answers, InstrumentForm, useInstrumentForm } from './InstrumentForm.js';

type Session = CourseDetail['sessions'][number];

/**
 * The session a questionnaire given now belongs to, unless the clinician says otherwise: the one held today, else
 * the latest recorded; none when no session is recorded yet.
 */
export function defaultSession(sessions: readonly Session[], on: string): Session | undefined {
  const latest = [...sessions].sort((a, b) => b.number - a.number);
  return latest.find((s) => s.date === on) ?? latest[0];
}

/**
 * A questionnaire given in session: the clinician enters the patient's answers (or rates a clinician-rated scale),
 * says which session it was given in (the current one unless changed), and, for a paper form filled in on another
 * day, the day it was answered. The answers are sent with the instrument version they were asked in; the server
 * scores them, places them on the chart at their session and raises any flag.
 */
export function GiveInSession({
  instrument,
  courseId,
  patientId,
  sessions,
  onDone,
  onClose,
}: {
  instrument: InstrumentDefinition;
  courseId: string;
  patientId: string;
  sessions: readonly Session[];
  onDone: (administration: Administration) => void;
  onClose: () => void;
}) {
  const now = today();
  const form = useInstrumentForm(instrument, { sessionId: defaultSession(sessions, now)?.id ?? '', answeredAt: '' });
  const refresh = useRefreshPatient(patientId);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const chosen = sessions.find((s) => s.id === form.values.sessionId);
  const options = [
    ...[...sessions]
      .sort((a, b) => b.number - a.number)
      .map((s) => ({ value: s.id, label: t('give.sessionOption', { n: s.number, date: formatDate(s.date) }) })),
    { value: '', label: t('give.noSession') },
  ];

  const record = useMutation({
    mutationFn: (answers: Answers) =>
      api.createAdministration({
        params: { courseId },
        body: {
          instrumentId: instrument.id,
          instrumentVersion: instrument.version,
          answers,
          ...(form.values.sessionId ? { sessionId: form.values.sessionId } : {}),
          ...(form.values.answeredAt ? { answeredAt: form.values.answeredAt } : {}),
        },
      }),
    onSuccess: async (administration) => {
      onDone(administration);
      await refresh();
    },
    onError: form.fail,
  });

  return (
    <div className="give-in-session">
      <h5 ref={heading} tabIndex={-1}>
        {t('give.formHeading', { instrument: instrument.name })}
      </h5>
      <InstrumentForm
        instrument={instrument}
        form={form}
        submitLabel={t('give.submit')}
        pending={record.isPending}
        onSubmit={(answers) => record.mutate(answers)}
      >
        <div className="field-row give-when">
          <SelectField
            label={t('give.session')}
            hint={
              chosen && chosen.date < now
                ? t('give.sessionPast', { n: chosen.number, date: formatDate(chosen.date) })
                : t('give.sessionHint')
            }
            options={options}
            {...form.bind('sessionId')}
          />
          <TextField
            label={t('give.answeredOn')}
            hint={t('give.answeredOnHint')}
            type="date"
            optional
            max={now}
            className="input-date"
            {...form.bind('answeredAt')}
          />
        </div>
      </InstrumentForm>
      <p>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('form.cancel')}
        </button>
      </p>
    </div>
  );
}
