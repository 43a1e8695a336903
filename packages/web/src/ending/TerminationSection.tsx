import { TerminationItem } from '@ipt/core';
import { useState } from 'react';
import { api } from '../api.js';
import { CheckboxField } from '../forms/Checkbox.js';
import { StringListEditor } from '../forms/ListEditor.js';
import { SaveStatus } from '../forms/SaveStatus.js';
import { terminationItemLabel } from '../i18n/middle-labels.js';
import { formatDateTime, t } from '../i18n/t.js';
import { useAutosave } from '../initial/use-autosave.js';
import { RecordText } from '../middle/record-editing.js';
import { ContinuationFields } from './ContinuationFields.js';
import { useEnding, useRefreshEnding } from './ending-context.js';
import { GoalAttainmentFields } from './GoalAttainmentFields.js';
import { blankTermination, cleanTermination, type TerminationEdit, type TerminationProps } from './ending-forms.js';

/**
 * The termination checklist (DOMAIN §1.4, §6.1): each task ticked with a note, and the work that belongs to some
 * of them beside them (the patient's own words on why they feel better, residual work, goals, what comes next).
 * Complete asks the server, which says what is still missing.
 */
export function TerminationSection() {
  const { view } = useEnding();
  const refresh = useRefreshEnding();
  const record = { ...(view.termination?.data ?? blankTermination), version: view.termination?.version ?? 0 };
  const { draft, change, flush, commit, state } = useAutosave<
    TerminationEdit & { version: number; complete?: boolean }
  >(
    record,
    (patch, ifMatch) =>
      api.putTermination({ params: { courseId: view.courseId }, body: cleanTermination(patch), ifMatch }),
    { onSaved: () => void refresh(), onConflict: () => void refresh() },
  );
  const [refused, setRefused] = useState(false);
  // What was typed goes first, on its own: a refused completion must not take other changes down with it.
  const complete = async () => {
    let ok = await commit();
    if (ok) {
      change({ complete: true });
      ok = await commit();
    }
    setRefused(!ok);
    await refresh();
  };
  const item = (id: TerminationItem) => draft.items[id] ?? { done: false, note: '' };
  const setItem = (id: TerminationItem, value: { done: boolean; note: string }) =>
    change({ items: { ...draft.items, [id]: value } });
  const props = { draft, change, flush };

  return (
    <section id="termination" className="tool" aria-labelledby="termination-heading">
      <div className="tool-head">
        <h2 id="termination-heading">{t('termination.heading')}</h2>
        <SaveStatus state={state} />
      </div>
      <p className="tool-intro">{t('termination.intro')}</p>
      {record.completed && (
        <p className="notice notice-success-static">
          {record.completedAt
            ? t('termination.completedAt', { when: formatDateTime(record.completedAt) })
            : t('termination.completed')}{' '}
          {t('termination.frozen')}
        </p>
      )}
      {/* A completed checklist is part of the record and no longer changes (core mergeTermination). */}
      <fieldset className="plain-fieldset" disabled={record.completed}>
        {!view.leftInitialPhase && (
          <div className="card early-end">
            <p className="notice notice-warn">{t('termination.neverLeft')}</p>
            <RecordText
              label={t('termination.earlyEnd')}
              value={draft.earlyEndReason}
              onChange={(earlyEndReason) => change({ earlyEndReason })}
              flush={flush}
              rows={3}
            />
          </div>
        )}
        <ol className="termination-items">
          {view.terminationItems.map(({ id, required }) => (
            <li key={id} className="card termination-item" data-item={id}>
              <CheckboxField
                label={
                  <>
                    {terminationItemLabel(id)}
                    {!required && <span className="optional"> {t('form.optional')}</span>}
                  </>
                }
                checked={item(id).done}
                onChange={(done) => setItem(id, { ...item(id), done })}
              />
              <RecordText
                label={t('termination.itemNote', { item: terminationItemLabel(id) })}
                hint={id === TerminationItem.feelingsAboutEnding ? t('termination.feelingsHint') : undefined}
                value={item(id).note}
                onChange={(note) => setItem(id, { ...item(id), note })}
                flush={flush}
              />
              <ItemWork id={id} {...props} />
            </li>
          ))}
        </ol>
      </fieldset>
      {!record.completed && (
        <div className="complete-box">
          {view.missing.length > 0 && (
            <div
              className={refused ? 'notice notice-error-static' : 'notice notice-info'}
              role={refused ? 'alert' : undefined}
            >
              <p>{refused ? t('termination.refused') : t('termination.missingTitle')}</p>
              <ul className="missing-list">
                {view.missing.map((m) => (
                  <li key={`${m.field}-${m.message}`}>{m.message}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="actions">
            <button type="button" className="button" onClick={() => void complete()} disabled={state.kind === 'saving'}>
              {t('termination.complete')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The work that belongs to a task, shown under it. */
function ItemWork({ id, draft, change, flush }: TerminationProps & { id: TerminationItem }) {
  switch (id) {
    case TerminationItem.whyBetter:
      return (
        <RecordText
          label={t('termination.whyBetter')}
          hint={t('termination.whyBetterHint')}
          value={draft.whyBetterPatientWords}
          onChange={(whyBetterPatientWords) => change({ whyBetterPatientWords })}
          flush={flush}
          rows={3}
        />
      );
    case TerminationItem.residualWork:
      return (
        <StringListEditor
          legend={t('termination.residual')}
          items={draft.residualGoals}
          onChange={(residualGoals) => change({ residualGoals })}
          onBlur={flush}
          itemLabel={(n) => t('termination.residualItem', { n })}
          addLabel={t('termination.residualAdd')}
          max={20}
        />
      );
    case TerminationItem.progressReviewed:
      return <GoalAttainmentFields draft={draft} change={change} flush={flush} />;
    case TerminationItem.continuationDecided:
      return <ContinuationFields draft={draft} change={change} flush={flush} />;
    default:
      return null;
  }
}
