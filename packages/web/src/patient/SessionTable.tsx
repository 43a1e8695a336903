import type { MeasuresView, Session } from '@ipt/contract';
import { useId } from 'react';
import { attendanceLabel, attendanceSymbol, phaseLabel } from '../i18n/labels.js';
import { formatDate, t } from '../i18n/t.js';
import { TableScroll } from '../layout/TableScroll.js';

const excerptLength = 90;

/** The first line of a note, cut at a word near `excerptLength` characters. */
export function excerpt(note: string): string {
  const line = note.trim().split('\n')[0] ?? '';
  if (line.length <= excerptLength && line.length === note.trim().length) return line;
  if (line.length <= excerptLength) return `${line}…`;
  const space = line.lastIndexOf(' ', excerptLength);
  return `${line.slice(0, space > 0 ? space : excerptLength)}…`;
}

interface SessionScore {
  readonly instrument: string;
  readonly total: number | null;
  readonly flagged: boolean;
}

/** The questionnaires scored at each session, from the chart data, so a flagged one is marked in the list too. */
export function scoresBySession(measures: MeasuresView | undefined): Map<number, SessionScore[]> {
  const bySession = new Map<number, SessionScore[]>();
  for (const series of measures?.series ?? []) {
    for (const p of series.points) {
      if (p.sessionNumber === null) continue;
      const list = bySession.get(p.sessionNumber) ?? [];
      list.push({ instrument: series.shortName, total: p.scorable ? p.total : null, flagged: p.flagged });
      bySession.set(p.sessionNumber, list);
    }
  }
  return bySession;
}

export function SessionTable({ sessions, measures }: { sessions: readonly Session[]; measures?: MeasuresView }) {
  const headingId = useId();
  const sorted = [...sessions].sort((a, b) => a.number - b.number);
  const scores = scoresBySession(measures);
  return (
    <section className="block">
      <h3 id={headingId}>{t('sessions.heading')}</h3>
      {sorted.length === 0 ? (
        <p className="empty">{t('sessions.empty')}</p>
      ) : (
        <>
          {/* On a phone, one compact card per session, newest first; the table is for wider screens. Only one of
              the two is displayed, so only one is read out. */}
          <ol className="session-cards" aria-label={t('sessions.listLabel')}>
            {[...sorted].reverse().map((s) => (
              <SessionCard key={s.id} session={s} scores={scores.get(s.number) ?? []} />
            ))}
          </ol>
          <div className="sessions-wide">
            <TableScroll labelledBy={headingId}>
              <table className="table sessions">
                <thead>
                  <tr>
                    <th scope="col">{t('sessions.col.number')}</th>
                    <th scope="col">{t('sessions.col.date')}</th>
                    <th scope="col">{t('sessions.col.attendance')}</th>
                    <th scope="col">{t('sessions.col.phase')}</th>
                    <th scope="col">{t('sessions.col.length')}</th>
                    <th scope="col">{t('sessions.col.measures')}</th>
                    <th scope="col">{t('sessions.col.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((s) => (
                    <tr key={s.id}>
                      <th scope="row" className="num">
                        {s.number}
                      </th>
                      <td className="nowrap">{formatDate(s.date)}</td>
                      <td className="nowrap">
                        <span aria-hidden="true" className={`att-mark cell-${s.attendance}`}>
                          {attendanceSymbol(s.attendance)}
                        </span>{' '}
                        {attendanceLabel(s.attendance)}
                      </td>
                      <td>{phaseLabel(s.phase)}</td>
                      <td className="nowrap">
                        {s.lengthMinutes === null
                          ? t('sessions.noNote')
                          : t('sessions.minutes', { n: s.lengthMinutes })}
                      </td>
                      <td>
                        <SessionScores scores={scores.get(s.number) ?? []} />
                      </td>
                      <td className="note">{s.note.trim() ? excerpt(s.note) : t('sessions.noNote')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
        </>
      )}
    </section>
  );
}

/** One session on a narrow screen: its number and date, how it went, its phase and length, scores and note. */
function SessionCard({ session: s, scores }: { session: Session; scores: readonly SessionScore[] }) {
  return (
    <li className="session-card" data-session-card={s.number}>
      <p className="session-card-head">
        <strong>{t('sessions.cardTitle', { n: s.number })}</strong> <span>{formatDate(s.date)}</span>
      </p>
      <p className="session-card-meta">
        <span aria-hidden="true" className={`att-mark cell-${s.attendance}`}>
          {attendanceSymbol(s.attendance)}
        </span>{' '}
        {attendanceLabel(s.attendance)} · {phaseLabel(s.phase)}
        {s.lengthMinutes !== null && <> · {t('sessions.minutes', { n: s.lengthMinutes })}</>}
      </p>
      {scores.length > 0 && <SessionScores scores={scores} />}
      {s.note.trim() && <p className="session-card-note">{excerpt(s.note)}</p>}
    </li>
  );
}

function SessionScores({ scores }: { scores: readonly SessionScore[] }) {
  if (scores.length === 0) return <span className="muted">{t('sessions.noNote')}</span>;
  return (
    <ul className="session-scores">
      {scores.map((score, i) => (
        <li key={`${score.instrument}-${i}`} className={score.flagged ? 'risk-word' : undefined}>
          {score.flagged && <span aria-hidden="true">▲ </span>}
          {t('sessions.score', {
            instrument: score.instrument,
            total: score.total === null ? t('scores.notScorable') : score.total,
          })}
          {score.flagged && <> {t('sessions.flagged')}</>}
        </li>
      ))}
    </ul>
  );
}
