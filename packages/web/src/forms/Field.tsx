import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { t } from '../i18n/t.js';

interface FieldShell {
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly optional?: boolean;
}

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A label, an optional hint, the field's error (announced with the field) and the control itself. */
function Field({
  label,
  hint,
  error,
  optional,
  children,
}: FieldShell & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t('form.optional')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
    </div>
  );
}

type Change<E> = (e: ChangeEvent<E>) => void;

export function TextField({
  label,
  hint,
  error,
  optional,
  ...input
}: FieldShell &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
    onChange: Change<HTMLInputElement>;
    ref?: Ref<HTMLInputElement>;
  }) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(control) => <input {...input} {...control} required={input.required ?? !optional} />}
    </Field>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  optional,
  ...textarea
}: FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { onChange: Change<HTMLTextAreaElement> }) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(control) => <textarea rows={4} {...textarea} {...control} required={textarea.required ?? !optional} />}
    </Field>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
  /** More words about the answer, read after its name (a radio's description). */
  readonly description?: string;
}

export function SelectField({
  label,
  hint,
  error,
  options,
  optional: _optional,
  ...select
}: FieldShell &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
    options: readonly Option[];
    onChange: Change<HTMLSelectElement>;
  }) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...select} {...control}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
