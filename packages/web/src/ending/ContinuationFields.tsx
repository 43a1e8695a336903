import { ContinuationDecision, MaintenanceFrequency } from '@ipt/core';
import { useState } from 'react';
import { SelectField, TextField } from '../forms/Field.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { continuationOptions, frequencyOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { RecordText } from '../middle/record-editing.js';
import type { MaintenanceContract, TerminationProps } from './ending-forms.js';

const needsContract = (d: string | null) =>
  d === ContinuationDecision.continuation || d === ContinuationDecision.maintenance;

/**
 * What comes after the acute course (DOMAIN §1.4, §6.3): end, continuation, maintenance or referral; continuation and
 * maintenance have a contract of their own (frequency, duration, focus, monitoring), saved once it is whole.
 */
export function ContinuationFields({ draft, change, flush }: TerminationProps) {
  const continuation = draft.continuation;
  const saved = continuation.contract;
  const [contract, setContract] = useState({
    frequency: saved?.frequency ?? MaintenanceFrequency.monthly,
    durationMonths: saved ? String(saved.durationMonths) : '',
    focus: saved?.focus ?? '',
    monitoring: saved?.monitoring ?? '',
  });
  const months = Number(contract.durationMonths);
  const whole = Number.isInteger(months) && months >= 1 && months <= 60 && contract.focus.trim() !== '';
  const edit = (patch: Partial<typeof contract>) => {
    const next = { ...contract, ...patch };
    setContract(next);
    const n = Number(next.durationMonths);
    if (Number.isInteger(n) && n >= 1 && n <= 60 && next.focus.trim() !== '') {
      const c: MaintenanceContract = { ...next, durationMonths: n, focus: next.focus.trim() };
      change({ continuation: { ...continuation, contract: c } });
    }
  };
  return (
    <div className="continuation stack">
      <RadioGroup
        className="radio-inline"
        legend={t('continuation.legend')}
        name="continuation-decision"
        required={false}
        options={continuationOptions}
        value={continuation.decision ?? undefined}
        onChange={(e) =>
          change({
            continuation: {
              ...continuation,
              decision: e.target.value as ContinuationDecision,
              contract: needsContract(e.target.value) ? continuation.contract : null,
            },
          })
        }
      />
      {needsContract(continuation.decision) && (
        <fieldset className="maintenance-contract">
          <legend>{t('continuation.contract')}</legend>
          <p className="hint">{whole ? t('continuation.contractSaved') : t('continuation.contractIncomplete')}</p>
          <div className="field-row">
            <SelectField
              label={t('continuation.frequency')}
              options={frequencyOptions}
              value={contract.frequency}
              onChange={(e) => edit({ frequency: e.target.value as MaintenanceFrequency })}
            />
            <TextField
              label={t('continuation.duration')}
              type="number"
              min={1}
              max={60}
              className="input-short"
              value={contract.durationMonths}
              onChange={(e) => edit({ durationMonths: e.target.value })}
              onBlur={flush}
            />
          </div>
          <RecordText
            label={t('continuation.focus')}
            value={contract.focus}
            onChange={(focus) => edit({ focus })}
            flush={flush}
          />
          <RecordText
            label={t('continuation.monitoring')}
            hint={t('continuation.monitoringHint')}
            value={contract.monitoring}
            onChange={(monitoring) => edit({ monitoring })}
            flush={flush}
          />
        </fieldset>
      )}
      <RecordText
        label={t('continuation.note')}
        value={continuation.note}
        onChange={(note) => change({ continuation: { ...continuation, note } })}
        flush={flush}
      />
    </div>
  );
}
