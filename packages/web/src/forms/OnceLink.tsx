import { useId, useState } from 'react';
import { t } from '../i18n/t.js';

/**
 * A single-use link shown once (a questionnaire link, an invitation to an account): the server keeps only a hash of
 * it, so once this is gone it cannot be shown again (a new one can always be made). The clinician copies it and sends
 * it by the channel they use.
 */
export function OnceLink({ label, hint, path }: { label: string; hint: string; path: string }) {
  const inputId = useId();
  const url = `${window.location.origin}${path}`;
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <>
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <p className="hint" id={`${inputId}-hint`}>
          {hint}
        </p>
        <div className="copy-row">
          <input
            id={inputId}
            readOnly
            value={url}
            aria-describedby={`${inputId}-hint`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="button" onClick={() => void copy()}>
            {t('link.copy')}
          </button>
        </div>
      </div>
      <p role="status" className="copy-status">
        {copied === 'yes' ? t('link.copied') : copied === 'failed' ? t('link.copyFailed') : ''}
      </p>
    </>
  );
}
