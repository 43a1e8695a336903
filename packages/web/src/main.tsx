import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError, queryKeys } from './api.js';
import { isLocked, kioskLocation } from './kiosk/kiosk-state.js';
import { createAppRouter } from './router.js';
import './styles/app.css';
import './styles/measures.css';
import './styles/initial.css';
import './styles/middle.css';
import './styles/risk.css';
import './styles/account.css';

/**
 * A 423 from any call means kiosk mode is on: whoever holds the device is sent to the unlock form. A 401 means the
 * session has ended (idle or absolute timeout): go back to sign-in. A call that reads these itself (the unlock form's
 * wrong password) says so in its `meta`.
 */
const onError = (error: unknown, meta?: Record<string, unknown>) => {
  if (meta?.ownAuthErrors === true) return;
  if (isLocked(error)) {
    if (!router.state.matches.some((m) => m.staticData.public === true)) void router.navigate(kioskLocation());
    return;
  }
  if (!isApiError(error, 401)) return;
  if (queryClient.getQueryData(queryKeys.me) === null) return;
  queryClient.setQueryData(queryKeys.me, null);
  const here = router.state.location;
  if (here.pathname !== '/login') void router.navigate({ to: '/login', search: { next: here.href } });
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.meta) }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => onError(error, mutation.meta),
  }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, error) => !isApiError(error) && count < 2,
    },
  },
});
const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
