import type { LinkQuestionnaire, LinkSubmitted } from './types.js';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api.js';
import { formatDateTime, t } from '../i18n/t.js';
import { type Answers, InstrumentForm, useInstrumentForm } from './InstrumentForm.js';
import { isGoneLink } from './use-link-questionnaire.js';

/**
 * The patient's side of a single-use link (their phone, or the clinician's device in kiosk mode): a plain-language
 * introduction, then the questionnaire. Once sent the link stops working.
 */
export function LinkQuestionnaireForm({
  token,
  questionnaire,
  onSubmitted,
  onGone,
}: {
  token: string;
  questionnaire: LinkQuestionnaire;
  onSubmitted: (result: LinkSubmitted) => void;
  onGone: () => void;
}) {
  const { instrument, expiresAt, kiosk } = questionnaire;
  const form = useInstrumentForm(instrument);
  const send = useMutation({
    mutationFn: (answers: Answers) => api.submitMeasureLink({ params: { token }, body: { answers } }),
    onSuccess: onSubmitted,
    onError: (error) => (isGoneLink(error) ? onGone() : form.fail(error)),
  });
  return (
    <div className="patient-questionnaire">
      <h1 tabIndex={-1}>{instrument.name}</h1>
      <p className="lead">{t('link.intro')}</p>
      <p>{t('link.howTo')}</p>
      <p className="muted">{kiosk ? t('link.kioskPrivacy') : t('link.privacy', { date: formatDateTime(expiresAt) })}</p>
      <InstrumentForm
        instrument={instrument}
        form={form}
        submitLabel={t('link.submit')}
        pending={send.isPending}
        onSubmit={(answers) => send.mutate(answers)}
      />
    </div>
  );
}
