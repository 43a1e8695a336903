import type { Session } from '@ipt/contract';
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

export function SessionTable({ sessions }: { sessions: readonly Session[] }) {
  const headingId = useId();
  const sorted = [...sessions].sort((a, b) => a.number - b.number);
  return (
    <section className="block">
      <h3 id={headingId}>{t('sessions.heading')}</h3>
      {sorted.length === 0 ? (
        <p className="empty">{t('sessions.empty')}</p>
      ) : (
        <TableScroll labelledBy={headingId}>
          <table className="table sessions">
            <thead>
              <tr>
                <th scope="col">{t('sessions.col.number')}</th>
                <th scope="col">{t('sessions.col.date')}</th>
                <th scope="col">{t('sessions.col.attendance')}</th>
                <th scope="col">{t('sessions.col.phase')}</th>
                <th scope="col">{t('sessions.col.length')}</th>
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
                    {s.lengthMinutes === null ? t('sessions.noNote') : t('sessions.minutes', { n: s.lengthMinutes })}
                  </td>
                  <td className="note">{s.note.trim() ? excerpt(s.note) : t('sessions.noNote')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
