import { circleMarks, type InventoryEntry } from '@ipt/core';
import { t } from '../i18n/t.js';

export const markKeys = ['support', 'conflict', 'recentChange', 'deceased'] as const;
export type MarkKey = (typeof markKeys)[number];

/** The marks a person carries (core's `circleMarks`), in the order of the key. */
export function marksOf(entry: InventoryEntry): MarkKey[] {
  const marks = circleMarks(entry);
  return markKeys.filter((k) => marks[k]);
}

/** Support, conflict, a change near onset and a death, each as a letter and a word: never colour alone. */
export function PersonMarks({ entry }: { entry: InventoryEntry }) {
  const marks = marksOf(entry);
  if (marks.length === 0) return null;
  return (
    <ul className="marks">
      {marks.map((m) => (
        <li key={m} className={`mark mark-${m}`}>
          <span aria-hidden="true" className="mark-letter">
            {t(`mark.${m}`)}
          </span>
          {t(`markName.${m}`)}
        </li>
      ))}
    </ul>
  );
}

/** The key to the letters, for the circle. */
export function MarksKey() {
  return (
    <p className="chart-key">
      <span className="chart-key-title">{t('circle.key')}</span>
      {markKeys.map((m) => (
        <span key={m} className={`chart-key-item mark-${m}`}>
          <span aria-hidden="true" className="mark-letter">
            {t(`mark.${m}`)}
          </span>
          {t(`markName.${m}`)}
        </span>
      ))}
    </p>
  );
}
