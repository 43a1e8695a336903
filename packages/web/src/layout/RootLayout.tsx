import { useQuery } from '@tanstack/react-query';
import { Outlet, useMatches, useRouterState } from '@tanstack/react-router';
import { type MouseEvent, useEffect, useRef } from 'react';
import { meQuery } from '../api.js';
import { t } from '../i18n/t.js';
import { AppHeader } from './AppHeader.js';

/**
 * Every page: a skip link, the banner, and the main landmark. After a client-side navigation focus moves to the new
 * page's heading, as a full page load would put a screen reader at the top.
 *
 * A patient's page (a questionnaire link, the kiosk) is one calm page: no header, no navigation, and no question to
 * the server about who is signed in.
 */
export function RootLayout() {
  const isPublic = useMatches({ select: (matches) => matches.some((m) => m.staticData.public === true) });
  const me = useQuery({ ...meQuery, enabled: !isPublic }).data ?? null;
  const pathname = useRouterState({ select: (s) => s.resolvedLocation?.pathname });
  const previous = useRef(pathname);

  useEffect(() => {
    const from = previous.current;
    previous.current = pathname;
    if (from === undefined || from === pathname) return;
    (document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main'))?.focus();
  }, [pathname]);

  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };

  if (isPublic) {
    return (
      <main id="main" tabIndex={-1} className="public-main">
        <Outlet />
      </main>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main" onClick={skip}>
        {t('app.skipLink')}
      </a>
      <AppHeader me={me} />
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
    </>
  );
}
