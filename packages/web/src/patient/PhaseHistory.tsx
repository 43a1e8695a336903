import type { PhaseTransition } from '@ipt/contract';
import { useId } from 'react';
import { phaseLabel } from '../i18n/labels.js';
import { formatDateTime, t } from '../i18n/t.js';

/** Every phase move, oldest first: from → to, who, when, and the reason they gave. */
export function PhaseHistory({ transitions }: { transitions: readonly PhaseTransition[] }) {
  const headingId = useId();
  const sorted = [...transitions].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-labelledby={headingId} className="block">
      <h3 id={headingId}>{t('history.heading')}</h3>
      {sorted.length === 0 ? (
        <p className="empty">{t('history.empty')}</p>
      ) : (
        <ol className="history">
          {sorted.map((tr) => (
            <li key={tr.id}>
              <p className="history-move">
                <strong>{t('history.move', { from: phaseLabel(tr.from), to: phaseLabel(tr.to) })}</strong>{' '}
                <span className="muted">{t('history.by', { name: tr.byName, when: formatDateTime(tr.at) })}</span>
              </p>
              <p className="history-reason">{tr.reason}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
