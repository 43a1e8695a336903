import type { InstrumentDefinition } from '@ipt/contract';
import { type ReactNode, useId } from 'react';
import { FormStatus } from '../forms/FormStatus.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';

export type Answers = (number | null)[];

type Item = InstrumentDefinition['items'][number];

/** The item's question: its number and licensed wording, or only the neutral label where the wording may not be shown. */
const itemLegend = (item: Item) =>
  item.wordingIncluded ? t('instrument.itemLegend', { number: item.number, label: item.label }) : item.label;

/**
 * A questionnaire drawn from its definition: the time frame, one radio group per item, and the citation and licence
 * in small print. Used by the clinician in session, on the patient's single-use link, and in kiosk mode. Items are
 * answered by the position of the chosen option; a required item left out is named next to it, never guessed.
 */
export function InstrumentForm({
  instrument,
  submitLabel,
  pending,
  onSubmit,
  form,
  children,
}: {
  instrument: InstrumentDefinition;
  submitLabel: string;
  pending: boolean;
  onSubmit: (answers: Answers) => void;
  form: InstrumentFormState;
  /** Fields about the questionnaire rather than its questions (which session, when answered), before the items. */
  children?: ReactNode;
}) {
  const timeFrameId = useId();
  const submit = form.onSubmit(() => {
    const found: Record<string, string> = {};
    for (const item of instrument.items) {
      if (item.required && form.values[item.id] === '') found[item.id] = t('instrument.answerMissing');
    }
    const count = Object.keys(found).length;
    if (!form.check(found, t('instrument.someMissing', { count }))) return;
    onSubmit(instrument.items.map((item) => (form.values[item.id] === '' ? null : Number(form.values[item.id]))));
  });

  return (
    <form
      ref={form.formRef}
      onSubmit={submit}
      noValidate
      className="form instrument-form"
      aria-describedby={instrument.timeFrame ? timeFrameId : undefined}
    >
      {instrument.timeFrame && (
        <p id={timeFrameId} className="time-frame">
          <span className="time-frame-label">{t('instrument.timeFrame')}</span> {instrument.timeFrame}
        </p>
      )}
      <FormStatus message={form.message} />
      {children}
      {instrument.items.map((item) => (
        <RadioGroup
          key={item.id}
          className="instrument-item"
          legend={itemLegend(item)}
          options={item.options.map((o) => ({ value: String(o.position), label: o.label }))}
          // A scored item left out can be prorated, but is never advertised as optional; only unscored ones are.
          required={item.required}
          optional={!item.required && !item.scored}
          {...form.bind(item.id)}
        />
      ))}
      <div className="actions">
        <button type="submit" className="button button-large" disabled={pending}>
          {pending ? t('instrument.sending') : submitLabel}
        </button>
      </div>
      <footer className="instrument-source">
        <p>{instrument.citation}</p>
        <p>{instrument.licence.note}</p>
      </footer>
    </form>
  );
}

export type InstrumentFormState = ReturnType<typeof useInstrumentForm>;

/**
 * The answers as the form holds them: the chosen option's position by item id, '' while unanswered; and the values
 * of any other fields the form is given (`extra`), by their names.
 */
export function useInstrumentForm(instrument: InstrumentDefinition, extra: Readonly<Record<string, string>> = {}) {
  return useFormState<Record<string, string>>({
    ...extra,
    ...Object.fromEntries(instrument.items.map((item) => [item.id, ''])),
  });
}
