import type { ProblemAreaHint } from '@ipt/core';
import { canonicalAreaLabel, problemAreaLabel } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';

/**
 * The advisory hints (DOMAIN §3.2), each with why it fired and the records behind it, and the cautions that come
 * with it (deficits is the area of last resort). The words are core's: one place says why a hint fires.
 */
export function HintList({ hints }: { hints: readonly ProblemAreaHint[] }) {
  if (hints.length === 0) return <p className="empty">{t('area.noHints')}</p>;
  return (
    <ul className="hints">
      {hints.map((hint) => {
        const area = hint.presetArea ? problemAreaLabel(hint.presetArea) : canonicalAreaLabel(hint.area);
        return (
          <li key={hint.rule} className="hint-card" data-hint={hint.area}>
            <p className="hint-area">{t('area.hintArea', { area })}</p>
            <p>
              <strong>{t('area.why')}</strong> {hint.why}
            </p>
            {hint.evidence.length > 0 && (
              <>
                <p className="hint-sub">{t('area.evidence')}</p>
                <ul className="evidence">
                  {hint.evidence.map((e) => (
                    <li key={e.summary}>{e.summary}</li>
                  ))}
                </ul>
              </>
            )}
            {hint.warnings.length > 0 && (
              <>
                <p className="hint-sub">{t('area.warnings')}</p>
                <ul className="warnings">
                  {hint.warnings.map((w) => (
                    <li key={w.id}>
                      <span aria-hidden="true">⚠ </span>
                      {w.text}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
