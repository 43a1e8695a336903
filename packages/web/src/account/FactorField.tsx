import { type ChangeEvent, type Ref, useEffect, useRef } from 'react';
import { TextField } from '../forms/Field.js';
import { t } from '../i18n/t.js';

type Bind = (name: 'code' | 'recoveryCode') => {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
};

/**
 * The second step's field: the code the authenticator app shows (the browser and phone may fill it in:
 * `autocomplete="one-time-code"`, a number pad), or, switched to, one of the recovery codes. Switching moves focus
 * to the field shown, so a keyboard or screen-reader user lands where they type.
 */
export function FactorField({
  recovery,
  onSwitch,
  bind,
  focusOnShow = true,
}: {
  recovery: boolean;
  onSwitch: () => void;
  bind: Bind;
  focusOnShow?: boolean;
}) {
  const field = useRef<HTMLInputElement>(null);
  const shown = useRef(false);
  useEffect(() => {
    if (focusOnShow || shown.current) field.current?.focus();
    shown.current = true;
  }, [recovery, focusOnShow]);
  const ref: Ref<HTMLInputElement> = field;
  return (
    <>
      {recovery ? (
        <TextField
          key="recoveryCode"
          ref={ref}
          label={t('login.recoveryCode')}
          hint={t('login.recoveryHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="input-code"
          {...bind('recoveryCode')}
        />
      ) : (
        <TextField
          key="code"
          ref={ref}
          label={t('login.code')}
          hint={t('login.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          className="input-code"
          {...bind('code')}
        />
      )}
      <p>
        <button type="button" className="link-button" onClick={onSwitch}>
          {recovery ? t('login.useCode') : t('login.useRecovery')}
        </button>
      </p>
    </>
  );
}
