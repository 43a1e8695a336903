import type { MeasuresView } from '@ipt/contract';
import { t } from '../i18n/t.js';
import { useInstrumentName } from './use-instrument-name.js';

type Due = MeasuresView['due'][number];

/** The words for one instrument's line: due at the next session, or due now and overdue since the first missed one. */
export function dueText(d: Due, name: string): string {
  return d.status === 'overdue' && d.overdueSince !== null
    ? t('measures.overdue', { instrument: name, since: d.overdueSince })
    : t('measures.due', { instrument: name, n: d.sessionNumber });
}

/**
 * Measures due or overdue, one line per instrument (the server collapses every missed occurrence into one), in words
 * with a marker; an overdue one stands out by its word, not its colour alone. The course page and the caseload use it.
 */
export function DueList({ due, label }: { due: readonly Due[]; label?: string }) {
  const name = useInstrumentName();
  if (due.length === 0) return <span className="muted">{t('measures.noneDue')}</span>;
  return (
    <ul className="flags due-list" aria-label={label ?? t('measures.dueLabel')}>
      {due.map((d) => (
        <li key={d.instrumentId} className={`flag due-${d.status}`}>
          <span aria-hidden="true" className="flag-mark">
            {d.status === 'overdue' ? '!' : '•'}
          </span>
          {dueText(d, name(d.instrumentId))}
        </li>
      ))}
    </ul>
  );
}
