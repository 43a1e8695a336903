import { isDisputeArea, type ProblemArea } from '@ipt/core';
import { CheckboxGroup } from '../forms/Checkbox.js';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { problemAreaLabel, stageLabel, stageOptions } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { useMiddle } from './middle-context.js';
import type { WorkProps } from './record-editing.js';

/**
 * The chosen area's strategies as a checklist (DOMAIN §3.3–§3.6); for a role dispute, its stage reassessed this
 * session beside how it was judged before (DOMAIN §3.4).
 */
export function AreaWork({ draft, change, flush }: WorkProps) {
  const { view } = useMiddle();
  const area = view.area;
  const dispute =
    area !== null &&
    (isDisputeArea(area.primary as ProblemArea) ||
      (area.secondary !== null && isDisputeArea(area.secondary as ProblemArea)));
  const areas = area
    ? [area.primary, area.secondary]
        .filter((a): a is string => a !== null)
        .map(problemAreaLabel)
        .join(', ')
    : '';
  return (
    <div className="area-work stack">
      <h3>{area ? t('areaWork.heading', { area: areas }) : t('areaWork.headingNone')}</h3>
      {view.strategies.length === 0 ? (
        <p className="empty">{t('areaWork.noStrategies')}</p>
      ) : (
        <CheckboxGroup
          className="strategy-list"
          legend={t('areaWork.strategies')}
          hint={t('areaWork.strategiesHint')}
          options={view.strategies.map((s) => ({ value: s.id, label: s.text }))}
          values={draft.strategies}
          onChange={(strategies) => change({ strategies })}
        />
      )}
      {dispute && (
        <fieldset className="dispute-stage">
          <legend>{t('areaWork.stage')}</legend>
          {view.disputeStageHistory.length > 0 && (
            <div>
              <p className="hint">{t('areaWork.stageHistory')}</p>
              <ol className="stage-history">
                {view.disputeStageHistory.map((h) => (
                  <li key={`${h.sessionId ?? 'initial'}-${h.stage}`}>
                    <strong>
                      {h.sessionNumber === null
                        ? t('areaWork.stageInitial')
                        : t('areaWork.stageAt', { n: h.sessionNumber })}
                    </strong>
                    {': '}
                    {stageLabel(h.stage)}
                    {h.note && <span className="muted"> — {h.note}</span>}
                  </li>
                ))}
              </ol>
            </div>
          )}
          <div className="field-row">
            <SelectField
              label={t('areaWork.stageNow')}
              options={[{ value: '', label: t('areaWork.stageNotReassessed') }, ...stageOptions]}
              value={draft.disputeStage?.stage ?? ''}
              onChange={(e) =>
                change({
                  disputeStage:
                    e.target.value === ''
                      ? null
                      : {
                          stage: e.target.value as NonNullable<WorkProps['draft']['disputeStage']>['stage'],
                          note: draft.disputeStage?.note ?? '',
                        },
                })
              }
            />
            <TextAreaField
              label={t('areaWork.stageNote')}
              required={false}
              rows={2}
              disabled={draft.disputeStage === null}
              value={draft.disputeStage?.note ?? ''}
              onChange={(e) =>
                draft.disputeStage && change({ disputeStage: { ...draft.disputeStage, note: e.target.value } })
              }
              onBlur={flush}
            />
          </div>
        </fieldset>
      )}
    </div>
  );
}
