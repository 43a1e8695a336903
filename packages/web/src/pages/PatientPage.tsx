import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { patientQuery } from '../api.js';
import { t } from '../i18n/t.js';
import { CourseView } from '../patient/CourseView.js';
import { currentCourse } from '../patient/current-course.js';
import { PatientSummary } from '../patient/PatientSummary.js';
import { StartCourseForm } from '../patient/StartCourseForm.js';
import { RiskHistory } from '../risk/RiskHistory.js';
import { RiskPanel } from '../risk/RiskPanel.js';
import { usePageTitle } from '../use-page-title.js';
import { InviteForm } from '../patient/InviteForm.js';

export function PatientPage() {
  usePageTitle(t('patient.title'));
  const { patientId } = useParams({ from: '/signed-in/patients/$patientId' });
  const { data: detail } = useSuspenseQuery(patientQuery(patientId));
  const { patient } = detail;
  const course = currentCourse(detail.courses);
  return (
    <div className="page">
      <p className="breadcrumb no-print">
        <Link to="/">{t('patient.back')}</Link>
      </p>
      <div className="patient-head">
        <h1 tabIndex={-1}>{patient.displayName}</h1>
        <PatientSummary detail={detail} />
        <RiskPanel flags={detail.openRiskFlags} patientId={patientId} />
      </div>
      {course && <CourseView detail={course} patientId={patientId} patientEmail={patient.contact?.email ?? null} />}
      <RiskHistory patientId={patientId} />
      <InviteForm patientId={patientId} email={patient.contact?.email ?? null} />
      {course?.course.status !== 'active' && <StartCourseForm patientId={patientId} again={course !== undefined} />}
    </div>
  );
}
