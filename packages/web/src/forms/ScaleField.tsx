import { useId } from 'react';
import { t } from '../i18n/t.js';

const points = Array.from({ length: 11 }, (_, i) => i);

/**
 * A 0–10 rating (mood, confidence) as eleven radio buttons in one group: arrow keys move along it, each number is a
 * large target, and nothing is chosen until someone chooses; "Clear" takes a rating back.
 */
export function ScaleField({
  legend,
  low,
  high,
  value,
  onChange,
  disabled,
}: {
  legend: string;
  /** What 0 and 10 mean, said once beside the scale. */
  low: string;
  high: string;
  value: number | null;
  onChange: (value: number | null) => void;
  disabled?: boolean;
}) {
  const name = useId();
  const hintId = `${name}-hint`;
  return (
    <fieldset className="scale-field" aria-describedby={hintId} disabled={disabled}>
      <legend>{legend}</legend>
      <p id={hintId} className="hint">
        {t('scale.anchors', { low, high })}
      </p>
      <div className="scale-options">
        {points.map((n) => (
          <label key={n} className="scale-option">
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
            <span>{n}</span>
          </label>
        ))}
        {value !== null && (
          <button type="button" className="link-button scale-clear" onClick={() => onChange(null)}>
            {t('scale.clear', { legend })}
          </button>
        )}
      </div>
    </fieldset>
  );
}
