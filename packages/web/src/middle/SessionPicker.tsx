import type { Session } from '@ipt/contract';
import { useId } from 'react';
import { attendanceLabel, phaseLabel } from '../i18n/labels.js';
import { formatDate, t } from '../i18n/t.js';

export const sessionName = (s: Session) =>
  t('middle.sessionOption', {
    n: s.number,
    date: formatDate(s.date),
    attendance: attendanceLabel(s.attendance),
    phase: phaseLabel(s.phase),
  });

/** Which session is being worked on: the latest by default; earlier ones to read or amend. */
export function SessionPicker({
  sessions,
  session,
  onPick,
}: {
  sessions: readonly Session[];
  session: Session;
  onPick: (sessionId: string) => void;
}) {
  const id = useId();
  const at = sessions.indexOf(session);
  const previous = sessions[at - 1];
  const next = sessions[at + 1];
  return (
    <div className="session-picker no-print">
      <label htmlFor={id}>{t('middle.session')}</label>
      <select id={id} value={session.id} onChange={(e) => onPick(e.target.value)}>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {sessionName(s)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={!previous}
        onClick={() => previous && onPick(previous.id)}
      >
        {t('middle.previousSession')}
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={!next}
        onClick={() => next && onPick(next.id)}
      >
        {t('middle.nextSession')}
      </button>
    </div>
  );
}
