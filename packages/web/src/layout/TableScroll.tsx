import type { ReactNode } from 'react';

/**
 * A wide table scrolls sideways on a narrow screen. The scrolling box takes keyboard focus so it can be scrolled
 * without a mouse, and is a named region so a screen reader says what it is when focus lands on it.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1).
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
