import { versioned } from '../api.js';
import { t } from '../i18n/t.js';
import { AddPersonForm } from './AddPersonForm.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial } from './initial-context.js';
import { PersonCard } from './PersonCard.js';

/** The interpersonal inventory (DOMAIN §2.1, §2.2): one card per person, and a quick way to add the next one. */
export function InventorySection() {
  const { view } = useInitial();
  return (
    <section id={ToolId.inventory} className="tool" aria-labelledby="inventory-heading">
      <h2 id="inventory-heading">{toolName(ToolId.inventory)}</h2>
      <p className="tool-intro">{t('inventory.intro')}</p>
      <div className="inventory">
        {view.inventory.length === 0 && <p className="empty">{t('inventory.empty')}</p>}
        {view.inventory.map((r) => (
          <PersonCard key={r.id} entry={versioned(r)} />
        ))}
        <AddPersonForm />
      </div>
    </section>
  );
}
