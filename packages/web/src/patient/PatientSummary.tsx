import type { PatientDetail } from '@ipt/contract';
import { roleLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';

/** Who the patient is and who treats them. */
export function PatientSummary({ detail }: { detail: PatientDetail }) {
  const { patient, careTeam } = detail;
  return (
    <dl className="facts">
      <div>
        <dt>{t('patient.pronouns')}</dt>
        <dd>{patient.pronouns ?? <span className="muted">{t('patient.notGiven')}</span>}</dd>
      </div>
      <div>
        <dt>{t('patient.yearOfBirth')}</dt>
        <dd>{patient.yearOfBirth}</dd>
      </div>
      <div>
        <dt>{t('patient.careTeam')}</dt>
        <dd>
          {careTeam.length === 0 ? (
            <span className="muted">{t('caseload.none')}</span>
          ) : (
            <ul className="inline-list">
              {careTeam.map((m) => (
                <li key={m.userId}>{t('patient.careTeamMember', { name: m.displayName, role: roleLabel(m.role) })}</li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}
