import type { MiddlePhaseView } from '@ipt/contract';
import { api, type Versioned, versioned } from '../api.js';
import { TextAreaField } from '../forms/Field.js';
import { ItemListEditor, itemId } from '../forms/ListEditor.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { ScaleField } from '../forms/ScaleField.js';
import { therapistPlaysOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { MiddleToolId, useMiddle } from './middle-context.js';
import { NewRecordForm, PersonField, RecordCard, RecordText, useRecordEditor } from './record-editing.js';

type RolePlay = MiddlePhaseView['rolePlays'][number]['data'];

/** Role play (DOMAIN §5.6): a scene rehearsed in rounds, with feedback and the patient's confidence before and after. */
export function RolePlays() {
  const { view, session, detail } = useMiddle();
  return (
    <section id={MiddleToolId.rolePlays} className="tool" aria-labelledby="role-plays-heading">
      <h2 id="role-plays-heading">{t('rolePlay.heading')}</h2>
      <p className="tool-intro">{t('rolePlay.intro')}</p>
      {view.rolePlays.map((r) => (
        <RolePlayEditor key={r.id} record={versioned(r)} />
      ))}
      <NewRecordForm
        heading={t('rolePlay.new')}
        initial={{ scenario: '' }}
        required={['scenario']}
        submitLabel={t('rolePlay.start')}
        done={t('rolePlay.started')}
        create={(v) =>
          api.createRolePlay({
            params: { courseId: detail.course.id },
            body: { sessionId: session.id, scenario: v.scenario.trim() },
          })
        }
      >
        {(bind) => <TextAreaField label={t('rolePlay.scenario')} rows={2} {...bind('scenario')} />}
      </NewRecordForm>
    </section>
  );
}

function RolePlayEditor({ record }: { record: Versioned<RolePlay> }) {
  const { view } = useMiddle();
  const { draft, change, flush, state } = useRecordEditor(record, api.updateRolePlay);
  const analysis = view.analyses.find((a) => a.id === record.analysisId);
  const alternative = analysis?.data.alternatives.find((a) => a.id === record.alternativeId);
  return (
    <RecordCard
      title={t('rolePlay.cardTitle', { scenario: record.scenario })}
      sessionId={record.sessionId}
      state={state}
      className="role-play-card"
    >
      {analysis && (
        <p className="carried">
          {t('rolePlay.carried', { incident: analysis.data.incident, alternative: alternative?.text ?? '' })}
        </p>
      )}
      <RecordText
        label={t('rolePlay.scenario')}
        value={draft.scenario}
        onChange={(scenario) => change({ scenario })}
        flush={flush}
      />
      <div className="field-row">
        <PersonField
          label={t('rolePlay.person')}
          value={draft.personId}
          onChange={(personId) => change({ personId })}
        />
        <RadioGroup
          className="radio-inline"
          legend={t('rolePlay.plays')}
          name={`plays-${record.id}`}
          options={therapistPlaysOptions}
          value={draft.therapistPlays}
          onChange={(e) => change({ therapistPlays: e.target.value as RolePlay['therapistPlays'] })}
        />
      </div>
      <ScaleField
        legend={t('rolePlay.before')}
        low={t('rolePlay.confidenceLow')}
        high={t('rolePlay.confidenceHigh')}
        value={draft.confidenceBefore}
        onChange={(confidenceBefore) => change({ confidenceBefore })}
      />
      <ItemListEditor
        legend={t('rounds.legend')}
        items={draft.rounds}
        onChange={(rounds) => change({ rounds })}
        keyOf={(r) => r.id}
        itemName={(i) => t('rounds.name', { n: i + 1 })}
        blank={() => ({ id: itemId(), tried: '', feedback: '' })}
        addLabel={t('rounds.add')}
        max={20}
        render={(round, update, i) => (
          <div className="field-row">
            <TextAreaField
              label={t('rounds.tried', { n: i + 1 })}
              required={false}
              rows={2}
              value={round.tried}
              onChange={(e) => update({ ...round, tried: e.target.value })}
              onBlur={flush}
            />
            <TextAreaField
              label={t('rounds.feedback', { n: i + 1 })}
              required={false}
              rows={2}
              value={round.feedback}
              onChange={(e) => update({ ...round, feedback: e.target.value })}
              onBlur={flush}
            />
          </div>
        )}
      />
      <ScaleField
        legend={t('rolePlay.after')}
        low={t('rolePlay.confidenceLow')}
        high={t('rolePlay.confidenceHigh')}
        value={draft.confidenceAfter}
        onChange={(confidenceAfter) => change({ confidenceAfter })}
      />
    </RecordCard>
  );
}
