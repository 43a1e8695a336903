import type { Me, MfaEnrolment } from '@ipt/contract';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, isApiError } from '../api.js';
import { CheckboxField } from '../forms/Checkbox.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { QrCode } from './QrCode.js';
import { waitMessage } from './wait.js';

/** The key in groups of four, as authenticator apps show and take it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Setting up an authenticator app (docs/decisions/0019-mfa.md), in three steps: the app reads the secret (a QR code,
 * or the key typed in), a code it then shows proves it has it, and the ten recovery codes are shown, this once, to be
 * saved. Each step's heading takes focus as it appears. Used on the account page and, when the organisation requires
 * it, on the way in.
 */
export function MfaSetup({
  level,
  onDone,
  onExpired,
}: {
  /** The level of the steps' headings under the page's. */
  level: 2 | 3;
  onDone: (me: Me) => Promise<void> | void;
  /** The half-session ran out while setting up on the way in (401). */
  onExpired?: () => void;
}) {
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [enrolled, setEnrolled] = useState<{ recoveryCodes: string[]; me: Me } | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useFormState({ code: '' });
  const step = useRef<HTMLHeadingElement>(null);
  const Heading = level === 2 ? 'h2' : 'h3';

  useEffect(() => {
    if (enrolment || enrolled) step.current?.focus();
  }, [enrolment, enrolled]);

  const failed = (error: unknown) => {
    const wait = waitMessage(error);
    if (wait) form.setMessage({ kind: 'error', text: wait });
    else if (isApiError(error, 401) && onExpired) onExpired();
    else form.fail(error);
  };

  const start = useMutation({
    mutationFn: () => api.startMfaEnrolment({}),
    ...(onExpired && { meta: { ownAuthErrors: true } }),
    onSuccess: (started) => {
      form.setMessage(null);
      setEnrolment(started);
    },
    onError: failed,
  });

  const confirm = useMutation({
    mutationFn: () => api.confirmMfaEnrolment({ body: { code: form.values.code } }),
    ...(onExpired && { meta: { ownAuthErrors: true } }),
    onSuccess: (done) => {
      form.setMessage(null);
      setEnrolled(done);
    },
    onError: failed,
  });

  const submitCode = form.onSubmit(async () => {
    const empty = missing(form.values, ['code']);
    const found = Object.keys(empty).length > 0 ? empty : await checkRequest('ConfirmMfaEnrolmentRequest', form.values);
    if (form.check(found, t('form.fixErrors'))) confirm.mutate();
  });

  const finish = form.onSubmit(() => {
    if (!enrolled) return;
    if (!saved) {
      form.setMessage({ kind: 'error', text: t('mfa.codesNotSaved') });
      return;
    }
    void onDone(enrolled.me);
  });

  if (enrolled) {
    return (
      <section aria-labelledby="mfa-codes-title">
        <Heading id="mfa-codes-title" ref={step} tabIndex={-1}>
          {t('mfa.codesTitle')}
        </Heading>
        <p>{t('mfa.codesIntro')}</p>
        <ol className="recovery-codes" aria-label={t('mfa.codesList')}>
          {enrolled.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <form ref={form.formRef} onSubmit={finish} noValidate className="card form">
          <FormStatus message={form.message} />
          <CheckboxField label={t('mfa.codesSaved')} checked={saved} onChange={setSaved} name="saved" />
          <div className="actions">
            <button type="submit" className="button">
              {t('mfa.continue')}
            </button>
          </div>
        </form>
      </section>
    );
  }

  if (enrolment) {
    return (
      <>
        <section aria-labelledby="mfa-scan-title">
          <Heading id="mfa-scan-title" ref={step} tabIndex={-1}>
            {t('mfa.scanTitle')}
          </Heading>
          <p>{t('mfa.scanIntro')}</p>
          <QrCode text={enrolment.otpauthUri} label={t('mfa.qrLabel')} />
          <p>{t('mfa.manualIntro')}</p>
          <p className="secret-key">
            <code>{grouped(enrolment.secret)}</code>
          </p>
          <p className="hint">{t('mfa.settings', { account: enrolment.accountName })}</p>
          <details>
            <summary>{t('mfa.uriSummary')}</summary>
            <p className="otpauth-uri">
              <code>{enrolment.otpauthUri}</code>
            </p>
          </details>
        </section>
        <section aria-labelledby="mfa-confirm-title">
          <Heading id="mfa-confirm-title">{t('mfa.confirmTitle')}</Heading>
          <form
            ref={form.formRef}
            onSubmit={submitCode}
            onFocus={prefetchRequestSchemas}
            noValidate
            className="card form"
          >
            <FormStatus message={form.message} />
            <TextField
              label={t('login.code')}
              hint={t('login.codeHint')}
              autoComplete="one-time-code"
              inputMode="numeric"
              className="input-code"
              {...form.bind('code')}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={confirm.isPending}>
                {confirm.isPending ? t('mfa.confirming') : t('mfa.confirm')}
              </button>
            </div>
          </form>
        </section>
      </>
    );
  }

  return (
    <div className="form">
      <FormStatus message={form.message} />
      <div className="actions">
        <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate()}>
          {start.isPending ? t('mfa.starting') : t('mfa.start')}
        </button>
      </div>
    </div>
  );
}
