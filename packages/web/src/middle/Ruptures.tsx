import type { MiddlePhaseView } from '@ipt/contract';
import { api, type Versioned, versioned } from '../api.js';
import { CheckboxField } from '../forms/Checkbox.js';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { ruptureTypeLabel, ruptureTypeOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { MiddleToolId, useMiddle } from './middle-context.js';
import { NewRecordForm, RecordCard, RecordText, useRecordEditor } from './record-editing.js';

type Rupture = MiddlePhaseView['ruptures'][number]['data'];

/**
 * The therapeutic relationship (DOMAIN §5.7, §5.9): a rupture observed, withdrawal or confrontation, what was done to
 * repair it, whether it was talked about directly, and how it echoes patterns outside therapy.
 */
export function Ruptures() {
  const { view, session, detail } = useMiddle();
  return (
    <section id={MiddleToolId.relationship} className="tool" aria-labelledby="ruptures-heading">
      <h2 id="ruptures-heading">{t('rupture.heading')}</h2>
      <p className="tool-intro">{t('rupture.intro')}</p>
      {view.ruptures.map((r) => (
        <RuptureEditor key={r.id} record={versioned(r)} />
      ))}
      <NewRecordForm
        heading={t('rupture.new')}
        initial={{ type: '', observed: '' }}
        required={['type', 'observed']}
        submitLabel={t('rupture.start')}
        done={t('rupture.started')}
        create={(v) =>
          api.createRupture({
            params: { courseId: detail.course.id },
            body: { sessionId: session.id, type: v.type as Rupture['type'], observed: v.observed.trim() },
          })
        }
      >
        {(bind) => (
          <>
            <RadioGroup
              className="radio-inline"
              legend={t('rupture.type')}
              options={ruptureTypeOptions}
              {...bind('type')}
            />
            <TextAreaField label={t('rupture.observed')} rows={2} {...bind('observed')} />
          </>
        )}
      </NewRecordForm>
    </section>
  );
}

const resolvedOptions = () => [
  { value: '', label: t('rupture.resolvedUnknown') },
  { value: 'yes', label: t('rupture.resolvedYes') },
  { value: 'no', label: t('rupture.resolvedNo') },
];

function RuptureEditor({ record }: { record: Versioned<Rupture> }) {
  const { draft, change, flush, state } = useRecordEditor(record, api.updateRupture);
  return (
    <RecordCard
      title={t('rupture.cardTitle', { type: ruptureTypeLabel(record.type) })}
      sessionId={record.sessionId}
      state={state}
    >
      <RadioGroup
        className="radio-inline"
        legend={t('rupture.type')}
        name={`rupture-type-${record.id}`}
        options={ruptureTypeOptions}
        value={draft.type}
        onChange={(e) => change({ type: e.target.value as Rupture['type'] })}
      />
      <RecordText
        label={t('rupture.observed')}
        value={draft.observed}
        onChange={(observed) => change({ observed })}
        flush={flush}
      />
      <RecordText
        label={t('rupture.repair')}
        value={draft.repair}
        onChange={(repair) => change({ repair })}
        flush={flush}
      />
      <CheckboxField
        label={t('rupture.metacommunication')}
        hint={t('rupture.metacommunicationHint')}
        checked={draft.metacommunication}
        onChange={(metacommunication) => change({ metacommunication })}
      />
      <RecordText
        label={t('rupture.linkOutside')}
        hint={t('rupture.linkOutsideHint')}
        value={draft.linkOutside}
        onChange={(linkOutside) => change({ linkOutside })}
        flush={flush}
      />
      <SelectField
        label={t('rupture.resolved')}
        options={resolvedOptions()}
        value={draft.resolved === null ? '' : draft.resolved ? 'yes' : 'no'}
        onChange={(e) => change({ resolved: e.target.value === '' ? null : e.target.value === 'yes' })}
      />
    </RecordCard>
  );
}
