import type { Me } from '@ipt/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, queryKeys } from '../api.js';
import { roleLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';

/** The banner: the app's name, where to go, who is signed in, and the way out. */
export function AppHeader({ me }: { me: Me | null }) {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <p className="app-name">
          <Link to="/">{t('app.name')}</Link>
        </p>
        {me && (
          <>
            <nav aria-label={t('nav.label')} className="app-nav">
              <ul>
                <li>
                  {me.role === 'patient' ? (
                    <Link to="/home" activeProps={{ 'aria-current': 'page' }}>
                      {t('nav.home')}
                    </Link>
                  ) : (
                    <Link to="/" activeOptions={{ exact: true }} activeProps={{ 'aria-current': 'page' }}>
                      {t('nav.caseload')}
                    </Link>
                  )}
                </li>
              </ul>
            </nav>
            <SignedIn me={me} />
          </>
        )}
      </div>
    </header>
  );
}

function SignedIn({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      await api.logout({});
    } catch {
      // The session may already be gone; signing out locally is still right.
    }
    queryClient.clear();
    queryClient.setQueryData(queryKeys.me, null);
    setBusy(false);
    await navigate({ to: '/login' });
  };
  return (
    <div className="signed-in">
      <p className="who">
        <span className="who-name">{t('header.signedInAs', { name: me.displayName })}</span>
        <span className="who-role">
          {t('header.role', { role: roleLabel(me.role), organisation: me.organisationName })}
        </span>
      </p>
      {me.role !== 'patient' && (
        <Link to="/account/two-step" className="header-link" activeProps={{ 'aria-current': 'page' }}>
          {t('mfa.headerLink')}
        </Link>
      )}
      <button type="button" className="button button-quiet" onClick={() => void signOut()} disabled={busy}>
        {t('header.signOut')}
      </button>
    </div>
  );
}
