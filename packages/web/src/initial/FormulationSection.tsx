import {
  allowedFormulationTransitions,
  FormulationStatus,
  type FormulationStatus as Status,
  patientWordsRequired,
} from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { TextAreaField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing } from '../forms/problem.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { useFormState } from '../forms/use-form-state.js';
import { formulationStatusLabel } from '../i18n/initial-labels.js';
import { formatDate, hasMessage, t } from '../i18n/t.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial, useRefreshInitial } from './initial-context.js';

const editable = (status: Status | null) =>
  status === null || status === FormulationStatus.draft || status === FormulationStatus.revised;
const answerLabel = (s: Status) => {
  const key = `formulationAnswer.${s}`;
  return hasMessage(key) ? t(key) : formulationStatusLabel(s);
};
const when = (date: string | null) => (date ? formatDate(date.slice(0, 10)) : '');

/**
 * The formulation (DOMAIN §4): the draft generated from the records (by the server, in core's words) to edit, then
 * presented, then the patient's answer in their own words. Which step comes next is core's rule
 * (`allowedFormulationTransitions`); the patient's words are required where core says so.
 */
export function FormulationSection() {
  const { detail, view, patient } = useInitial();
  const courseId = detail.course.id;
  const refresh = useRefreshInitial(courseId, patient.id);
  const record = view.formulation;
  const saved = record?.data;
  const status = saved?.status ?? null;
  const draft = view.draftFormulation;
  const [text, setText] = useState(saved?.text || draft || '');
  const dirty = text.trim() !== (saved?.text ?? '').trim();
  const form = useFormState({ answer: '', patientWords: '' });
  const next = status === null ? [] : allowedFormulationTransitions(status);
  const answers = next.filter(patientWordsRequired);

  // A draft that arrives (or changes) while nothing has been written here is taken up.
  const hasRecord = record !== null;
  useEffect(() => {
    if (!hasRecord && draft) setText((current) => (current.trim() === '' ? draft : current));
  }, [draft, hasRecord]);
  // After a save or a transition (a new version), the saved text is what the field shows.
  const savedVersion = record?.version;
  const savedText = saved?.text;
  useEffect(() => {
    if (savedVersion !== undefined && savedText !== undefined) setText(savedText);
  }, [savedVersion, savedText]);

  const onError = (error: unknown) => form.failStale(error, refresh);

  const save = useMutation({
    mutationFn: async ({ present }: { present: boolean }) => {
      let version = record?.version ?? 0;
      if (dirty || !record) {
        version = (await api.putFormulation({ params: { courseId }, body: { text: text.trim() }, ifMatch: version }))
          .version;
      }
      if (present) {
        await api.createFormulationTransition({
          params: { courseId },
          body: { to: FormulationStatus.presented },
          ifMatch: version,
        });
      }
    },
    onSuccess: async (_, { present }) => {
      form.succeed(present ? t('formulation.presented') : t('formulation.saved'));
      await refresh();
    },
    onError,
  });

  const answer = useMutation({
    mutationFn: (body: { to: Status; patientWords: string }) =>
      api.createFormulationTransition({ params: { courseId }, body, ifMatch: record?.version ?? 0 }),
    onSuccess: async (_, body) => {
      form.succeed(t('formulation.recorded', { status: formulationStatusLabel(body.to).toLowerCase() }), {
        answer: '',
        patientWords: '',
      });
      await refresh();
    },
    onError,
  });

  const submitAnswer = form.onSubmit(() => {
    const found: Record<string, string> = {};
    if (form.values.answer === '') found.answer = t('form.required');
    const to = form.values.answer as Status;
    if (form.values.answer !== '' && patientWordsRequired(to) && form.values.patientWords.trim() === '') {
      found.patientWords = t('form.required');
    }
    if (form.check(found, t('form.fixErrors'))) answer.mutate({ to, patientWords: form.values.patientWords.trim() });
  });

  const submitRevision = form.onSubmit(() => {
    const to = answers[0];
    const found = missing(form.values, ['patientWords']);
    if (to && form.check(found, t('form.fixErrors')))
      answer.mutate({ to, patientWords: form.values.patientWords.trim() });
  });

  return (
    <section id={ToolId.formulation} className="tool" aria-labelledby="formulation-heading">
      <h2 id="formulation-heading">{toolName(ToolId.formulation)}</h2>
      <p className="tool-intro">{t('formulation.intro')}</p>
      <div className="card formulation stack">
        <FormStatus message={form.message} />
        <p className="formulation-status" data-status={status ?? 'none'}>
          <strong>{t('formulation.status')}:</strong>{' '}
          {status
            ? saved?.statusDate
              ? t('formulation.statusOn', { status: formulationStatusLabel(status), date: when(saved.statusDate) })
              : formulationStatusLabel(status)
            : formulationStatusLabel(FormulationStatus.draft)}
        </p>
        {!record && !draft && <p className="notice notice-info">{t('formulation.noDraft')}</p>}
        {editable(status) ? (
          <>
            <TextAreaField
              label={t('formulation.text')}
              rows={Math.min(30, Math.max(8, text.split('\n').length + Math.ceil(text.length / 130)))}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className="formulation-text"
            />
            <div className="actions">
              {draft && text.trim() !== draft.trim() && (
                <button type="button" className="button button-quiet" onClick={() => setText(draft)}>
                  {t('formulation.useDraft')}
                </button>
              )}
              <button
                type="button"
                className="button button-quiet"
                disabled={save.isPending || text.trim() === '' || (!dirty && record !== null)}
                onClick={() => save.mutate({ present: false })}
              >
                {t('formulation.save')}
              </button>
              <button
                type="button"
                className="button"
                disabled={save.isPending || text.trim() === ''}
                onClick={() => save.mutate({ present: true })}
              >
                {t('formulation.present')}
              </button>
            </div>
          </>
        ) : (
          <>
            <blockquote className="formulation-quote">
              {(saved?.text ?? '').split(/\n{2,}/).map((p) => (
                <p key={p}>{p}</p>
              ))}
            </blockquote>
            {saved?.patientWords && (
              <div className="patient-words">
                <p className="hint-sub">{t('formulation.patientSaid')}</p>
                <blockquote>
                  <p>{saved.patientWords}</p>
                </blockquote>
              </div>
            )}
          </>
        )}
        {answers.length > 0 && status === FormulationStatus.presented && (
          <form ref={form.formRef} onSubmit={submitAnswer} noValidate className="form answer-form no-print">
            <h3>{t('formulation.answerHeading')}</h3>
            <RadioGroup
              legend={t('formulation.answer')}
              options={answers.map((s) => ({ value: s, label: answerLabel(s) }))}
              {...form.bind('answer')}
            />
            <TextAreaField
              label={t('formulation.words')}
              hint={t('formulation.wordsHint')}
              rows={3}
              {...form.bind('patientWords')}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={answer.isPending}>
                {answer.isPending ? t('form.saving') : t('formulation.record')}
              </button>
            </div>
          </form>
        )}
        {answers.length > 0 && status !== FormulationStatus.presented && (
          <details className="revise no-print">
            <summary>{t('formulation.revise')}</summary>
            <form ref={form.formRef} onSubmit={submitRevision} noValidate className="form">
              <p className="hint">{t('formulation.reviseIntro')}</p>
              <TextAreaField label={t('formulation.words')} rows={3} {...form.bind('patientWords')} />
              <div className="actions">
                <button type="submit" className="button button-quiet" disabled={answer.isPending}>
                  {t('formulation.reviseSubmit')}
                </button>
              </div>
            </form>
          </details>
        )}
        {saved?.history && saved.history.length > 0 && (
          <div className="formulation-history">
            <h3>{t('formulation.history')}</h3>
            <ol>
              {saved.history.map((h, i) => (
                <li key={`${h.status}-${i}`}>
                  {t('formulation.statusOn', { status: formulationStatusLabel(h.status), date: when(h.on) })}
                  {h.patientWords && <q>{h.patientWords}</q>}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </section>
  );
}
