import type { EndingView } from '@ipt/contract';
import { TerminationItem } from '@ipt/core';
import { continuationLabel, frequencyLabel, terminationItemLabel } from '../../i18n/middle-labels.js';
import { formatDateTime, t } from '../../i18n/t.js';
import { blankTermination } from '../ending-forms.js';

/** The ending as the clinical record keeps it: the checklist, in the patient's words where they were written. */
export function EndingSummary({ view }: { view: EndingView }) {
  const term = view.termination?.data ?? blankTermination;
  const note = (id: TerminationItem) => term.items[id]?.note ?? '';
  const contract = term.continuation.contract;
  const done = view.terminationItems.filter((i) => term.items[i.id]?.done);
  const rows: [string, string][] = [
    [t('termination.whyBetter'), term.whyBetterPatientWords],
    [terminationItemLabel(TerminationItem.feelingsAboutEnding), note(TerminationItem.feelingsAboutEnding)],
    [t('termination.residual'), term.residualGoals.join('; ')],
    [
      t('continuation.legend'),
      term.continuation.decision
        ? [continuationLabel(term.continuation.decision), term.continuation.note].filter(Boolean).join(' — ')
        : '',
    ],
    [
      t('continuation.contract'),
      contract
        ? t('doc.contract', {
            frequency: frequencyLabel(contract.frequency),
            months: contract.durationMonths,
            focus: contract.focus,
            monitoring: contract.monitoring || '—',
          })
        : '',
    ],
    [t('termination.earlyEnd'), term.earlyEndReason],
  ];
  return (
    <div className="ending-summary">
      <p>
        {term.completed && term.completedAt
          ? t('termination.completedAt', { when: formatDateTime(term.completedAt) })
          : t('doc.notCompleted')}
      </p>
      <p>
        {t('doc.tasksDone', { done: done.length, total: view.terminationItems.length })}{' '}
        {done.map((i) => terminationItemLabel(i.id)).join('; ')}
      </p>
      <dl className="doc-facts">
        {rows
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
