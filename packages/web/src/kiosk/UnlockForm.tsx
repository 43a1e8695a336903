import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId } from 'react';
import { api, isApiError, queryKeys } from '../api.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { currentKiosk, forgetKiosk } from './kiosk-state.js';

/**
 * The way out of kiosk mode: the clinician's own password. A wrong one says so here; it is not a lost session, so
 * the app-wide sign-in redirect stays out of it (`meta.ownAuthErrors`).
 */
export function UnlockForm() {
  const headingId = useId();
  const form = useFormState({ password: '' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const unlock = useMutation({
    meta: { ownAuthErrors: true },
    mutationFn: (password: string) => api.unlockKiosk({ body: { password } }),
    onSuccess: async () => {
      const kiosk = currentKiosk();
      forgetKiosk();
      await queryClient.invalidateQueries();
      if (kiosk) await navigate({ to: '/patients/$patientId', params: { patientId: kiosk.patientId } });
      else await navigate({ to: '/' });
    },
    onError: async (error) => {
      // Too many wrong passwords end the session (server side): the way back is signing in again.
      if (isApiError(error, 401)) {
        forgetKiosk();
        queryClient.clear();
        queryClient.setQueryData(queryKeys.me, null);
        await navigate({ to: '/login' });
      } else if (isApiError(error) && error.status < 500 && error.status !== 429) {
        form.setValues({ password: '' });
        form.setMessage({ kind: 'error', text: t('kiosk.unlockFailed') });
      } else form.fail(error);
    },
  });

  const submit = form.onSubmit(async () => {
    const found = { ...(await checkRequest('UnlockRequest', form.values)), ...missing(form.values, ['password']) };
    if (form.check(found, t('form.fixErrors'))) unlock.mutate(form.values.password);
  });

  return (
    <section className="card unlock" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('kiosk.unlockHeading')}</h2>
      <p className="hint">{t('kiosk.unlockHint')}</p>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
        <FormStatus message={form.message} />
        <TextField
          label={t('kiosk.password')}
          type="password"
          autoComplete="current-password"
          {...form.bind('password')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={unlock.isPending}>
            {unlock.isPending ? t('kiosk.unlocking') : t('kiosk.unlock')}
          </button>
        </div>
      </form>
    </section>
  );
}
