import type { Session } from '@ipt/contract';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { measuresQuery, middlePhaseQuery, patientQuery } from '../api.js';
import { t } from '../i18n/t.js';
import { CommunicationAnalyses } from '../middle/CommunicationAnalyses.js';
import { DecisionAnalyses } from '../middle/DecisionAnalyses.js';
import { MidCourseBanner } from '../middle/MidCourseBanner.js';
import { MiddlePhaseContext, MiddleToolId } from '../middle/middle-context.js';
import { RemainingBar } from '../middle/RemainingBar.js';
import { RolePlays } from '../middle/RolePlays.js';
import { Ruptures } from '../middle/Ruptures.js';
import { SessionPicker } from '../middle/SessionPicker.js';
import { SessionWorkSection } from '../middle/SessionWorkSection.js';
import { CoursePageHead, courseViewPending } from '../patient/CoursePage.js';
import { usePageTitle } from '../use-page-title.js';
import { currentCourse } from '../patient/current-course.js';

const tools = [
  [MiddleToolId.session, 'middle.tool.session'],
  [MiddleToolId.analyses, 'analysis.heading'],
  [MiddleToolId.rolePlays, 'rolePlay.heading'],
  [MiddleToolId.decisions, 'decision.heading'],
  [MiddleToolId.relationship, 'rupture.heading'],
] as const;

/** The session worked on: the one in the address, else the latest. */
const pick = (sessions: readonly Session[], id: string | undefined) =>
  sessions.find((s) => s.id === id) ?? sessions.at(-1);

/**
 * The middle phase as working tools, for use in the session (DOMAIN §1.3, §5): sessions remaining always in view,
 * the mid-course review when it is due, the session's work, and the techniques' records. Every tool saves on its own.
 */
export function MiddlePhasePage() {
  usePageTitle(t('middle.title'));
  const { patientId } = useParams({ from: '/signed-in/patients/$patientId/middle' });
  const search = useSearch({ from: '/signed-in/patients/$patientId/middle' });
  const navigate = useNavigate({ from: '/patients/$patientId/middle' });
  const { data: detail } = useSuspenseQuery(patientQuery(patientId));
  const course = currentCourse(detail.courses);
  const courseId = course?.course.id ?? '';
  const view = useQuery({ ...middlePhaseQuery(courseId), enabled: course !== undefined });
  const measures = useQuery({ ...measuresQuery(courseId), enabled: course !== undefined });
  const sessions = [...(course?.sessions ?? [])].sort((a, b) => a.number - b.number);
  const session = pick(sessions, search.session);
  const numbers = new Map(sessions.map((s) => [s.id, s.number]));

  return (
    <div className="page middle-page">
      <CoursePageHead patientId={patientId} title={t('middle.title')} patientName={detail.patient.displayName} />
      {courseViewPending(course !== undefined, view, t('middle.failed')) ??
        (!course || !view.data ? null : !session ? (
          <p className="notice notice-info">{t('middle.noSessions')}</p>
        ) : (
          <MiddlePhaseContext.Provider
            value={{
              patientId,
              detail: course,
              view: view.data,
              measures: measures.data,
              session,
              sessionNumber: (id) => numbers.get(id) ?? null,
            }}
          >
            <RemainingBar />
            <MidCourseBanner />
            <div className="middle-nav no-print">
              <SessionPicker
                sessions={sessions}
                session={session}
                onPick={(id) => void navigate({ search: { session: id }, replace: true })}
              />
              <nav aria-label={t('middle.tools')} className="tool-nav">
                <ul>
                  {tools.map(([id, key]) => (
                    <li key={id}>
                      <a href={`#${id}`}>{t(key)}</a>
                    </li>
                  ))}
                  <li>
                    <Link to="/patients/$patientId/ending" params={{ patientId }}>
                      {t('middle.toEnding')}
                    </Link>
                  </li>
                </ul>
              </nav>
            </div>
            <SessionWorkSection key={session.id} />
            <CommunicationAnalyses />
            <RolePlays />
            <DecisionAnalyses />
            <Ruptures />
          </MiddlePhaseContext.Provider>
        ))}
    </div>
  );
}
