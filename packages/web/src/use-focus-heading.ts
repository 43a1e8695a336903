import { useEffect } from 'react';

/**
 * When a page changes what it shows in place (a form sent, a link found to be used), focus moves to its new heading,
 * as a new page would put a screen reader at the top.
 */
export function useFocusHeading(shown: string): void {
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [shown]);
}
