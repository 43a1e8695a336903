import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { FactorField } from './FactorField.js';
import { waitMessage } from './wait.js';

/** Turning two-step sign-in off: the password and a code (or a recovery code) prove it is the user. */
export function DisableMfaForm({ onDisabled }: { onDisabled: () => Promise<void> }) {
  const form = useFormState({ password: '', code: '', recoveryCode: '' });
  const [recovery, setRecovery] = useState(false);
  const body = () => ({
    password: form.values.password,
    ...(recovery ? { recoveryCode: form.values.recoveryCode } : { code: form.values.code }),
  });

  const disable = useMutation({
    mutationFn: () => api.disableMfa({ body: body() }),
    onSuccess: onDisabled,
    onError: (error) => {
      const wait = waitMessage(error);
      if (wait) form.setMessage({ kind: 'error', text: wait });
      else form.fail(error);
    },
  });

  const submit = form.onSubmit(async () => {
    const empty = missing(form.values, ['password', recovery ? 'recoveryCode' : 'code']);
    const found = Object.keys(empty).length > 0 ? empty : await checkRequest('DisableMfaRequest', body());
    if (form.check(found, t('form.fixErrors'))) disable.mutate();
  });

  return (
    <section aria-labelledby="mfa-disable-title">
      <h2 id="mfa-disable-title">{t('mfa.disableTitle')}</h2>
      <p>{t('mfa.disableIntro')}</p>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="card form">
        <FormStatus message={form.message} />
        <TextField
          label={t('mfa.password')}
          type="password"
          autoComplete="current-password"
          {...form.bind('password')}
        />
        <FactorField recovery={recovery} onSwitch={() => setRecovery((r) => !r)} bind={form.bind} focusOnShow={false} />
        <div className="actions">
          <button type="submit" className="button button-quiet" disabled={disable.isPending}>
            {disable.isPending ? t('mfa.disabling') : t('mfa.disable')}
          </button>
        </div>
      </form>
    </section>
  );
}
