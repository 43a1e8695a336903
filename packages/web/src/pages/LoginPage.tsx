import type { Me } from '@ipt/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { SecondStep } from '../account/SecondStep.js';
import { waitMessage } from '../account/wait.js';
import { api, isApiError, queryKeys } from '../api.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';

/** Setting up an app on the way in is rare: its code (and the QR encoder) loads only then. */
const MfaSetup = lazy(() => import('../account/MfaSetup.js').then((m) => ({ default: m.MfaSetup })));

/** Where signing in stands: the password, then (with two-step sign-in) a code, or setting up an app first. */
type Step = 'password' | 'code' | 'enrol';

/**
 * Sign-in. A failure says one generic thing: which of email or password was wrong is not the page's to tell (account
 * enumeration); too many tries say how long to wait, as the server does. With two-step sign-in the password opens a
 * second step on the same page: the code from the authenticator app (or a recovery code), or, when the organisation
 * requires it and no app is set up yet, setting one up (docs/decisions/0019-mfa.md).
 */
export function LoginPage() {
  usePageTitle(t('login.title'));
  const form = useFormState({ email: '', password: '' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/login' });
  const [step, setStep] = useState<Step>('password');
  const enrolHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (step === 'enrol') enrolHeading.current?.focus();
  }, [step]);

  const signedIn = async (me: Me) => {
    queryClient.setQueryData(queryKeys.me, me);
    await navigate({ to: next ?? '/' });
  };

  /** Back to the password (the half-session ended or ran out), with why when there is a reason to say. */
  const startAgain = (message?: string) => {
    setStep('password');
    form.setValues((v) => ({ ...v, password: '' }));
    form.setMessage(message ? { kind: 'error', text: message } : null);
  };

  const login = useMutation({
    mutationFn: () => api.login({ body: { email: form.values.email, password: form.values.password } }),
    onSuccess: async (result) => {
      if ('step' in result) {
        form.setMessage(null);
        setStep(result.step === 'mfa-code' ? 'code' : 'enrol');
        return;
      }
      await signedIn(result);
    },
    onError: (error) => {
      const wait = waitMessage(error);
      if (wait) form.setMessage({ kind: 'error', text: wait });
      else if (isApiError(error) && error.status < 500) form.setMessage({ kind: 'error', text: t('login.failed') });
      else form.fail(error);
    },
  });

  const submit = form.onSubmit(() => {
    // Both fields given is all the page checks: the server says the rest, in the same one generic way, so signing in
    // loads none of the contract's schemas (ADR 0018).
    const found = missing(form.values, ['email', 'password']);
    if (form.check(found, t('form.fixErrors'))) login.mutate();
  });

  return (
    <div className="page page-narrow">
      <h1 tabIndex={-1}>{t('login.title')}</h1>
      {step === 'code' && <SecondStep onSignedIn={signedIn} onStartAgain={startAgain} />}
      {step === 'enrol' && (
        <section aria-labelledby="enrol-title">
          <h2 id="enrol-title" ref={enrolHeading} tabIndex={-1}>
            {t('login.enrolTitle')}
          </h2>
          <p>{t('login.enrolIntro')}</p>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <MfaSetup level={3} onDone={signedIn} onExpired={() => startAgain(t('login.expired'))} />
          </Suspense>
        </section>
      )}
      {step === 'password' && (
        <>
          <p>{t('login.intro')}</p>
          <form ref={form.formRef} onSubmit={submit} noValidate className="card form">
            <FormStatus message={form.message} />
            <TextField label={t('login.email')} type="email" autoComplete="username" {...form.bind('email')} />
            <TextField
              label={t('login.password')}
              type="password"
              autoComplete="current-password"
              {...form.bind('password')}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={login.isPending}>
                {login.isPending ? t('login.submitting') : t('login.submit')}
              </button>
            </div>
          </form>
          <p className="muted">
            <Link to="/learn">{t('login.learn')}</Link>
          </p>
        </>
      )}
    </div>
  );
}
