import type { CourseFlag } from '@ipt/core';
import { flagLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';

/** Course flags as words with a marker; a flag asks for attention, it never blocks. */
export function FlagList({ flags }: { flags: readonly CourseFlag[] }) {
  if (flags.length === 0) return <span className="muted">{t('caseload.none')}</span>;
  return (
    <ul className="flags" aria-label={t('flag.listLabel')}>
      {flags.map((flag) => (
        <li key={flag} className="flag">
          <span aria-hidden="true" className="flag-mark">
            !
          </span>
          {flagLabel(flag)}
        </li>
      ))}
    </ul>
  );
}
