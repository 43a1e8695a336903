import { useState } from 'react';
import { CheckboxField } from '../forms/Checkbox.js';
import { SelectField, TextField } from '../forms/Field.js';
import { t } from '../i18n/t.js';
import { useEnding } from './ending-context.js';
import type { PlanProps, Threshold } from './ending-forms.js';

/**
 * "When to come back" as a score too (DOMAIN §6.2, e.g. a PHQ-9 total at or above a level for some weeks): offered
 * for the instruments this course used; saved once the level and the weeks are given (the server checks the range).
 */
export function ReturnThreshold({ draft, change, flush }: PlanProps) {
  const { view } = useEnding();
  const when = draft.whenToReturn;
  const saved = when.threshold;
  const instruments = view.progressReview.measures.map((m) => ({ value: m.instrumentId, label: m.shortName }));
  const [on, setOn] = useState(saved !== null);
  const [fields, setFields] = useState({
    instrumentId: saved?.instrumentId ?? instruments[0]?.value ?? '',
    atLeast: saved ? String(saved.atLeast) : '',
    forWeeks: saved ? String(saved.forWeeks) : '',
  });
  const edit = (patch: Partial<typeof fields>) => {
    const next = { ...fields, ...patch };
    setFields(next);
    const atLeast = Number(next.atLeast);
    const forWeeks = Number(next.forWeeks);
    if (
      next.instrumentId &&
      next.atLeast !== '' &&
      Number.isInteger(atLeast) &&
      Number.isInteger(forWeeks) &&
      forWeeks >= 1
    ) {
      const threshold: Threshold = { instrumentId: next.instrumentId, atLeast, forWeeks };
      change({ whenToReturn: { ...when, threshold } });
    }
  };
  if (instruments.length === 0) return null;
  return (
    <div className="return-threshold stack">
      <CheckboxField
        label={t('plan.thresholdOn')}
        checked={on}
        onChange={(checked) => {
          setOn(checked);
          if (!checked) change({ whenToReturn: { ...when, threshold: null } });
        }}
      />
      {on && (
        <div className="field-row align-end">
          <SelectField
            label={t('plan.thresholdInstrument')}
            options={instruments}
            value={fields.instrumentId}
            onChange={(e) => edit({ instrumentId: e.target.value })}
          />
          <TextField
            label={t('plan.thresholdAtLeast')}
            type="number"
            min={0}
            className="input-short"
            value={fields.atLeast}
            onChange={(e) => edit({ atLeast: e.target.value })}
            onBlur={flush}
          />
          <TextField
            label={t('plan.thresholdWeeks')}
            type="number"
            min={1}
            max={52}
            className="input-short"
            value={fields.forWeeks}
            onChange={(e) => edit({ forWeeks: e.target.value })}
            onBlur={flush}
          />
        </div>
      )}
    </div>
  );
}
