import type { Me } from '@ipt/contract';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, isApiError } from '../api.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { FactorField } from './FactorField.js';
import { waitMessage } from './wait.js';

/**
 * The second step of signing in (docs/decisions/0019-mfa.md): the password opened a half-session that takes only
 * this code (or a recovery code). A wrong code is said at the field; too many, the wait; a half-session that ran out
 * (five minutes) sends the user back to the password.
 */
export function SecondStep({
  onSignedIn,
  onStartAgain,
}: {
  onSignedIn: (me: Me) => Promise<void>;
  onStartAgain: (message?: string) => void;
}) {
  const form = useFormState({ code: '', recoveryCode: '' });
  const [recovery, setRecovery] = useState(false);
  const body = () => (recovery ? { recoveryCode: form.values.recoveryCode } : { code: form.values.code });

  const verify = useMutation({
    mutationFn: () => api.verifyMfa({ body: body() }),
    // A 401 here is a half-session that ran out: this step says so itself.
    meta: { ownAuthErrors: true },
    onSuccess: onSignedIn,
    onError: (error) => {
      const wait = waitMessage(error);
      if (wait) form.setMessage({ kind: 'error', text: wait });
      else if (isApiError(error, 401)) onStartAgain(t('login.expired'));
      else form.fail(error);
    },
  });

  const submit = form.onSubmit(async () => {
    const empty = missing(form.values, [recovery ? 'recoveryCode' : 'code']);
    const found = Object.keys(empty).length > 0 ? empty : await checkRequest('VerifyMfaRequest', body());
    if (form.check(found, t('form.fixErrors'))) verify.mutate();
  });

  const startAgain = async () => {
    // The half-session ends with it; the password is asked again.
    await api.logout({}).catch(() => undefined);
    onStartAgain();
  };

  return (
    <section aria-labelledby="second-step-title">
      <h2 id="second-step-title">{t('login.codeTitle')}</h2>
      <p>{recovery ? t('login.recoveryIntro') : t('login.codeIntro')}</p>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="card form">
        <FormStatus message={form.message} />
        <FactorField
          recovery={recovery}
          onSwitch={() => {
            form.setMessage(null);
            setRecovery((r) => !r);
          }}
          bind={form.bind}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={verify.isPending}>
            {verify.isPending ? t('login.verifying') : t('login.verify')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => void startAgain()}>
            {t('login.startAgain')}
          </button>
        </div>
      </form>
    </section>
  );
}
