import type { PatientInvitation } from '@ipt/contract';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../api.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { OnceLink } from '../forms/OnceLink.js';
import { missing } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { formatDateTime, t } from '../i18n/t.js';

/**
 * Inviting the patient to an account of their own (issue 12, part 1): an email address (the one on file to start
 * with) and a single-use link, shown once, that the patient opens to choose a password.
 */
export function InviteForm({ patientId, email }: { patientId: string; email: string | null }) {
  const headingId = useId();
  const form = useFormState({ email: email ?? '' });
  const [invitation, setInvitation] = useState<PatientInvitation | null>(null);
  const invite = useMutation({
    mutationFn: () => api.createPatientInvitation({ params: { patientId }, body: { email: form.values.email } }),
    onSuccess: (created) => {
      form.setMessage(null);
      setInvitation(created);
    },
    onError: form.fail,
  });
  const submit = form.onSubmit(() => {
    setInvitation(null);
    if (form.check(missing(form.values, ['email']), t('form.fixErrors'))) invite.mutate();
  });
  return (
    <section className="block no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('invite.heading')}</h2>
      <p className="muted">{t('invite.headingHint')}</p>
      <form ref={form.formRef} onSubmit={submit} noValidate className="card form">
        <FormStatus message={form.message} />
        <TextField label={t('invite.email')} type="email" autoComplete="off" {...form.bind('email')} />
        <div className="actions">
          <button type="submit" className="button button-quiet" disabled={invite.isPending}>
            {t('invite.create')}
          </button>
        </div>
      </form>
      {invitation && (
        <div className="link-result">
          <OnceLink
            label={t('invite.created', { email: invitation.email })}
            hint={t('invite.createdHint', { date: formatDateTime(invitation.expiresAt) })}
            path={invitation.path}
          />
        </div>
      )}
    </section>
  );
}
