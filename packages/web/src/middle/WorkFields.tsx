import { CheckboxField, CheckboxGroup } from '../forms/Checkbox.js';
import { TextAreaField } from '../forms/Field.js';
import { techniqueLabel } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { useMiddle } from './middle-context.js';
import type { WorkProps } from './record-editing.js';

type TextKey = 'lastAttemptReview' | 'patientWillTry' | 'curiosityNote';

/** The rest of the session note: techniques used (DOMAIN §5), last attempt, what the patient will try, safety. */
export function WorkFields({ draft, change, flush }: WorkProps) {
  const { view } = useMiddle();
  const text = (key: TextKey, label: string, hint?: string) => (
    <TextAreaField
      label={label}
      {...(hint ? { hint } : {})}
      required={false}
      rows={3}
      value={draft[key]}
      onChange={(e) => change({ [key]: e.target.value })}
      onBlur={flush}
    />
  );
  const safety = draft.safetyCheck;
  return (
    <div className="work-fields stack">
      <h3>{t('work.techniquesHeading')}</h3>
      <CheckboxGroup
        legend={t('work.techniques')}
        options={view.techniques.map((x) => ({ value: x.id, label: techniqueLabel(x.id) }))}
        values={draft.techniques}
        onChange={(techniques) => change({ techniques: techniques as WorkProps['draft']['techniques'] })}
      />
      {text('lastAttemptReview', t('work.lastAttempt'), t('work.lastAttemptHint'))}
      {text('patientWillTry', t('work.willTry'), t('work.willTryHint'))}
      <fieldset className="safety-check">
        <legend>{t('work.safety')}</legend>
        <CheckboxField
          label={t('work.safetyDone')}
          checked={safety.done}
          onChange={(done) => change({ safetyCheck: { ...safety, done } })}
        />
        <CheckboxField
          label={t('work.safetyConcern')}
          hint={t('work.safetyConcernHint')}
          checked={safety.concern}
          onChange={(concern) => change({ safetyCheck: { ...safety, concern } })}
        />
        <TextAreaField
          label={t('work.safetyNote')}
          required={false}
          rows={2}
          value={safety.note}
          onChange={(e) => change({ safetyCheck: { ...safety, note: e.target.value } })}
          onBlur={flush}
        />
      </fieldset>
      {text('curiosityNote', t('work.curiosity'), t('work.curiosityHint'))}
    </div>
  );
}
