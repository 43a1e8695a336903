import { useEffect } from 'react';
import { t } from './i18n/t.js';

/**
 * Sets the document title for the page. Titles name the page, never the patient: titles end up in browser history
 * and no clinical data leaves the page (shared/DESIGN.md "Security model").
 */
export function usePageTitle(page: string): void {
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [page]);
}
