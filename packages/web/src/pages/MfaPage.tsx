import type { Me } from '@ipt/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DisableMfaForm } from '../account/DisableMfaForm.js';
import { MfaSetup } from '../account/MfaSetup.js';
import { mfaQuery, queryKeys } from '../api.js';
import { FormStatus } from '../forms/FormStatus.js';
import type { FormMessage } from '../forms/use-form-state.js';
import { formatDateTime, t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';

/**
 * The signed-in user's two-step sign-in (docs/decisions/0019-mfa.md): set it up, see how many recovery codes are
 * left, or turn it off with the password and a code (not when the organisation requires it).
 */
export function MfaPage() {
  usePageTitle(t('mfa.title'));
  const queryClient = useQueryClient();
  const status = useQuery(mfaQuery);
  const [message, setMessage] = useState<FormMessage | null>(null);
  // A new setup each time it is turned off and on again: its steps start from the beginning.
  const [round, setRound] = useState(0);

  const turnedOn = async (me: Me) => {
    // Turning it on started a new session (the cookie was replaced): the user is the same.
    queryClient.setQueryData(queryKeys.me, me);
    await status.refetch();
    setMessage({ kind: 'success', text: t('mfa.turnedOn') });
  };

  const turnedOff = async () => {
    await status.refetch();
    setRound((r) => r + 1);
    setMessage({ kind: 'success', text: t('mfa.turnedOff') });
  };

  const mfa = status.data;
  return (
    <div className="page page-narrow">
      <h1 tabIndex={-1}>{t('mfa.title')}</h1>
      <p>{t('mfa.intro')}</p>
      <FormStatus message={message} />
      {status.isError ? (
        <p role="alert">{t('app.error')}</p>
      ) : mfa === undefined ? (
        <p className="loading">{t('app.loading')}</p>
      ) : mfa.enabled ? (
        <>
          <p>{t('mfa.on', { date: formatDateTime(mfa.enabledAt ?? '') })}</p>
          <p>{t('mfa.codesLeft', { count: mfa.recoveryCodesLeft })}</p>
          {mfa.required ? <p>{t('mfa.required')}</p> : <DisableMfaForm onDisabled={turnedOff} />}
        </>
      ) : (
        <>
          <p>{t('mfa.off')}</p>
          <MfaSetup key={round} level={2} onDone={turnedOn} />
        </>
      )}
    </div>
  );
}
