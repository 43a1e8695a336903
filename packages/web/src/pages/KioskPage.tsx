import type { LinkSubmitted } from '../measures/types.js';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { t } from '../i18n/t.js';
import { UnlockForm } from '../kiosk/UnlockForm.js';
import { CrisisSupport } from '../measures/CrisisSupport.js';
import { LinkQuestionnaireForm } from '../measures/LinkQuestionnaireForm.js';
import { useLinkQuestionnaire } from '../measures/use-link-questionnaire.js';
import { useFocusHeading } from '../use-focus-heading.js';
import { usePageTitle } from '../use-page-title.js';

/**
 * Kiosk mode: the clinician's device, handed to the patient for one questionnaire. No navigation; after sending,
 * "hand the device back" and the clinician's unlock form. Any attempt to leave lands here with `locked` set (the
 * server answers the clinician's session with 423 until it is unlocked), and the page says plainly why.
 */
export function KioskPage() {
  usePageTitle(t('kiosk.pageTitle'));
  const { token } = useParams({ from: '/kiosk/$token' });
  const { locked } = useSearch({ from: '/kiosk/$token' });
  const link = useLinkQuestionnaire(token);
  const [submitted, setSubmitted] = useState<LinkSubmitted | null>(null);
  const [gone, setGone] = useState(false);
  const finished = submitted !== null || gone || link.status === 'gone';
  const shown = finished ? 'finished' : locked ? 'locked' : link.status;
  useFocusHeading(shown);

  if (finished) {
    return (
      <div className="public-page">
        <h1 tabIndex={-1}>{t('kiosk.handBackTitle')}</h1>
        <p className="lead">{submitted ? t('kiosk.thanks') : t('kiosk.nothingToDo')}</p>
        {submitted?.showCrisisSupport && <CrisisSupport />}
        <UnlockForm />
      </div>
    );
  }
  if (locked) {
    return (
      <div className="public-page">
        <div className="kiosk-locked" role="alert">
          <h1 tabIndex={-1}>{t('kiosk.lockedTitle')}</h1>
          <p className="lead">{t('kiosk.lockedBody')}</p>
        </div>
        <p>
          <Link to="/kiosk/$token" params={{ token }} search={{}} className="button button-large">
            {t('kiosk.backToQuestionnaire')}
          </Link>
        </p>
        <UnlockForm />
      </div>
    );
  }
  switch (link.status) {
    case 'loading':
      return (
        <p role="status" className="loading">
          {t('app.loading')}
        </p>
      );
    case 'failed':
      return (
        <div className="public-page">
          <h1 tabIndex={-1}>{t('link.failedTitle')}</h1>
          <p>{t('link.failedBody')}</p>
          <UnlockForm />
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
