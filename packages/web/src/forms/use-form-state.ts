import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { isStaleVersion } from '../api.js';
import { t } from '../i18n/t.js';
import { errorsFromApi, type FieldErrors } from './problem.js';

export interface FormMessage {
  readonly kind: 'success' | 'error';
  readonly text: string;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * A form's values (as the strings its controls hold), its field errors and its message. When errors appear, focus
 * moves to the first invalid field so a keyboard user lands where the work is.
 */
export function useFormState<F extends Record<string, string>>(initial: F) {
  const [values, setValues] = useState<F>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessage | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Focus moves only when a submit finds errors, not when a field's error clears while someone types.
  const focusOnErrors = useRef(false);
  useEffect(() => {
    if (!focusOnErrors.current || Object.keys(errors).length === 0) return;
    focusOnErrors.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  /** A field's error goes as soon as the field is changed; the form's message goes with the last one. */
  const clearError = (name: string) => {
    if (errors[name] === undefined) return;
    const { [name]: _cleared, ...rest } = errors;
    setErrors(rest);
    if (Object.keys(rest).length === 0) setMessage((m) => (m?.kind === 'error' ? null : m));
  };

  const bind = (name: keyof F & string) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: ChangeEvent<Control>) => {
      setValues((v) => ({ ...v, [name]: e.target.value }));
      clearError(name);
    },
  });

  /** Shows local check failures; returns true when there were none. */
  const check = (found: FieldErrors, summary: string) => {
    focusOnErrors.current = true;
    setErrors(found);
    const ok = Object.keys(found).length === 0;
    setMessage(ok ? null : { kind: 'error', text: summary });
    return ok;
  };

  const fail = (error: unknown) => {
    const found = errorsFromApi(error, Object.keys(values));
    focusOnErrors.current = true;
    setErrors(found.fields);
    setMessage({ kind: 'error', text: found.form });
  };

  /** A write refused because the record changed meanwhile: say so and reload what is current; else as `fail`. */
  const failStale = async (error: unknown, reload: () => Promise<unknown>) => {
    if (!isStaleVersion(error)) return fail(error);
    setMessage({ kind: 'error', text: t('initial.conflict') });
    await reload();
  };

  const succeed = (text: string, next?: F) => {
    setErrors({});
    if (next) setValues(next);
    setMessage({ kind: 'success', text });
  };

  /**
   * The form's submit: the handler runs with the default prevented. A handler may wait (for the contract's schemas,
   * loaded when first needed); if it fails, the form says so as it does for a failed call.
   */
  const onSubmit = (handler: () => void | Promise<void>) => (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    Promise.resolve()
      .then(handler)
      .catch((error: unknown) => fail(error));
  };

  return {
    values,
    setValues,
    errors,
    message,
    setMessage,
    formRef,
    bind,
    check,
    clearError,
    fail,
    failStale,
    succeed,
    onSubmit,
  };
}
