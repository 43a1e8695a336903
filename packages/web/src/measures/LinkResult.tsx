import type { MeasureLink } from './types.js';
import { useId, useState } from 'react';
import { formatDateTime, t } from '../i18n/t.js';

/**
 * The single-use link, shown once: the server keeps only a hash of it, so once this panel is gone it cannot be shown
 * again (a new link can always be made). The clinician copies it and sends it by the channel they use.
 */
export function LinkResult({
  link,
  instrumentName,
  emailedTo = null,
}: {
  link: MeasureLink;
  instrumentName: string;
  /** The address the link was emailed to (it is in the server's outbox, on its way). */
  emailedTo?: string | null;
}) {
  const inputId = useId();
  const url = `${window.location.origin}${link.path}`;
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
    <div className="link-result">
      {emailedTo && (
        <p role="status" className="notice notice-success">
          {t('link.emailed', { email: emailedTo })}
        </p>
      )}
      <div className="field">
        <label htmlFor={inputId}>{t('link.created', { instrument: instrumentName })}</label>
        <p className="hint" id={`${inputId}-hint`}>
          {t('link.createdHint', { date: formatDateTime(link.expiresAt) })}
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
    </div>
  );
}
