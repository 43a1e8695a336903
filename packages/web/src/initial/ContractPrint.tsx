import type { CourseRecordData } from '@ipt/contract';
import { checklistFor } from '@ipt/core';
import { problemAreaLabel } from '../i18n/initial-labels.js';
import { formatDate, t } from '../i18n/t.js';
import { useInitial } from './initial-context.js';

/**
 * The patient's copy of the contract, in plain words: shown only when printed (Print for the patient). The goals of
 * the focus are core's wording (`checklistFor`); the personal goals are the patient's own.
 */
export function ContractPrint({ contract }: { contract: CourseRecordData['treatment-contract'] }) {
  const { patient, view } = useInitial();
  const area = view.problemArea?.data;
  const person = view.inventory.find((p) => p.id === area?.primary.personId)?.data.personName;
  const goalText = (id: string) =>
    area
      ? [
          ...checklistFor(area.primary.area).goals,
          ...(area.secondary ? checklistFor(area.secondary.area).goals : []),
        ].find((g) => g.id === id)?.text
      : undefined;
  const sessions = t('contract.sessionsValue', { n: contract.plannedSessions, minutes: contract.sessionMinutes });
  const areaName = area ? problemAreaLabel(area.primary.area) : '';
  const focus = person ? t('contract.printPerson', { area: areaName, person }) : areaName;
  const allArrangements: [string, string][] = [
    [t('contract.attendance'), contract.attendance],
    [t('contract.missed'), contract.missedSessions],
    [t('contract.medication'), contract.medicationPlan],
    [t('contract.joint'), contract.jointSessions],
    [t('contract.safety'), contract.safety],
  ];
  const arrangements = allArrangements.filter(([, v]) => v.trim() !== '');
  return (
    <article className="contract-print">
      <h2>{t('contract.printHeading')}</h2>
      <p>{t('contract.printFor', { name: patient.displayName })}</p>
      <p>{t('contract.printIntro')}</p>
      <p>{contract.endDate ? t('contract.printEnds', { sessions, date: formatDate(contract.endDate) }) : sessions}</p>
      {area && (
        <>
          <h3>{t('contract.printFocus')}</h3>
          <p>
            {area.secondary
              ? t('contract.printAreas', { primary: focus, secondary: problemAreaLabel(area.secondary.area) })
              : focus}
          </p>
        </>
      )}
      <h3>{t('contract.printGoals')}</h3>
      <ul>
        {contract.areaGoals.map((id) => (
          <li key={id}>{goalText(id) ?? id}</li>
        ))}
        {contract.personalGoals.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
      <h3>{t('contract.printRoles')}</h3>
      <dl>
        <dt>{t('contract.printYou')}</dt>
        <dd>{contract.roles.patient}</dd>
        <dt>{t('contract.printMe')}</dt>
        <dd>{contract.roles.therapist}</dd>
      </dl>
      {arrangements.length > 0 && (
        <>
          <h3>{t('contract.printArrangements')}</h3>
          <dl>
            {arrangements.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </article>
  );
}
