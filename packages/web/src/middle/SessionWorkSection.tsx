import { SessionWorkData } from '@ipt/contract';
import { newSessionWork } from '@ipt/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, patientQuery } from '../api.js';
import { TextAreaField } from '../forms/Field.js';
import { SaveStatus } from '../forms/SaveStatus.js';
import { formatDateTime, t } from '../i18n/t.js';
import { useAutosave } from '../initial/use-autosave.js';
import { AreaWork } from './AreaWork.js';
import { CheckIn } from './CheckIn.js';
import { IntervalEvents } from './IntervalEvents.js';
import { MiddleToolId, useMiddle, useRefreshMiddle } from './middle-context.js';
import { RevisionList } from './RevisionList.js';
import { sessionName } from './SessionPicker.js';
import { WorkFields } from './WorkFields.js';

/**
 * The session's work (DOMAIN §1.3 session note), filled in as the session goes and saved as you go: the check-in,
 * the week's events and how they link to mood, the area's strategies, techniques, what the patient will try, the
 * safety check. Finishing it makes it a record: a later change then needs a reason, and the earlier version is kept.
 */
export function SessionWorkSection() {
  const { view, session, patientId } = useMiddle();
  const refresh = useRefreshMiddle();
  const saved = view.sessionWork.find((r) => r.data.sessionId === session.id);
  // Until the first save there is no record: core's empty draft, in the contract's shape, at version 0.
  const record = {
    ...(saved?.data ?? SessionWorkData.parse(newSessionWork(session.id))),
    version: saved?.version ?? 0,
  };
  const finished = record.status === 'finished';
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  // An open risk flag holds the note until a safety review (DOMAIN §10.2 step 2), or a written risk override.
  const openFlags = useQuery(patientQuery(patientId)).data?.openRiskFlags.length ?? 0;
  const [riskReason, setRiskReason] = useState('');
  const [riskError, setRiskError] = useState<string | undefined>(undefined);
  const { draft, change, flush, commit, discard, state } = useAutosave(
    record,
    (patch, ifMatch) =>
      api.putSessionWork({
        params: { sessionId: session.id },
        body: {
          ...patch,
          // A reason only when one was written: an empty one is malformed (400), and a save that changes nothing
          // on a finished record (a field left after finishing) needs none.
          ...(finished && reason.trim() !== '' ? { reason: reason.trim() } : {}),
          ...(patch.status === 'finished' && riskReason.trim() !== '' ? { riskOverrideReason: riskReason.trim() } : {}),
        },
        ifMatch,
      }),
    { onSaved: () => void refresh(), onConflict: () => void refresh(), manual: finished },
  );
  const locked = finished && !amending;
  const finish = useMutation({
    // What was typed goes first, on its own: a refused finish must not take other changes down with it.
    mutationFn: async () => {
      if (openFlags > 0 && riskReason.trim() === '') {
        setRiskError(t('work.riskHeld'));
        return false;
      }
      setRiskError(undefined);
      if (!(await commit())) return false;
      change({ status: 'finished' });
      return commit();
    },
  });
  const saveAmendment = async () => {
    if (reason.trim() === '') {
      setReasonError(t('work.reasonNeeded'));
      return;
    }
    setReasonError(undefined);
    if (await commit()) {
      setAmending(false);
      setReason('');
    }
  };
  const headingId = useId();

  return (
    <section id={MiddleToolId.session} className="tool session-work" aria-labelledby={headingId}>
      <div className="tool-head">
        <h2 id={headingId}>{t('work.heading', { session: sessionName(session) })}</h2>
        <SaveStatus state={state} />
      </div>
      {finished && (
        <div className="notice notice-info finished-note">
          <p>
            {record.finishedAt ? t('work.finishedAt', { when: formatDateTime(record.finishedAt) }) : t('work.finished')}{' '}
            {t('work.finishedKept')}
          </p>
          {!amending && (
            <button type="button" className="button button-quiet" onClick={() => setAmending(true)}>
              {t('work.amend')}
            </button>
          )}
        </div>
      )}
      {amending && (
        <div className="card amend-card">
          <TextAreaField
            label={t('work.reason')}
            hint={t('work.reasonHint')}
            rows={2}
            value={reason}
            error={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
      <fieldset className="plain-fieldset stack" disabled={locked}>
        <legend className="visually-hidden">{t('work.heading', { session: sessionName(session) })}</legend>
        <CheckIn draft={draft} change={change} flush={flush} />
      </fieldset>
      <IntervalEvents />
      <fieldset className="plain-fieldset stack" disabled={locked}>
        <legend className="visually-hidden">{t('work.rest')}</legend>
        <TextAreaField
          label={t('work.moodEventLink')}
          hint={t('work.moodEventLinkHint')}
          required={false}
          rows={3}
          value={draft.moodEventLink}
          onChange={(e) => change({ moodEventLink: e.target.value })}
          onBlur={flush}
        />
        <AreaWork draft={draft} change={change} flush={flush} />
        <WorkFields draft={draft} change={change} flush={flush} />
      </fieldset>
      {!finished && openFlags > 0 && (
        <div className="card amend-card">
          <TextAreaField
            label={t('risk.overrideReason')}
            hint={t('risk.overrideHint')}
            rows={2}
            optional
            value={riskReason}
            error={riskError}
            onChange={(e) => {
              setRiskReason(e.target.value);
              setRiskError(undefined);
            }}
          />
        </div>
      )}
      <div className="actions session-actions">
        {!finished && (
          <button type="button" className="button" disabled={finish.isPending} onClick={() => finish.mutate()}>
            {finish.isPending ? t('form.saving') : t('work.finish')}
          </button>
        )}
        {amending && (
          <>
            <button type="button" className="button" onClick={() => void saveAmendment()}>
              {t('work.saveAmendment')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                discard();
                setAmending(false);
                setReason('');
                setReasonError(undefined);
              }}
            >
              {t('form.cancel')}
            </button>
          </>
        )}
      </div>
      {saved && (finished || record.amendments.length > 0) && (
        <RevisionList recordId={saved.id} version={record.version} amendments={record.amendments} />
      )}
    </section>
  );
}
