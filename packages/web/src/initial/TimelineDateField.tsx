import type { ChangeEvent } from 'react';
import { TextField } from '../forms/Field.js';
import { t } from '../i18n/t.js';
import { parseTimelineText, timelineDateText } from './timeline-date.js';

/**
 * A date as the patient remembers it: a year, a month or a day, typed freely. The hint says how the text is read,
 * as it is typed, so "3/25" never turns silently into something else.
 */
export function TimelineDateField({
  label,
  value,
  onChange,
  error,
  name,
  optional,
  onBlur,
  extraHint,
}: {
  label: string;
  /** Said before how to write the date. */
  extraHint?: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  error?: string | undefined;
  name?: string;
  optional?: boolean;
  onBlur?: () => void;
}) {
  const parsed = value.trim() === '' ? null : parseTimelineText(value);
  const how = extraHint ? `${extraHint} ${t('date.hint')}` : t('date.hint');
  const hint = parsed ? `${how} ${t('date.readAs', { date: timelineDateText(parsed) })}` : how;
  return (
    <TextField
      label={label}
      hint={hint}
      error={error}
      name={name}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      optional={optional}
      autoComplete="off"
      className="input-date"
    />
  );
}

/** The field's error for a typed date: unreadable, or refused by core's rule (with its message). */
export function dateError(
  check: { ok: boolean; reason?: string; message?: string },
  required: boolean,
): string | undefined {
  if (check.ok) return undefined;
  if (check.reason === 'empty') return required ? t('form.required') : undefined;
  if (check.reason === 'rule') return check.message;
  return t('date.unreadable');
}
