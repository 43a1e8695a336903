import type { CourseDetail } from '@ipt/contract';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { measuresQuery } from '../api.js';
import { FlagList } from '../course/FlagList.js';
import { PhaseBadge } from '../course/PhaseBadge.js';
import { progressText } from '../course/progress-text.js';
import { presetLabel, statusLabel, weekdayLabel } from '../i18n/labels.js';
import { formatDate, t } from '../i18n/t.js';
import { InitialPhaseCard } from '../initial/InitialPhaseCard.js';
import { MeasuresSection } from '../measures/MeasuresSection.js';
import { MovePhaseForm } from './MovePhaseForm.js';
import { PhaseHistory } from './PhaseHistory.js';
import { PhaseStrip } from './PhaseStrip.js';
import { PhaseToolLinks } from './PhaseToolLinks.js';
import { RecordSessionForm } from './RecordSessionForm.js';
import { SessionTable } from './SessionTable.js';

/**
 * One course: where it stands, its strip of sessions, the two things a clinician records, its measures, and its
 * history.
 */
export function CourseView({
  detail,
  patientId,
  patientEmail,
}: {
  detail: CourseDetail;
  patientId: string;
  /** The patient's email address on file, if any: a questionnaire link can then be emailed. */
  patientEmail: string | null;
}) {
  const { course, progress, sessions, transitions } = detail;
  const headingId = useId();
  const measures = useQuery(measuresQuery(course.id));
  const active = course.status === 'active';
  return (
    <section aria-labelledby={headingId} className="course">
      <h2 id={headingId}>{t('course.heading')}</h2>
      <dl className="facts facts-course">
        <div>
          <dt>{t('course.currentPhase')}</dt>
          <dd>
            <PhaseBadge phase={course.phase} />
          </dd>
        </div>
        <div>
          <dt>{t('course.progress')}</dt>
          <dd>
            {progressText(progress.lastNumber, course.plannedSessions)}
            {progress.lastNumber > 0 && (
              <span className="muted">{t('progress.attended', { attended: progress.attended })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('course.next')}</dt>
          <dd>
            {progress.nextDate
              ? t('course.nextWithNumber', { n: progress.nextNumber, date: formatDate(progress.nextDate) })
              : t('progress.noNext')}
          </dd>
        </div>
        <div>
          <dt>{t('course.flags')}</dt>
          <dd>
            <FlagList flags={progress.flags} />
          </dd>
        </div>
        <div>
          <dt>{t('course.schedule')}</dt>
          <dd>
            {t('course.scheduleValue', {
              weekday: weekdayLabel(course.schedule.weekday),
              time: course.schedule.time,
              date: formatDate(course.startDate),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('course.preset')}</dt>
          <dd>{presetLabel(course.schoolPreset)}</dd>
        </div>
        {!active && (
          <div>
            <dt>{t('course.status')}</dt>
            <dd>{statusLabel(course.status)}</dd>
          </div>
        )}
      </dl>
      <PhaseStrip detail={detail} />
      <InitialPhaseCard detail={detail} patientId={patientId} />
      <PhaseToolLinks detail={detail} patientId={patientId} />
      {active && (
        <div className="forms no-print">
          <RecordSessionForm detail={detail} patientId={patientId} />
          <MovePhaseForm detail={detail} patientId={patientId} />
        </div>
      )}
      <MeasuresSection
        detail={detail}
        patientId={patientId}
        patientEmail={patientEmail}
        view={measures.data}
        failed={measures.isError}
      />
      <SessionTable sessions={sessions} measures={measures.data} />
      <PhaseHistory transitions={transitions} />
    </section>
  );
}
