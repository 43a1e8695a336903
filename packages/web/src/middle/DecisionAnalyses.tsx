import type { MiddlePhaseView } from '@ipt/contract';
import { api, type Versioned, versioned } from '../api.js';
import { SelectField, TextAreaField, TextField } from '../forms/Field.js';
import { ItemListEditor, itemId, StringListEditor } from '../forms/ListEditor.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { decisionOutcomeOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { MiddleToolId, useMiddle } from './middle-context.js';
import { NewRecordForm, RecordCard, RecordText, useRecordEditor } from './record-editing.js';

type Decision = MiddlePhaseView['decisions'][number]['data'];
type DecisionOption = Decision['options'][number];

/** Options still without words are not sent (the contract needs them); they stay on screen until filled. */
const clean = (patch: Partial<Decision>): Partial<Decision> =>
  patch.options
    ? {
        ...patch,
        options: patch.options
          .filter((o) => o.text.trim() !== '')
          .map((o) => ({
            ...o,
            pros: o.pros.filter((p) => p.trim() !== ''),
            cons: o.cons.filter((c) => c.trim() !== ''),
          })),
      }
    : patch;

/** Decision analysis (DOMAIN §5.5): the decision, options with pros and cons, the choice, the plan, the outcome. */
export function DecisionAnalyses() {
  const { view, session, detail } = useMiddle();
  return (
    <section id={MiddleToolId.decisions} className="tool" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t('decision.heading')}</h2>
      <p className="tool-intro">{t('decision.intro')}</p>
      {view.decisions.map((r) => (
        <DecisionEditor key={r.id} record={versioned(r)} />
      ))}
      <NewRecordForm
        heading={t('decision.new')}
        initial={{ decision: '' }}
        required={['decision']}
        submitLabel={t('decision.start')}
        done={t('decision.started')}
        create={(v) =>
          api.createDecisionAnalysis({
            params: { courseId: detail.course.id },
            body: { sessionId: session.id, decision: v.decision.trim() },
          })
        }
      >
        {(bind) => <TextAreaField label={t('decision.decision')} rows={2} {...bind('decision')} />}
      </NewRecordForm>
    </section>
  );
}

function DecisionEditor({ record }: { record: Versioned<Decision> }) {
  const { session, sessionNumber } = useMiddle();
  const { draft, change, flush, state } = useRecordEditor(record, api.updateDecisionAnalysis, clean);
  const named = draft.options.filter((o) => o.text.trim() !== '');
  const madeAt = sessionNumber(record.sessionId) ?? 0;
  // The outcome is reviewed at a later session (DOMAIN §5.4 step 8): the one being worked on, if it is later.
  const canReview = session.number > madeAt;
  const outcome = draft.outcome;
  return (
    <RecordCard
      title={t('decision.cardTitle', { decision: record.decision })}
      sessionId={record.sessionId}
      state={state}
      className="decision-card"
    >
      <RecordText
        label={t('decision.decision')}
        value={draft.decision}
        onChange={(decision) => change({ decision })}
        flush={flush}
      />
      <ItemListEditor
        legend={t('options.legend')}
        items={draft.options}
        onChange={(options) => change({ options })}
        keyOf={(o) => o.id}
        itemName={(i) => t('options.name', { n: i + 1 })}
        blank={(): DecisionOption => ({ id: itemId(), text: '', pros: [], cons: [], emotionalConsequences: '' })}
        addLabel={t('options.add')}
        max={20}
        render={(option, update, i) => <OptionFields option={option} n={i + 1} update={update} flush={flush} />}
      />
      {named.length > 0 && (
        <RadioGroup
          legend={t('decision.choice')}
          name={`choice-${record.id}`}
          optional
          options={named.map((o) => ({ value: o.id, label: o.text }))}
          value={draft.chosenOptionId ?? undefined}
          onChange={(e) => change({ chosenOptionId: e.target.value })}
        />
      )}
      <fieldset>
        <legend>{t('decision.plan')}</legend>
        <div className="field-row">
          <TextField
            label={t('decision.who')}
            required={false}
            value={draft.plan.who}
            onChange={(e) => change({ plan: { ...draft.plan, who: e.target.value } })}
            onBlur={flush}
          />
          <TextField
            label={t('decision.when')}
            required={false}
            value={draft.plan.when}
            onChange={(e) => change({ plan: { ...draft.plan, when: e.target.value } })}
            onBlur={flush}
          />
        </div>
        <RecordText
          label={t('decision.words')}
          value={draft.plan.words}
          onChange={(words) => change({ plan: { ...draft.plan, words } })}
          flush={flush}
        />
      </fieldset>
      {outcome ? (
        <fieldset>
          <legend>{t('decision.outcomeAt', { n: sessionNumber(outcome.sessionId) ?? '' })}</legend>
          <SelectField
            label={t('decision.result')}
            options={decisionOutcomeOptions}
            value={outcome.result}
            onChange={(e) => change({ outcome: { ...outcome, result: e.target.value as typeof outcome.result } })}
          />
          <RecordText
            label={t('decision.outcomeNote')}
            value={outcome.note}
            onChange={(note) => change({ outcome: { ...outcome, note } })}
            flush={flush}
          />
        </fieldset>
      ) : canReview && draft.chosenOptionId ? (
        <SelectField
          label={t('decision.reviewHere', { n: session.number })}
          options={[{ value: '', label: t('decision.notReviewed') }, ...decisionOutcomeOptions]}
          value=""
          onChange={(e) =>
            e.target.value &&
            change({
              outcome: {
                sessionId: session.id,
                result: e.target.value as NonNullable<Decision['outcome']>['result'],
                note: '',
              },
            })
          }
        />
      ) : (
        <p className="hint">{t('decision.reviewLater')}</p>
      )}
    </RecordCard>
  );
}

function OptionFields({
  option,
  n,
  update,
  flush,
}: {
  option: DecisionOption;
  n: number;
  update: (o: DecisionOption) => void;
  flush: () => void;
}) {
  return (
    <div className="decision-option stack">
      <TextField
        label={t('options.name', { n })}
        required={false}
        value={option.text}
        onChange={(e) => update({ ...option, text: e.target.value })}
        onBlur={flush}
      />
      <div className="pros-cons">
        <StringListEditor
          legend={t('options.pros', { n })}
          items={option.pros}
          onChange={(pros) => update({ ...option, pros })}
          onBlur={flush}
          itemLabel={(i) => t('options.pro', { n, i })}
          addLabel={t('options.addPro', { n })}
          max={20}
        />
        <StringListEditor
          legend={t('options.cons', { n })}
          items={option.cons}
          onChange={(cons) => update({ ...option, cons })}
          onBlur={flush}
          itemLabel={(i) => t('options.con', { n, i })}
          addLabel={t('options.addCon', { n })}
          max={20}
        />
      </div>
      <TextAreaField
        label={t('options.emotional', { n })}
        required={false}
        rows={2}
        value={option.emotionalConsequences}
        onChange={(e) => update({ ...option, emotionalConsequences: e.target.value })}
        onBlur={flush}
      />
    </div>
  );
}
