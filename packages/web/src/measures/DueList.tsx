import type { MeasuresView } from '@ipt/contract';
import { t } from '../i18n/t.js';
import { useInstrumentName } from './use-instrument-name.js';

type Due = MeasuresView['due'][number];

/** Measures due or overdue, in words with a marker; an overdue one stands out by its word, not its colour alone. */
export function DueList({ due, label }: { due: readonly Due[]; label?: string }) {
  const name = useInstrumentName();
  if (due.length === 0) return <span className="muted">{t('measures.noneDue')}</span>;
  return (
    <ul className="flags due-list" aria-label={label ?? t('measures.dueLabel')}>
      {due.map((d) => (
        <li key={`${d.instrumentId}-${d.sessionNumber}`} className={`flag due-${d.status}`}>
          <span aria-hidden="true" className="flag-mark">
            {d.status === 'overdue' ? '!' : '•'}
          </span>
          {t(`measures.${d.status}`, { instrument: name(d.instrumentId), n: d.sessionNumber })}
        </li>
      ))}
    </ul>
  );
}
