import type { MiddlePhaseView } from '@ipt/contract';
import { type ReactNode, useId } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Versioned } from '../api.js';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing } from '../forms/problem.js';
import { SaveStatus } from '../forms/SaveStatus.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { type AutosaveFields, type SaveState, useAutosave } from '../initial/use-autosave.js';
import { useMiddle, useRefreshMiddle } from './middle-context.js';

/**
 * One saved record edited as you go: changes go to the record's PATCH with its version (If-Match); `clean` takes
 * out what the contract does not accept yet (an entry still empty), which stays on screen until it is filled.
 */
export function useRecordEditor<T extends object>(
  record: Versioned<T>,
  update: (args: { params: { recordId: string }; body: Partial<T>; ifMatch: number }) => Promise<{ version: number }>,
  clean: (patch: Partial<T>) => Partial<T> = (p) => p,
) {
  const refresh = useRefreshMiddle();
  return useAutosave<Versioned<T>>(
    record,
    (patch, ifMatch) => update({ params: { recordId: record.id }, body: clean(patch), ifMatch }),
    { onSaved: () => void refresh(), onConflict: () => void refresh() },
  );
}

/** What each part of the session's work form receives. */
export type WorkProps = AutosaveFields<MiddlePhaseView['sessionWork'][number]['data']>;

/** A saved record's card: its name, the session it was made at, and where its saving stands. */
export function RecordCard({
  title,
  sessionId,
  state,
  children,
  className,
}: {
  title: string;
  sessionId: string;
  state: SaveState;
  children: ReactNode;
  className?: string;
}) {
  const { sessionNumber } = useMiddle();
  const headingId = useId();
  const n = sessionNumber(sessionId);
  return (
    <article className={['card record-card', className].filter(Boolean).join(' ')} aria-labelledby={headingId}>
      <header className="record-head">
        <h3 id={headingId}>{title}</h3>
        {n !== null && <p className="record-meta">{t('record.atSession', { n })}</p>}
        <SaveStatus state={state} />
      </header>
      <div className="stack">{children}</div>
    </article>
  );
}

/** The people of the inventory as a select's options, with "no one in particular" first. */
export function usePersonOptions() {
  const { view } = useMiddle();
  return [{ value: '', label: t('event.personNone') }, ...view.people.map((p) => ({ value: p.id, label: p.name }))];
}

/** A person of the inventory, chosen from a select; saved as the person's id (or none). */
export function PersonField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  onChange: (personId: string | null) => void;
}) {
  const options = usePersonOptions();
  return (
    <SelectField
      label={label}
      options={options}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    />
  );
}

/** A text answer of a record: optional, saved as you go, sent at once when left. */
export function RecordText({
  label,
  hint,
  value,
  onChange,
  flush,
  rows = 2,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  flush: () => void;
  rows?: number;
}) {
  return (
    <TextAreaField
      label={label}
      {...(hint ? { hint } : {})}
      required={false}
      rows={rows}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={flush}
    />
  );
}

/**
 * Starting a record at the chosen session: its first, required words (and what else it needs to exist), then it
 * opens as a card to fill in as the work goes.
 */
export function NewRecordForm<F extends Record<string, string>>({
  heading,
  initial,
  required,
  create,
  submitLabel,
  done,
  children,
}: {
  heading: string;
  initial: F;
  required: readonly (keyof F & string)[];
  create: (values: F) => Promise<unknown>;
  submitLabel: string;
  done: string;
  children: (bind: ReturnType<typeof useFormState<F>>['bind']) => ReactNode;
}) {
  const refresh = useRefreshMiddle();
  const headingId = useId();
  const form = useFormState(initial);
  const save = useMutation({
    mutationFn: create,
    onSuccess: async () => {
      form.succeed(done, initial);
      await refresh();
    },
    onError: (error) => form.fail(error),
  });
  const submit = form.onSubmit(() => {
    if (form.check(missing(form.values, required), t('form.fixErrors'))) save.mutate(form.values);
  });
  return (
    <section className="card new-record" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <form ref={form.formRef} onSubmit={submit} noValidate className="form">
        <FormStatus message={form.message} />
        {children(form.bind)}
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
