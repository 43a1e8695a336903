import { t } from '../i18n/t.js';
import { AddPersonForm } from './AddPersonForm.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial } from './initial-context.js';
import { PersonCard } from './PersonCard.js';

/** The interpersonal inventory (DOMAIN §2.1, §2.2): one card per person, and a quick way to add the next one. */
export function InventorySection() {
  const { records } = useInitial();
  return (
    <section id={ToolId.inventory} className="tool" aria-labelledby="inventory-heading">
      <h2 id="inventory-heading">{toolName(ToolId.inventory)}</h2>
      <p className="tool-intro">{t('inventory.intro')}</p>
      <div className="inventory">
        {records.inventory.length === 0 && <p className="empty">{t('inventory.empty')}</p>}
        {records.inventory.map((entry) => (
          <PersonCard key={entry.id} entry={entry} />
        ))}
        <AddPersonForm />
      </div>
    </section>
  );
}
