import { t } from '../i18n/t.js';
import type { Series } from './chart-data.js';

const answer = (value: boolean | null) =>
  value === null ? t('interpretation.unknown') : value ? t('interpretation.yes') : t('interpretation.no');

const score = (value: number | null) => (value === null ? t('interpretation.none') : String(value));

/**
 * What the scores mean so far, in words: core's one reading of change (`readChange`, shared/ipt/DOMAIN.md §9.9 with
 * ERRATA Must-fix 9) — the sentence, then response, remission, reliable change, the cut-off and the two kinds of
 * recovery, kept apart. Only shown here, never computed. "Not yet known" until there are a baseline and a later score.
 */
export function InterpretationList({ series }: { series: Series }) {
  const i = series.interpretation;
  const rows = [
    { term: t('interpretation.baseline'), value: score(i.baseline) },
    { term: t('interpretation.latest'), value: score(i.latest) },
    { term: t('interpretation.response'), value: answer(i.response) },
    { term: t('interpretation.remission'), value: answer(i.remission) },
    { term: t('interpretation.reliableImprovement'), value: answer(i.reliableImprovement) },
    { term: t('interpretation.reliableDeterioration'), value: answer(i.reliableDeterioration), warn: true },
    { term: t('interpretation.belowCutOff'), value: answer(i.belowCutOff) },
    { term: t('interpretation.iaptRecovery'), value: answer(i.iaptRecovery) },
    { term: t('interpretation.sustainedRecovery'), value: answer(i.sustainedRecovery) },
  ];
  return (
    <div className="interpretation-block">
      <p className="interpretation-reading">{i.sentence}</p>
      <dl className="interpretation">
        {rows.map((row) => (
          <div key={row.term} className={row.warn && i.reliableDeterioration ? 'interpretation-warn' : undefined}>
            <dt>{row.term}</dt>
            <dd>
              {row.warn && i.reliableDeterioration && <span aria-hidden="true">! </span>}
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
