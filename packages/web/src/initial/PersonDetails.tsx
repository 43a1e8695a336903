import type { InitialPhaseView } from '@ipt/contract';
import {
  CanonicalArea,
  type CommunicationStyle,
  type ConflictOutcome,
  type ExpectationsMet,
  type SupportType,
} from '@ipt/core';
import { useState } from 'react';
import { CheckboxField, CheckboxGroup } from '../forms/Checkbox.js';
import { SelectField, TextField } from '../forms/Field.js';
import {
  canonicalAreaLabel,
  metOptions,
  outcomeOptions,
  stageOptions,
  styleOptions,
  supportOptions,
} from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { Answer, DateAnswer, Group } from './person-fields.js';

/** An inventory entry as the server keeps it: every DOMAIN §2.2 field present. */
export type Entry = InitialPhaseView['inventory'][number]['data'];

type Props = { readonly draft: Entry; readonly change: Change; readonly flush: () => void };

/** A change to the inventory entry, saved as you go. */
export type Change = (patch: Partial<Entry>) => void;

/** The DOMAIN §2.2 fields beyond the essentials, grouped as a conversation goes: each group opens when needed. */
export function PersonDetails({ draft, change, flush }: Props) {
  const [feelings, setFeelings] = useState(draft.feelingsWhenTogether.join(', '));
  const knows = draft.knowsAboutDepression === null ? '' : draft.knowsAboutDepression ? 'yes' : 'no';
  const links = [
    { value: '', label: t('inventory.linkNone') },
    ...Object.values(CanonicalArea).map((a) => ({ value: a, label: canonicalAreaLabel(a) })),
  ];
  return (
    <div className="person-groups">
      <p className="hint">{t('inventory.allOptional')}</p>
      <Group title={t('inventory.group.time')}>
        <Answer
          label={t('inventory.contactFrequency')}
          value={draft.contactFrequency}
          onChange={(v) => change({ contactFrequency: v })}
          flush={flush}
        />
        <Answer
          label={t('inventory.timeTogether')}
          value={draft.timeTogether}
          onChange={(v) => change({ timeTogether: v })}
          flush={flush}
        />
        <Answer
          label={t('inventory.sharedActivities')}
          value={draft.sharedActivities}
          onChange={(v) => change({ sharedActivities: v })}
          flush={flush}
        />
      </Group>
      <Group title={t('inventory.group.quality')}>
        <Answer
          label={t('inventory.positives')}
          value={draft.positives}
          onChange={(v) => change({ positives: v })}
          flush={flush}
        />
        <Answer
          label={t('inventory.negatives')}
          value={draft.negatives}
          onChange={(v) => change({ negatives: v })}
          flush={flush}
        />
        <TextField
          label={t('inventory.feelings')}
          hint={t('inventory.feelingsHint')}
          required={false}
          value={feelings}
          onBlur={flush}
          onChange={(e) => {
            setFeelings(e.target.value);
            change({
              feelingsWhenTogether: e.target.value
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== ''),
            });
          }}
        />
        <Answer
          label={t('inventory.desiredChange')}
          value={draft.desiredChange}
          onChange={(v) => change({ desiredChange: v })}
          flush={flush}
        />
      </Group>
      <Group title={t('inventory.group.talking')}>
        <Answer
          label={t('inventory.canTalk')}
          value={draft.canTalkAbout}
          onChange={(v) => change({ canTalkAbout: v })}
          flush={flush}
        />
        <Answer
          label={t('inventory.cannotTalk')}
          value={draft.cannotTalkAbout}
          onChange={(v) => change({ cannotTalkAbout: v })}
          flush={flush}
        />
        <SelectField
          label={t('inventory.knows')}
          options={[
            { value: '', label: t('inventory.knowsUnknown') },
            { value: 'yes', label: t('inventory.yes') },
            { value: 'no', label: t('inventory.no') },
          ]}
          value={knows}
          onChange={(e) => change({ knowsAboutDepression: e.target.value === '' ? null : e.target.value === 'yes' })}
        />
        <Answer
          label={t('inventory.knowsNote')}
          value={draft.knowsAboutDepressionNote}
          onChange={(v) => change({ knowsAboutDepressionNote: v })}
          flush={flush}
        />
      </Group>
      <Group title={t('inventory.group.conflict')}>
        <CheckboxField
          label={t('inventory.conflictPresent')}
          checked={draft.conflict.present}
          onChange={(present) => change({ conflict: { ...draft.conflict, present } })}
        />
        <Answer
          label={t('inventory.conflictFrequency')}
          value={draft.conflict.frequency}
          onChange={(frequency) => change({ conflict: { ...draft.conflict, frequency } })}
          flush={flush}
        />
        <Answer
          label={t('inventory.conflictWhat')}
          value={draft.conflict.whatHappens}
          onChange={(whatHappens) => change({ conflict: { ...draft.conflict, whatHappens } })}
          flush={flush}
        />
        <SelectField
          label={t('inventory.conflictOutcome')}
          options={outcomeOptions}
          value={draft.conflict.outcome}
          onChange={(e) => change({ conflict: { ...draft.conflict, outcome: e.target.value as ConflictOutcome } })}
        />
        <Answer
          label={t('inventory.expectPatient')}
          value={draft.expectations.patient}
          onChange={(patient) => change({ expectations: { ...draft.expectations, patient } })}
          flush={flush}
        />
        <Answer
          label={t('inventory.expectOther')}
          value={draft.expectations.other}
          onChange={(other) => change({ expectations: { ...draft.expectations, other } })}
          flush={flush}
        />
        <SelectField
          label={t('inventory.expectMet')}
          options={metOptions}
          value={draft.expectations.met}
          onChange={(e) => change({ expectations: { ...draft.expectations, met: e.target.value as ExpectationsMet } })}
        />
      </Group>
      <Group title={t('inventory.group.support')}>
        <CheckboxGroup
          legend={t('inventory.supportReceived')}
          options={supportOptions}
          values={draft.supportReceived}
          onChange={(v) => change({ supportReceived: v as SupportType[] })}
        />
        <CheckboxGroup
          legend={t('inventory.supportGiven')}
          options={supportOptions}
          values={draft.supportGiven}
          onChange={(v) => change({ supportGiven: v as SupportType[] })}
        />
        <CheckboxGroup
          legend={t('inventory.communication')}
          options={styleOptions}
          values={draft.communicationStyle}
          onChange={(v) => change({ communicationStyle: v as CommunicationStyle[] })}
        />
        <Answer
          label={t('inventory.communicationNote')}
          value={draft.communicationNote}
          onChange={(v) => change({ communicationNote: v })}
          flush={flush}
        />
      </Group>
      <Group title={t('inventory.group.onset')}>
        <CheckboxField
          label={t('inventory.changed')}
          checked={draft.changedNearOnset.changed}
          onChange={(changed) => change({ changedNearOnset: { ...draft.changedNearOnset, changed } })}
        />
        <DateAnswer
          label={t('inventory.changedDate')}
          value={draft.changedNearOnset.date}
          onChange={(date) => change({ changedNearOnset: { ...draft.changedNearOnset, date } })}
          flush={flush}
        />
        <Answer
          label={t('inventory.changedWhat')}
          value={draft.changedNearOnset.description}
          onChange={(description) => change({ changedNearOnset: { ...draft.changedNearOnset, description } })}
          flush={flush}
        />
        <SelectField
          label={t('inventory.link')}
          options={links}
          value={draft.problemAreaLink ?? ''}
          onChange={(e) => {
            const link = e.target.value === '' ? null : (e.target.value as CanonicalArea);
            // A dispute stage belongs only to a relationship linked to a dispute (core, assertInventoryEntry).
            change({ problemAreaLink: link, ...(link === CanonicalArea.dispute ? {} : { disputeStage: null }) });
          }}
        />
        {draft.problemAreaLink === CanonicalArea.dispute && (
          <SelectField
            label={t('inventory.stage')}
            options={[{ value: '', label: t('inventory.stageNone') }, ...stageOptions]}
            value={draft.disputeStage ?? ''}
            onChange={(e) =>
              change({
                disputeStage: e.target.value === '' ? null : (e.target.value as Entry['disputeStage']),
              })
            }
          />
        )}
      </Group>
      <Group title={t('inventory.group.loss')}>
        <CheckboxField
          label={t('inventory.deceased')}
          checked={draft.deceased}
          // A date of death is recorded only for someone who has died (core, assertInventoryEntry).
          onChange={(deceased) => change(deceased ? { deceased } : { deceased, dateOfDeath: null })}
        />
        {draft.deceased && (
          <DateAnswer
            label={t('inventory.dateOfDeath')}
            value={draft.dateOfDeath}
            onChange={(dateOfDeath) => change({ dateOfDeath })}
            flush={flush}
          />
        )}
      </Group>
    </div>
  );
}
