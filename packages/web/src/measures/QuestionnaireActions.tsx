import type { Administration, CourseDetail, InstrumentDefinition } from '@ipt/contract';
import type { MeasureLink } from './types.js';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, instrumentsQuery } from '../api.js';
import { SelectField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { rememberKiosk } from '../kiosk/kiosk-state.js';
import { GiveInSession } from './GiveInSession.js';
import { LinkResult } from './LinkResult.js';

type Action = 'give' | 'link' | 'email' | 'kiosk';

function recordedText(administration: Administration, instrument: string): string {
  const scored =
    administration.total === null
      ? t('give.recordedUnscored', { instrument })
      : t('give.recorded', { instrument, total: administration.total, band: administration.band ?? '' });
  return administration.flags.length > 0 ? `${scored} ${t('give.recordedFlagged')}` : scored;
}

/**
 * Three ways to give a questionnaire: now in session (the clinician enters the answers), a single-use link the
 * patient opens on their own phone, or this device handed to the patient (kiosk). A clinician-rated instrument is
 * given in session only.
 */
export function QuestionnaireActions({
  detail,
  patientId,
  patientEmail,
}: {
  detail: CourseDetail;
  patientId: string;
  /** With an address on file, the link can go by email (through the server's outbox: docs/decisions/0022). */
  patientEmail: string | null;
}) {
  const headingId = useId();
  const { data: instruments = [] } = useQuery(instrumentsQuery);
  const form = useFormState({ instrumentId: '' });
  const [giving, setGiving] = useState<InstrumentDefinition | null>(null);
  const [link, setLink] = useState<MeasureLink | null>(null);
  const navigate = useNavigate();
  const courseId = detail.course.id;
  const chosen = instruments.find((i) => i.id === form.values.instrumentId) ?? instruments[0];
  const patientRated = chosen?.rater === 'patient';

  const sendLink = useMutation({
    mutationFn: ({ instrumentId, sendByEmail }: { instrumentId: string; sendByEmail: boolean }) =>
      api.createMeasureLink({ params: { courseId }, body: { instrumentId, sendByEmail } }),
    onSuccess: (created) => {
      form.setMessage(null);
      setLink(created);
    },
    onError: form.fail,
  });

  const startKiosk = useMutation({
    mutationFn: (instrumentId: string) => api.startKiosk({ params: { courseId }, body: { instrumentId } }),
    onSuccess: async (created) => {
      rememberKiosk({ token: created.token, patientId });
      await navigate({ to: '/kiosk/$token', params: { token: created.token } });
    },
    onError: form.fail,
  });

  const act = (action: Action) => {
    if (!chosen) return;
    setLink(null);
    form.setMessage(null);
    if (action === 'give') setGiving(chosen);
    if (action === 'link' || action === 'email') {
      sendLink.mutate({ instrumentId: chosen.id, sendByEmail: action === 'email' });
    }
    if (action === 'kiosk') startKiosk.mutate(chosen.id);
  };

  return (
    <section className="card questionnaire-actions no-print" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('give.heading')}</h4>
      <div className="form">
        <FormStatus message={form.message} />
        <SelectField
          label={t('give.instrument')}
          hint={patientRated || !chosen ? undefined : t('give.clinicianRated')}
          options={instruments.map((i) => ({ value: i.id, label: i.name }))}
          {...form.bind('instrumentId')}
          value={chosen?.id ?? ''}
        />
        <div className="actions actions-wrap">
          <button type="button" className="button" onClick={() => act('give')} disabled={!chosen}>
            {t('give.inSession')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => act('link')}
            disabled={!patientRated || sendLink.isPending}
          >
            {sendLink.isPending ? t('give.creatingLink') : t('give.sendLink')}
          </button>
          {patientEmail && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => act('email')}
              disabled={!patientRated || sendLink.isPending}
            >
              {t('give.emailLink')}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => act('kiosk')}
            disabled={!patientRated || startKiosk.isPending}
          >
            {t('give.kiosk')}
          </button>
        </div>
      </div>
      {link && (
        <LinkResult
          link={link}
          instrumentName={chosen?.shortName ?? link.instrumentId}
          emailedTo={link.emailed ? patientEmail : null}
        />
      )}
      {giving && (
        <GiveInSession
          key={giving.id}
          instrument={giving}
          courseId={courseId}
          patientId={patientId}
          sessions={detail.sessions}
          onDone={(administration) => {
            setGiving(null);
            form.succeed(recordedText(administration, giving.shortName));
          }}
          onClose={() => setGiving(null)}
        />
      )}
    </section>
  );
}
