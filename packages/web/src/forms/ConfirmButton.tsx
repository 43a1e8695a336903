import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n/t.js';

/**
 * A button for something not easily undone: the first press asks, in place, and focus moves to the answer; "Keep"
 * puts things back as they were. No modal dialog, so keyboard and screen-reader users stay where they were.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  className = 'button button-quiet',
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  className?: string;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (wasAsking.current) first.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button ref={first} type="button" className={className} onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="confirm-question">{question}</span>
      <button
        ref={yes}
        type="button"
        className="button button-small button-warn"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setAsking(false)}>
        {t('initial.keep')}
      </button>
    </span>
  );
}
