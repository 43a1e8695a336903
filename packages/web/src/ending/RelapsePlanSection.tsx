import { WarningSignKind } from '@ipt/core';
import { api } from '../api.js';
import { CheckboxField } from '../forms/Checkbox.js';
import { SelectField, TextField } from '../forms/Field.js';
import { ItemListEditor, StringListEditor } from '../forms/ListEditor.js';
import { SaveStatus } from '../forms/SaveStatus.js';
import { warningKindOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { useAutosave } from '../initial/use-autosave.js';
import { RecordText } from '../middle/record-editing.js';
import { useEnding, useRefreshEnding } from './ending-context.js';
import { PeopleToContact } from './PeopleToContact.js';
import { blankPlan, cleanPlan, type RelapsePlanEdit } from './ending-forms.js';
import { ReturnThreshold } from './ReturnThreshold.js';

type Sign = RelapsePlanEdit['warningSigns'][number];

/**
 * The relapse-prevention plan (DOMAIN §6.2): the patient's own warning signs, what may set them back, what helps,
 * people to contact (offered from the inventory), professional help, when to come back, the safety plan.
 */
export function RelapsePlanSection() {
  const { view } = useEnding();
  const refresh = useRefreshEnding();
  const { draft, change, flush, state } = useAutosave(
    { ...(view.relapsePlan?.data ?? blankPlan), version: view.relapsePlan?.version ?? 0 },
    (patch, ifMatch) => api.putRelapsePlan({ params: { courseId: view.courseId }, body: cleanPlan(patch), ifMatch }),
    { onSaved: () => void refresh(), onConflict: () => void refresh() },
  );
  const props = { draft, change, flush };
  return (
    <section id="relapse-plan" className="tool" aria-labelledby="relapse-heading">
      <div className="tool-head">
        <h2 id="relapse-heading">{t('plan.heading')}</h2>
        <SaveStatus state={state} />
      </div>
      <p className="tool-intro">{t('plan.intro')}</p>
      <div className="card stack">
        <ItemListEditor
          legend={t('plan.signs')}
          hint={t('plan.signsHint')}
          items={draft.warningSigns}
          onChange={(warningSigns) => change({ warningSigns })}
          // Signs have no identity of their own: their place is their key.
          keyOf={(_, i) => String(i)}
          itemName={(i) => t('plan.sign', { n: i + 1 })}
          blank={(): Sign => ({ kind: WarningSignKind.symptom, text: '' })}
          addLabel={t('plan.addSign')}
          max={30}
          render={(sign, update, i) => (
            <div className="field-row">
              <SelectField
                label={t('plan.signKind', { n: i + 1 })}
                options={warningKindOptions}
                value={sign.kind}
                onChange={(e) => update({ ...sign, kind: e.target.value as Sign['kind'] })}
              />
              <TextField
                label={t('plan.sign', { n: i + 1 })}
                required={false}
                value={sign.text}
                onChange={(e) => update({ ...sign, text: e.target.value })}
                onBlur={flush}
              />
            </div>
          )}
        />
        <StringListEditor
          legend={t('plan.triggers')}
          hint={t('plan.triggersHint')}
          items={draft.triggersAnticipated}
          onChange={(triggersAnticipated) => change({ triggersAnticipated })}
          onBlur={flush}
          itemLabel={(n) => t('plan.trigger', { n })}
          addLabel={t('plan.addTrigger')}
          max={30}
        />
        <StringListEditor
          legend={t('plan.helps')}
          items={draft.copingActions}
          onChange={(copingActions) => change({ copingActions })}
          onBlur={flush}
          itemLabel={(n) => t('plan.help', { n })}
          addLabel={t('plan.addHelp')}
          max={30}
        />
        <PeopleToContact {...props} />
        <ItemListEditor
          legend={t('plan.professionals')}
          items={draft.professionalContacts}
          onChange={(professionalContacts) => change({ professionalContacts })}
          keyOf={(_, i) => String(i)}
          itemName={(i) => t('plan.professional', { n: i + 1 })}
          blank={() => ({ name: '', role: '', contact: '' })}
          addLabel={t('plan.addProfessional')}
          max={20}
          render={(p, update, i) => (
            <div className="field-row">
              <TextField
                label={t('plan.professional', { n: i + 1 })}
                required={false}
                value={p.name}
                onChange={(e) => update({ ...p, name: e.target.value })}
                onBlur={flush}
              />
              <TextField
                label={t('plan.professionalRole', { n: i + 1 })}
                required={false}
                value={p.role}
                onChange={(e) => update({ ...p, role: e.target.value })}
                onBlur={flush}
              />
              <TextField
                label={t('plan.professionalContact', { n: i + 1 })}
                required={false}
                value={p.contact}
                onChange={(e) => update({ ...p, contact: e.target.value })}
                onBlur={flush}
              />
            </div>
          )}
        />
        <fieldset>
          <legend>{t('plan.whenToReturn')}</legend>
          <RecordText
            label={t('plan.whenText')}
            value={draft.whenToReturn.text}
            onChange={(text) => change({ whenToReturn: { ...draft.whenToReturn, text } })}
            flush={flush}
          />
          <ReturnThreshold {...props} />
        </fieldset>
        <CheckboxField
          label={t('plan.linkSafety')}
          hint={view.safetyPlanAvailable ? t('plan.linkSafetyHint') : t('plan.noSafetyPlan')}
          checked={draft.linkSafetyPlan}
          onChange={(linkSafetyPlan) => change({ linkSafetyPlan })}
        />
        <RecordText
          label={t('plan.shareWith')}
          value={draft.shareWith}
          onChange={(shareWith) => change({ shareWith })}
          flush={flush}
        />
      </div>
    </section>
  );
}
