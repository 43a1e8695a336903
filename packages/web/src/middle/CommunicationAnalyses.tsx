import { api, versioned } from '../api.js';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { t } from '../i18n/t.js';
import { AnalysisEditor } from './AnalysisEditor.js';
import { MiddleToolId, useMiddle } from './middle-context.js';
import { NewRecordForm, usePersonOptions } from './record-editing.js';

/** Communication analysis (DOMAIN §5.4, §5.8): one incident at a time, turn by turn. */
export function CommunicationAnalyses() {
  const { view, session, detail } = useMiddle();
  const people = usePersonOptions();
  return (
    <section id={MiddleToolId.analyses} className="tool" aria-labelledby="analyses-heading">
      <h2 id="analyses-heading">{t('analysis.heading')}</h2>
      <p className="tool-intro">{t('analysis.intro')}</p>
      {view.analyses.map((r) => (
        <AnalysisEditor key={r.id} record={versioned(r)} />
      ))}
      <NewRecordForm
        heading={t('analysis.new')}
        initial={{ incident: '', personId: '' }}
        required={['incident']}
        submitLabel={t('analysis.start')}
        done={t('analysis.started')}
        create={(v) =>
          api.createCommunicationAnalysis({
            params: { courseId: detail.course.id },
            body: { sessionId: session.id, incident: v.incident.trim(), personId: v.personId || null },
          })
        }
      >
        {(bind) => (
          <>
            <TextAreaField
              label={t('analysis.incident')}
              hint={t('analysis.incidentHint')}
              rows={2}
              {...bind('incident')}
            />
            <SelectField label={t('analysis.person')} options={people} {...bind('personId')} />
          </>
        )}
      </NewRecordForm>
    </section>
  );
}
