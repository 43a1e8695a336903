import type { Course, CourseDetail, Session } from '@ipt/contract';
import { type Attendance, Phase, sessionPhases } from '@ipt/core';
import { useId } from 'react';
import { attendanceLabel, attendanceSymbol, phaseLabel } from '../i18n/labels.js';
import { formatDate, t } from '../i18n/t.js';

type Region = 'initial' | 'middle' | 'termination' | 'maintenance' | 'beyond';
interface Group {
  readonly region: Region;
  readonly from: number;
  readonly to: number;
}

/**
 * The phase regions of a course, from core's one answer to "which phase is this session in" (`sessionPhases`): a
 * recorded session in the phase it was held in, the next one in the phase the course is in (the phase the page
 * names), later ones by the plan. Sessions of the acute course past the plan form their own region (an overrun is
 * flagged, never blocked: core `CourseFlag.overrun`); maintenance sessions are contracted separately, so they are not.
 */
export function stripGroups(course: Course, sessions: readonly Session[], lastCell: number): Group[] {
  const phases = sessionPhases({ ...course, sessions, through: lastCell });
  const groups: Group[] = [];
  phases.forEach((phase, i) => {
    const n = i + 1;
    const region: Region =
      phase === Phase.maintenance
        ? 'maintenance'
        : n > course.plannedSessions
          ? 'beyond'
          : phase === Phase.ended
            ? 'termination'
            : phase;
    const last = groups.at(-1);
    if (last && last.region === region) groups[groups.length - 1] = { ...last, to: n };
    else groups.push({ region, from: n, to: n });
  });
  return groups;
}

const regionLabel = (region: Region) => (region === 'beyond' ? t('phase.beyondPlan') : phaseLabel(region));
const range = (g: Group) =>
  g.from === g.to ? t('strip.single', { n: g.from }) : t('strip.range', { from: g.from, to: g.to });

/** The course drawn as a strip of sessions, shaded and named by phase, with each recorded session's outcome. */
export function PhaseStrip({ detail }: { detail: CourseDetail }) {
  const { course, sessions, progress } = detail;
  const headingId = useId();
  const byNumber = new Map(sessions.map((s) => [s.number, s]));
  const active = course.status === 'active' && course.phase !== 'ended';
  const lastRecorded = sessions.reduce((max, s) => Math.max(max, s.number), 0);
  const lastCell = Math.max(course.plannedSessions, lastRecorded, active ? progress.nextNumber : 0);
  const next = active ? progress.nextNumber : null;

  return (
    <section className="strip-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('strip.heading')}</h3>
      <p className="hint">{t('strip.description')}</p>
      <div className="strip">
        {stripGroups(course, sessions, lastCell).map((g) => (
          <div key={`${g.region}-${g.from}`} className={`strip-group region-${g.region}`}>
            <p className="strip-label">
              <strong>{regionLabel(g.region)}</strong> <span>{range(g)}</span>
            </p>
            <ol className="strip-cells">
              {Array.from({ length: g.to - g.from + 1 }, (_, i) => g.from + i).map((n) => (
                <StripCell
                  key={n}
                  n={n}
                  session={byNumber.get(n)}
                  isNext={n === next}
                  nextDate={progress.nextDate}
                  beyond={g.region === 'beyond'}
                />
              ))}
            </ol>
          </div>
        ))}
      </div>
      <StripKey />
    </section>
  );
}

function StripCell(props: {
  n: number;
  session: Session | undefined;
  isNext: boolean;
  nextDate: string | null;
  beyond: boolean;
}) {
  const { n, session, isNext, nextDate, beyond } = props;
  const state = session ? session.attendance : isNext ? 'next' : 'planned';
  const cell = session
    ? t('strip.cellRecorded', { n, attendance: attendanceLabel(session.attendance), date: formatDate(session.date) })
    : isNext
      ? nextDate
        ? t('strip.cellNext', { n, date: formatDate(nextDate) })
        : t('strip.cellNextUndated', { n })
      : t('strip.cellPlanned', { n });
  const classes = ['cell', `cell-${state}`, beyond ? 'cell-beyond' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes} data-session={n} data-state={state} value={n}>
      <span className="cell-number" aria-hidden="true">
        {n}
      </span>
      <span className="cell-mark" aria-hidden="true">
        {session
          ? attendanceSymbol(session.attendance)
          : isNext
            ? t('strip.next')
            : beyond
              ? t('strip.beyondMark')
              : ''}
      </span>
      <span className="visually-hidden">{beyond ? t('strip.cellBeyond', { cell }) : cell}</span>
    </li>
  );
}

const keyAttendances: readonly Attendance[] = ['attended', 'cancelled', 'no-show'];

function StripKey() {
  return (
    <div className="strip-key" aria-hidden="true">
      <span className="strip-key-title">{t('strip.legend')}</span>
      {keyAttendances.map((a) => (
        <span key={a} className="strip-key-item">
          <span className={`key-swatch cell-${a}`}>{attendanceSymbol(a)}</span> {attendanceLabel(a)}
        </span>
      ))}
      <span className="strip-key-item">
        <span className="key-swatch cell-next" /> {t('strip.legendNext')}
      </span>
      <span className="strip-key-item">
        <span className="key-swatch cell-beyond">{t('strip.beyondMark')}</span> {t('strip.legendOverrun')}
      </span>
    </div>
  );
}
