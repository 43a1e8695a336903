import { type ChangeEvent, type ReactNode, useId } from 'react';
import { t } from '../i18n/t.js';
import type { Option } from './Field.js';

/**
 * A question with one answer: a fieldset whose legend is the question, and one radio per answer. Each answer's whole
 * box is its label, so it is a large target for a finger; arrow keys move between answers, as in any radio group.
 * Nothing is chosen until the person chooses.
 */
export function RadioGroup({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  hint,
  optional,
  required = !optional,
  className,
}: {
  legend: ReactNode;
  name: string;
  options: readonly Option[];
  value: string | undefined;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  error?: string | undefined;
  hint?: string;
  /** Shows "(optional)" by the question. */
  optional?: boolean;
  /** The answer must be given before sending; by default, unless optional. */
  required?: boolean;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const classes = ['radio-group', className, error ? 'field-invalid' : undefined].filter(Boolean).join(' ');
  return (
    <fieldset className={classes} aria-describedby={describedBy}>
      <legend>
        {legend}
        {optional && <span className="optional"> {t('form.optional')}</span>}
      </legend>
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
      <div className="radio-options">
        {options.map((o) => (
          <label key={o.value} className="radio-option">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={onChange}
              required={required}
              {...(error ? { 'aria-invalid': true } : {})}
              {...(o.description ? { 'aria-describedby': `${id}-${o.value}-description` } : {})}
            />
            <span>
              {o.label}
              {o.description && (
                // Out of the name (read once, as the description): the whole box stays one large target.
                <span id={`${id}-${o.value}-description`} className="option-description" aria-hidden="true">
                  {o.description}
                </span>
              )}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
