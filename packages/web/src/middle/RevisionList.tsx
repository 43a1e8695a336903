import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { revisionsQuery } from '../api.js';
import { formatDateTime, t } from '../i18n/t.js';

/**
 * A finished record's history: each change made after finishing with its reason, and, on opening, every earlier
 * version the server keeps.
 */
export function RevisionList({
  recordId,
  version,
  amendments,
}: {
  recordId: string;
  version: number;
  amendments: readonly { at: string; by: string; reason: string; fromVersion: number }[];
}) {
  const [open, setOpen] = useState(false);
  const revisions = useQuery({ ...revisionsQuery(recordId), enabled: open });
  return (
    <div className="revisions">
      {amendments.length > 0 && (
        <>
          <h3>{t('revisions.amendments')}</h3>
          <ul className="amendments">
            {amendments.map((a) => (
              <li key={`${a.at}-${a.fromVersion}`}>
                {t('revisions.amendment', { when: formatDateTime(a.at), version: a.fromVersion, reason: a.reason })}
              </li>
            ))}
          </ul>
        </>
      )}
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('revisions.summary', { version })}</summary>
        {revisions.isError ? (
          <p className="field-error">{t('revisions.failed')}</p>
        ) : !revisions.data ? (
          <p className="loading">{t('app.loading')}</p>
        ) : revisions.data.length === 0 ? (
          <p className="empty">{t('revisions.none')}</p>
        ) : (
          <ol className="revision-list">
            {revisions.data.map((r) => (
              <li key={r.version}>
                {t('revisions.version', { version: r.version, when: formatDateTime(r.changedAt), by: r.changedBy })}
              </li>
            ))}
          </ol>
        )}
      </details>
    </div>
  );
}
