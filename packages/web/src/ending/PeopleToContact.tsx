import { TextField } from '../forms/Field.js';
import { ItemListEditor } from '../forms/ListEditor.js';
import { t } from '../i18n/t.js';
import { useEnding } from './ending-context.js';
import type { PlanProps, RelapsePlanEdit } from './ending-forms.js';

type Contact = RelapsePlanEdit['peopleToContact'][number];

/** People to contact (DOMAIN §6.2): offered from the interpersonal inventory, or someone else by name. */
export function PeopleToContact({ draft, change, flush }: PlanProps) {
  const { view } = useEnding();
  const chosen = new Set(draft.peopleToContact.map((p) => p.personId));
  const offered = view.people.filter((p) => !chosen.has(p.id));
  const add = (contact: Contact) => change({ peopleToContact: [...draft.peopleToContact, contact] });
  return (
    <div className="people-to-contact stack">
      {offered.length > 0 && (
        <div className="offered">
          <p className="hint">{t('plan.offered')}</p>
          <div className="row-actions">
            {offered.map((p) => (
              <button
                key={p.id}
                type="button"
                className="button button-quiet button-small"
                onClick={() => add({ personId: p.id, name: p.name, how: '' })}
              >
                {t('plan.addPerson', { name: p.name })}
              </button>
            ))}
          </div>
        </div>
      )}
      <ItemListEditor
        legend={t('plan.people')}
        items={draft.peopleToContact}
        onChange={(peopleToContact) => change({ peopleToContact })}
        keyOf={(p, i) => p.personId ?? `typed-${i}`}
        itemName={(i) => draft.peopleToContact[i]?.name || t('plan.person', { n: i + 1 })}
        blank={(): Contact => ({ personId: null, name: '', how: '' })}
        addLabel={t('plan.addSomeoneElse')}
        max={20}
        render={(p, update, i) => (
          <div className="field-row">
            {p.personId === null ? (
              <TextField
                label={t('plan.person', { n: i + 1 })}
                required={false}
                value={p.name}
                onChange={(e) => update({ ...p, name: e.target.value })}
                onBlur={flush}
              />
            ) : (
              <p className="contact-name">{p.name}</p>
            )}
            <TextField
              label={t('plan.how', { name: p.name || t('plan.person', { n: i + 1 }) })}
              required={false}
              value={p.how}
              onChange={(e) => update({ ...p, how: e.target.value })}
              onBlur={flush}
            />
          </div>
        )}
      />
    </div>
  );
}
