import type { MeasureLink } from './types.js';
import { OnceLink } from '../forms/OnceLink.js';
import { formatDateTime, t } from '../i18n/t.js';

/** The questionnaire link, shown once (forms/OnceLink.tsx); said first when it went by email too. */
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
  return (
    <div className="link-result">
      {emailedTo && (
        <p role="status" className="notice notice-success">
          {t('link.emailed', { email: emailedTo })}
        </p>
      )}
      <OnceLink
        label={t('link.created', { instrument: instrumentName })}
        hint={t('link.createdHint', { date: formatDateTime(link.expiresAt) })}
        path={link.path}
      />
    </div>
  );
}
