import { Link } from '@tanstack/react-router';
import { documentHref } from '../api.js';
import { t } from '../i18n/t.js';

/** The two documents of the ending: each as a printable page and as the server's PDF. */
export function DocumentLinks({ patientId, courseId }: { patientId: string; courseId: string }) {
  return (
    <section id="documents" className="tool no-print" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('doc.heading')}</h2>
      <ul className="document-links">
        <li>
          <Link to="/patients/$patientId/ending/summary" params={{ patientId }}>
            {t('doc.summaryTitle')}
          </Link>{' '}
          <a href={documentHref('getTreatmentSummaryPdf', courseId)} download>
            {t('doc.pdfOf', { document: t('doc.summaryTitle') })}
          </a>
        </li>
        <li>
          <Link to="/patients/$patientId/ending/plan" params={{ patientId }}>
            {t('doc.planTitle')}
          </Link>{' '}
          <a href={documentHref('getPatientPlanPdf', courseId)} download>
            {t('doc.pdfOf', { document: t('doc.planTitle') })}
          </a>
        </li>
      </ul>
    </section>
  );
}
