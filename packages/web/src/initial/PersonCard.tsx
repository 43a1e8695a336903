import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { api, isStaleVersion, type Versioned } from '../api.js';
import { ConfirmButton } from '../forms/ConfirmButton.js';
import { SelectField, TextField } from '../forms/Field.js';
import { SaveStatus } from '../forms/SaveStatus.js';
import { relationOptions, relationshipLabel, relationshipOptions } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { ringOptions } from './AddPersonForm.js';
import { useInitial, useRefreshInitial } from './initial-context.js';
import { type Entry, PersonDetails } from './PersonDetails.js';
import { PersonMarks } from './PersonMarks.js';
import { useAutosave } from './use-autosave.js';

/**
 * One person of the interpersonal inventory (DOMAIN §2.2): the essentials always in view, the rest in groups that
 * open when the conversation gets there. Every change is saved as you go (see `useAutosave`).
 */
export function PersonCard({ entry }: { entry: Versioned<Entry> }) {
  const { detail, patient, rings } = useInitial();
  const refresh = useRefreshInitial(detail.course.id, patient.id);
  const headingId = useId();
  const { draft, change, flush, state } = useAutosave(
    entry,
    (patch, ifMatch) => api.updateInventoryEntry({ params: { recordId: entry.id }, body: patch, ifMatch }),
    { onSaved: () => void refresh(), onConflict: () => void refresh() },
  );
  const remove = useMutation({
    mutationFn: () => api.deleteInitialRecord({ params: { recordId: entry.id }, ifMatch: entry.version }),
    onSettled: () => refresh(),
  });
  const staleRemove = isStaleVersion(remove.error);
  const name = draft.personName || entry.personName;
  const relation = relationshipLabel(draft.relationship);

  return (
    <article className="card person-card" aria-labelledby={headingId} data-person={entry.personName}>
      <header className="person-head">
        <h3 id={headingId}>{name}</h3>
        <p className="person-relation">
          {draft.relationshipDetail
            ? t('inventory.relationLine', { relationship: relation, detail: draft.relationshipDetail })
            : relation}
        </p>
        <PersonMarks entry={draft} />
        <SaveStatus state={state} />
      </header>
      <div className="field-row align-end">
        <TextField
          label={t('inventory.name')}
          value={draft.personName}
          onChange={(e) => change({ personName: e.target.value })}
          onBlur={flush}
          autoComplete="off"
        />
        <SelectField
          label={t('inventory.relationship')}
          options={relationshipOptions}
          value={draft.relationship}
          onChange={(e) => change({ relationship: e.target.value as Entry['relationship'] })}
        />
        <TextField
          label={t('inventory.relationshipDetail')}
          required={false}
          value={draft.relationshipDetail}
          onChange={(e) => change({ relationshipDetail: e.target.value })}
          onBlur={flush}
          autoComplete="off"
        />
        <SelectField
          label={t('inventory.ring')}
          options={ringOptions(Math.max(rings, draft.closenessRing ?? 0))}
          value={draft.closenessRing === null ? '' : String(draft.closenessRing)}
          onChange={(e) => change({ closenessRing: e.target.value === '' ? null : Number(e.target.value) })}
        />
        <SelectField
          label={t('inventory.relation')}
          options={relationOptions}
          value={draft.relationToEpisode}
          onChange={(e) => change({ relationToEpisode: e.target.value as Entry['relationToEpisode'] })}
        />
      </div>
      <PersonDetails draft={draft} change={change} flush={flush} />
      <div className="actions person-actions">
        <ConfirmButton
          label={t('initial.removeNamed', { name })}
          question={t('initial.removeQuestion', { name })}
          confirmLabel={t('initial.removeYes')}
          onConfirm={() => remove.mutate()}
          disabled={remove.isPending}
        />
        {remove.isError && (
          <p role="alert" className="field-error">
            {staleRemove ? t('initial.conflict') : remove.error.message}
          </p>
        )}
      </div>
    </article>
  );
}
