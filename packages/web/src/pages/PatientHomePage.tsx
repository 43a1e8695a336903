import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { patientHomeQuery } from '../api.js';
import { formatDate, t } from '../i18n/t.js';
import { CrisisNote } from '../learn/CrisisNote.js';
import { useFocusHeading } from '../use-focus-heading.js';
import { usePageTitle } from '../use-page-title.js';

/**
 * A patient's own home (issue 12, part 2): where their course of IPT stands, in the words a patient uses ("session
 * 5 of 16", the next date, how many are left: the time limit kept in view, DOMAIN §0), what to read, and help in a
 * crisis. Nothing clinical is shown here that the clinician has not chosen to share.
 */
export function PatientHomePage() {
  const { data: home } = useSuspenseQuery(patientHomeQuery);
  usePageTitle(t('home.title'));
  useFocusHeading('home');
  const course = home.course;
  return (
    <div className="page page-narrow patient-home">
      <h1 tabIndex={-1}>{t('home.hello', { name: home.displayName })}</h1>
      {course ? (
        <section className="card home-course" aria-labelledby="home-course-heading">
          <h2 id="home-course-heading">{t('home.courseHeading')}</h2>
          {course.left > 0 ? (
            <>
              <p className="home-count">
                {t('home.sessionOf', { n: course.nextNumber, total: course.plannedSessions })}
              </p>
              {course.nextDate && <p>{t('home.nextDate', { date: formatDate(course.nextDate) })}</p>}
              <p>{course.left === 1 ? t('home.leftOne') : t('home.leftMany', { left: course.left })}</p>
            </>
          ) : (
            <p>{t('home.allHeld', { total: course.plannedSessions })}</p>
          )}
        </section>
      ) : (
        <p className="lead">{t('home.noCourse')}</p>
      )}
      <section aria-labelledby="home-learn-heading">
        <h2 id="home-learn-heading">{t('home.learnHeading')}</h2>
        <p>
          <Link to="/learn">{t('learn.title')}</Link>
        </p>
      </section>
      <CrisisNote />
    </div>
  );
}
