import { type ReactNode, useId } from 'react';
import type { Option } from './Field.js';

/** One yes/no question: the box and its label side by side, the whole label a target, a hint under it. */
export function CheckboxField({
  label,
  hint,
  checked,
  onChange,
  name,
  error,
}: {
  label: ReactNode;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  /** The answer's error, said under it and announced with the box. */
  error?: string | undefined;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'check-field field-invalid' : 'check-field'}>
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy}
        {...(error ? { 'aria-invalid': true as const } : {})}
      />
      <label htmlFor={id}>{label}</label>
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
    </div>
  );
}

/** A question with several answers: a fieldset whose legend is the question, one checkbox per answer. */
export function CheckboxGroup({
  legend,
  options,
  values,
  onChange,
  hint,
  className,
}: {
  legend: ReactNode;
  options: readonly Option[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  hint?: string;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));
  return (
    <fieldset className={['check-group', className].filter(Boolean).join(' ')} aria-describedby={hintId}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <div className="check-options">
        {options.map((o) => (
          <label key={o.value} className="check-option">
            <input
              type="checkbox"
              checked={values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
