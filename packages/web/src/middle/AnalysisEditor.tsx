import type { MiddlePhaseView } from '@ipt/contract';
import { api, type Versioned } from '../api.js';
import { CheckboxGroup } from '../forms/Checkbox.js';
import { patternOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { Alternatives } from './Alternatives.js';
import { PersonField, RecordCard, RecordText, useRecordEditor } from './record-editing.js';
import { TurnGrid } from './TurnGrid.js';

type Analysis = MiddlePhaseView['analyses'][number]['data'];

/** Alternatives still empty are not sent (the contract needs words); they stay on screen until filled. */
const clean = (patch: Partial<Analysis>): Partial<Analysis> =>
  patch.alternatives ? { ...patch, alternatives: patch.alternatives.filter((a) => a.text.trim() !== '') } : patch;

/** One communication analysis: the incident, the turns, what was meant against what was conveyed, the way forward. */
export function AnalysisEditor({ record }: { record: Versioned<Analysis> }) {
  const { draft, change, flush, state } = useRecordEditor(record, api.updateCommunicationAnalysis, clean);
  return (
    <RecordCard
      title={t('analysis.cardTitle', { incident: record.incident })}
      sessionId={record.sessionId}
      state={state}
      className="analysis-card"
    >
      <div className="field-row">
        <RecordText
          label={t('analysis.incident')}
          value={draft.incident}
          onChange={(incident) => change({ incident })}
          flush={flush}
        />
        <PersonField
          label={t('analysis.person')}
          value={draft.personId}
          onChange={(personId) => change({ personId })}
        />
      </div>
      <TurnGrid turns={draft.turns} onChange={(turns) => change({ turns })} flush={flush} />
      <RecordText
        label={t('analysis.intended')}
        hint={t('analysis.intendedHint')}
        value={draft.intendedVsConveyed}
        onChange={(intendedVsConveyed) => change({ intendedVsConveyed })}
        flush={flush}
      />
      <CheckboxGroup
        legend={t('analysis.patterns')}
        options={patternOptions}
        values={draft.patterns}
        onChange={(patterns) => change({ patterns: patterns as Analysis['patterns'] })}
      />
      <RecordText
        label={t('analysis.patternNote')}
        value={draft.patternNote}
        onChange={(patternNote) => change({ patternNote })}
        flush={flush}
      />
      <Alternatives
        analysis={record}
        alternatives={draft.alternatives}
        onChange={(alternatives) => change({ alternatives })}
        flush={flush}
      />
      <RecordText
        label={t('analysis.agreed')}
        hint={t('analysis.agreedHint')}
        value={draft.agreedAttempt}
        onChange={(agreedAttempt) => change({ agreedAttempt })}
        flush={flush}
      />
    </RecordCard>
  );
}
