import { SelectField } from '../forms/Field.js';
import { attainmentOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { RecordText } from '../middle/record-editing.js';
import { useEnding } from './ending-context.js';
import type { TerminationEdit, TerminationProps } from './ending-forms.js';

type Attainment = TerminationEdit['goalAttainment'][number];

/** How far each goal of the treatment contract was reached (DOMAIN §6.1 "progress reviewed against the focus"). */
export function GoalAttainmentFields({ draft, change, flush }: TerminationProps) {
  const { view } = useEnding();
  const goals = view.progressReview.goals;
  if (goals.length === 0) return <p className="hint">{t('termination.noGoals')}</p>;
  const entry = (goal: string) => draft.goalAttainment.find((g) => g.goal === goal);
  const set = (goal: string, next: Attainment | null) =>
    change({
      goalAttainment: [...draft.goalAttainment.filter((g) => g.goal !== goal), ...(next ? [next] : [])],
    });
  return (
    <fieldset className="goal-attainment">
      <legend>{t('termination.goals')}</legend>
      {goals.map((g) => {
        const current = entry(g.goal);
        return (
          <div key={g.goal} className="goal-row field-row">
            <SelectField
              label={g.text}
              options={[{ value: '', label: t('termination.notRated') }, ...attainmentOptions]}
              value={current?.attainment ?? ''}
              onChange={(e) =>
                set(
                  g.goal,
                  e.target.value === ''
                    ? null
                    : {
                        goal: g.goal,
                        attainment: e.target.value as Attainment['attainment'],
                        note: current?.note ?? '',
                      },
                )
              }
            />
            {current && (
              <RecordText
                label={t('termination.goalNote', { goal: g.text })}
                value={current.note}
                onChange={(note) => set(g.goal, { ...current, note })}
                flush={flush}
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
