import type { Administration, InstrumentDefinition } from '@ipt/contract';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api.js';
import { t } from '../i18n/t.js';
import { useRefreshPatient } from '../patient/use-refresh-patient.js';
import { type Answers, InstrumentForm, useInstrumentForm } from './InstrumentForm.js';

/**
 * A questionnaire given in session: the clinician enters the patient's answers (or rates a clinician-rated scale).
 * The answers are sent with the instrument version they were asked in; the server scores them and raises any flag.
 */
export function GiveInSession({
  instrument,
  courseId,
  patientId,
  onDone,
  onClose,
}: {
  instrument: InstrumentDefinition;
  courseId: string;
  patientId: string;
  onDone: (administration: Administration) => void;
  onClose: () => void;
}) {
  const form = useInstrumentForm(instrument);
  const refresh = useRefreshPatient(patientId);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const record = useMutation({
    mutationFn: (answers: Answers) =>
      api.createAdministration({
        params: { courseId },
        body: { instrumentId: instrument.id, instrumentVersion: instrument.version, answers },
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
      />
      <p>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('form.cancel')}
        </button>
      </p>
    </div>
  );
}
