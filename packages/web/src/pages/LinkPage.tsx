import type { LinkSubmitted } from '../measures/types.js';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../i18n/t.js';
import { CrisisSupport } from '../measures/CrisisSupport.js';
import { LinkQuestionnaireForm } from '../measures/LinkQuestionnaireForm.js';
import { useLinkQuestionnaire } from '../measures/use-link-questionnaire.js';
import { useFocusHeading } from '../use-focus-heading.js';
import { usePageTitle } from '../use-page-title.js';

/**
 * The single-use questionnaire link, opened on the patient's own phone: no account, no header, one calm page. After
 * sending, a thank-you; a link already used or expired says so kindly and says what to do.
 */
export function LinkPage() {
  usePageTitle(t('link.pageTitle'));
  const { token } = useParams({ from: '/q/$token' });
  const link = useLinkQuestionnaire(token);
  const [submitted, setSubmitted] = useState<LinkSubmitted | null>(null);
  const [gone, setGone] = useState(false);
  const shown = submitted ? 'thanks' : gone ? 'gone' : link.status;
  useFocusHeading(shown);

  if (submitted) return <ThankYou showCrisisSupport={submitted.showCrisisSupport} />;
  if (gone) return <LinkGone />;
  switch (link.status) {
    case 'loading':
      return (
        <p role="status" className="loading">
          {t('app.loading')}
        </p>
      );
    case 'gone':
      return <LinkGone />;
    case 'failed':
      return (
        <div className="public-page">
          <h1 tabIndex={-1}>{t('link.failedTitle')}</h1>
          <p>{t('link.failedBody')}</p>
        </div>
      );
    case 'ready':
      return (
        <LinkQuestionnaireForm
          token={token}
          questionnaire={link.questionnaire}
          onSubmitted={setSubmitted}
          onGone={() => setGone(true)}
        />
      );
  }
}

function ThankYou({ showCrisisSupport }: { showCrisisSupport: boolean }) {
  return (
    <div className="public-page">
      <h1 tabIndex={-1}>{t('link.thanksTitle')}</h1>
      <p className="lead">{t('link.thanksBody')}</p>
      {showCrisisSupport && <CrisisSupport />}
      <p className="muted">{t('link.thanksClose')}</p>
    </div>
  );
}

function LinkGone() {
  return (
    <div className="public-page">
      <h1 tabIndex={-1}>{t('link.goneTitle')}</h1>
      <p className="lead">{t('link.goneBody')}</p>
      <p>{t('link.goneAsk')}</p>
    </div>
  );
}
