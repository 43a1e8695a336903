import type { Course, CourseDetail, Session } from '@ipt/contract';
import { type Attendance, phaseBoundaries } from '@ipt/core';
import { useId } from 'react';
import { attendanceLabel, attendanceSymbol, phaseLabel } from '../i18n/labels.js';
import { formatDate, t } from '../i18n/t.js';

type Region = 'initial' | 'middle' | 'termination' | 'beyond';
interface Group {
  readonly region: Region;
  readonly from: number;
  readonly to: number;
}

/**
 * The phase regions of a course: core's boundaries over the planned sessions, then whatever runs past the plan
 * (an overrun is flagged, never blocked: core `CourseFlag.overrun`).
 */
export function stripGroups(course: Course, lastCell: number): Group[] {
  const { initialEnd, terminationStart } = phaseBoundaries(course.plannedSessions, course.phaseLengths);
  const groups: Group[] = [
    { region: 'initial', from: 1, to: initialEnd },
    { region: 'middle', from: initialEnd + 1, to: terminationStart - 1 },
    { region: 'termination', from: terminationStart, to: course.plannedSessions },
    { region: 'beyond', from: course.plannedSessions + 1, to: lastCell },
  ];
  return groups.filter((g) => g.from <= g.to);
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
        {stripGroups(course, lastCell).map((g) => (
          <div key={g.region} className={`strip-group region-${g.region}`}>
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
