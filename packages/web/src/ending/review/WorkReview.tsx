import type { ReactNode } from 'react';
import type { ProgressReview } from '@ipt/contract';
import { stageLabel } from '../../i18n/initial-labels.js';
import { decisionOutcomeLabel, patternLabel, ruptureTypeLabel, techniqueLabel } from '../../i18n/middle-labels.js';
import { t } from '../../i18n/t.js';
import { Heading, type Level } from './Heading.js';

const sessions = (n: number) => (n === 1 ? t('review.oneSession') : t('review.nSessions', { n }));
/** Words typed by a clinician, closed as a sentence unless they already end in one. */
const sentence = (s: string) => (/[.!?…”"]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** The problem-area work done (issue item 8): techniques, strategies, incidents, role plays, decisions, ruptures. */
export function WorkReview({ review, level }: { review: ProgressReview; level: Level }) {
  const w = review.work;
  const confidence = (n: number | null) => (n === null ? '—' : String(n));
  return (
    <div className="review-work">
      <p>{t('review.sessionsWorked', { sessions: sessions(w.sessionsWorked), attended: review.course.attended })}</p>
      <Part level={level} title={t('review.techniques')} empty={w.techniques.length === 0}>
        {w.techniques.map((x) => (
          <li key={x.technique}>
            {t('review.inSessions', { what: techniqueLabel(x.technique), sessions: sessions(x.sessions) })}
          </li>
        ))}
      </Part>
      <Part level={level} title={t('review.strategies')} empty={w.strategies.length === 0}>
        {w.strategies.map((x) => (
          <li key={x.id}>{t('review.inSessions', { what: x.text, sessions: sessions(x.sessions) })}</li>
        ))}
      </Part>
      {w.disputeStages.length > 0 && (
        <Part level={level} title={t('review.stages')} empty={false}>
          {w.disputeStages.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the history is ordered and never edited here.
            <li key={i}>
              {s.sessionNumber === null ? t('areaWork.stageInitial') : t('areaWork.stageAt', { n: s.sessionNumber })}:{' '}
              {stageLabel(s.stage)}
              {s.note && ` — ${s.note}`}
            </li>
          ))}
        </Part>
      )}
      <Part level={level} title={t('review.incidents')} empty={w.incidents.length === 0}>
        {w.incidents.map((x) => (
          <li key={x.id}>
            {sentence(x.personName ? `${x.incident} (${x.personName})` : x.incident)}{' '}
            {x.patterns.length > 0 && t('review.patterns', { patterns: x.patterns.map(patternLabel).join(', ') })}{' '}
            {t('review.alternatives', { n: x.alternatives })}
            {x.rolePlayed && ` ${t('review.rolePlayed')}`}
          </li>
        ))}
      </Part>
      <Part level={level} title={t('review.rolePlays')} empty={w.rolePlays.length === 0}>
        {w.rolePlays.map((x) => (
          <li key={x.id}>
            {sentence(x.scenario)}{' '}
            {t('review.confidence', { before: confidence(x.confidenceBefore), after: confidence(x.confidenceAfter) })}
          </li>
        ))}
      </Part>
      <Part level={level} title={t('review.decisions')} empty={w.decisions.length === 0}>
        {w.decisions.map((x) => (
          <li key={x.id}>
            {sentence(x.decision)}
            {x.chosen && ` ${t('review.chosen', { option: x.chosen })}`}
            {x.outcome && ` ${t('review.outcome', { outcome: decisionOutcomeLabel(x.outcome) })}`}
          </li>
        ))}
      </Part>
      {w.ruptures.length > 0 && (
        <Part level={level} title={t('review.ruptures')} empty={false}>
          {w.ruptures.map((x) => (
            <li key={x.id}>
              {ruptureTypeLabel(x.type)}
              {': '}
              {x.resolved === null
                ? t('rupture.resolvedUnknown')
                : x.resolved
                  ? t('rupture.resolvedYes')
                  : t('rupture.resolvedNo')}
            </li>
          ))}
        </Part>
      )}
    </div>
  );
}

function Part({ level, title, empty, children }: { level: Level; title: string; empty: boolean; children: ReactNode }) {
  return (
    <div className="review-part">
      <Heading level={level}>{title}</Heading>
      {empty ? <p className="empty">{t('review.none')}</p> : <ul>{children}</ul>}
    </div>
  );
}
