import { GateItem } from '@ipt/core';
import { Link } from '@tanstack/react-router';
import { gateItemLabel } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { ToolId } from './initial-context.js';

interface Item {
  readonly id: string;
  readonly done: boolean;
}

/** Where each gate item (DOMAIN §1.2) is recorded. */
const toolOf: Record<string, ToolId> = {
  [GateItem.diagnosis]: ToolId.facts,
  [GateItem.sickRole]: ToolId.facts,
  [GateItem.inventory]: ToolId.inventory,
  [GateItem.timeline]: ToolId.timeline,
  [GateItem.problemArea]: ToolId.problemArea,
  [GateItem.formulation]: ToolId.formulation,
  [GateItem.contract]: ToolId.contract,
  [GateItem.safetyScreen]: ToolId.facts,
};

export const toolName = (tool: ToolId) => {
  switch (tool) {
    case ToolId.facts:
      return t('tool.facts');
    case ToolId.timeline:
      return t('tool.timeline');
    case ToolId.inventory:
      return t('tool.inventory');
    case ToolId.circle:
      return t('tool.circle');
    case ToolId.problemArea:
      return t('tool.problemArea');
    case ToolId.formulation:
      return t('tool.formulation');
    case ToolId.contract:
      return t('tool.contract');
    case ToolId.move:
      return t('tool.move');
  }
};

/**
 * The gate's eight items, each done or missing in words (never by colour alone), each linking to the tool where it
 * is recorded: on the initial-phase page by anchor, from the patient page to that page's section.
 */
export function InitialChecklist({ items, patientId }: { items: readonly Item[]; patientId?: string }) {
  const done = items.filter((i) => i.done).length;
  return (
    <div className="checklist-wrap">
      <p className="checklist-progress">{t('checklist.progress', { done, total: items.length })}</p>
      <ul className="checklist">
        {items.map((item) => {
          const tool = toolOf[item.id] ?? ToolId.facts;
          const goTo = t('checklist.goTo', { tool: toolName(tool) });
          return (
            <li key={item.id} className={item.done ? 'check check-done' : 'check check-missing'} data-gate={item.id}>
              <span className="check-state">
                <span aria-hidden="true" className="check-mark">
                  {item.done ? '✓' : '○'}
                </span>
                {item.done ? t('checklist.done') : t('checklist.missing')}
              </span>
              <span className="check-label">{gateItemLabel(item.id)}</span>
              {!item.done &&
                (patientId ? (
                  <Link to="/patients/$patientId/initial" params={{ patientId }} hash={tool} className="check-link">
                    {goTo}
                  </Link>
                ) : (
                  <a href={`#${tool}`} className="check-link">
                    {goTo}
                  </a>
                ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
