import type { EndingView } from '@ipt/contract';
import { WarningSignKind } from '@ipt/core';
import { t } from '../../i18n/t.js';
import { useInstrumentName } from '../../measures/use-instrument-name.js';
import { blankPlan } from '../ending-forms.js';
import { Heading, type Level } from '../review/Heading.js';

/**
 * The relapse-prevention plan in the patient's plain words (DOMAIN §6.2): the same body is the patient's own plan
 * and the plan's part of the end-of-treatment summary.
 */
export function PlanBody({ view, level }: { view: EndingView; level: Level }) {
  const plan = view.relapsePlan?.data ?? blankPlan;
  const instrumentName = useInstrumentName();
  const signs = (kind: WarningSignKind) => plan.warningSigns.filter((w) => w.kind === kind).map((w) => w.text);
  const list = (items: readonly string[]) =>
    items.length === 0 ? (
      <p className="empty">{t('doc.nothingYet')}</p>
    ) : (
      <ul>
        {items.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a printed list in the plan's own order.
          <li key={i}>{x}</li>
        ))}
      </ul>
    );
  const threshold = plan.whenToReturn.threshold;
  return (
    <div className="plan-body">
      <Heading level={level}>{t('doc.signs')}</Heading>
      <p className="doc-sub">{t('doc.signsFeel')}</p>
      {list(signs(WarningSignKind.symptom))}
      <p className="doc-sub">{t('doc.signsPeople')}</p>
      {list(signs(WarningSignKind.interpersonal))}
      <Heading level={level}>{t('doc.triggers')}</Heading>
      {list(plan.triggersAnticipated)}
      <Heading level={level}>{t('doc.helps')}</Heading>
      {list(plan.copingActions)}
      <Heading level={level}>{t('doc.people')}</Heading>
      {list(plan.peopleToContact.map((p) => (p.how ? t('doc.personHow', { name: p.name, how: p.how }) : p.name)))}
      <Heading level={level}>{t('doc.professional')}</Heading>
      {list(
        plan.professionalContacts.map((p) => [p.name, p.role, p.contact].filter((x) => x.trim() !== '').join(' — ')),
      )}
      {plan.linkSafetyPlan && <p>{t('doc.safetyPlan')}</p>}
      <Heading level={level}>{t('doc.whenBack')}</Heading>
      {plan.whenToReturn.text && <p>{plan.whenToReturn.text}</p>}
      {threshold && (
        <p>
          {t('doc.threshold', {
            instrument: instrumentName(threshold.instrumentId),
            atLeast: threshold.atLeast,
            weeks: threshold.forWeeks,
          })}
        </p>
      )}
      {!plan.whenToReturn.text && !threshold && <p className="empty">{t('doc.nothingYet')}</p>}
    </div>
  );
}
