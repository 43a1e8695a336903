import { t } from '../i18n/t.js';
import type { SaveState } from '../initial/use-autosave.js';

/** Where a record saved as you go stands: saving, saved, not saved (and why), or reloaded after a colleague's change. */
export function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving'
      ? t('inventory.saving')
      : state.kind === 'saved'
        ? t('inventory.saved')
        : state.kind === 'error'
          ? t('inventory.notSaved', { reason: state.message })
          : state.kind === 'reloaded'
            ? t('inventory.reloaded')
            : '';
  return (
    <p role="status" className={`save-state save-${state.kind}`}>
      {state.kind === 'saved' && <span aria-hidden="true">✓ </span>}
      {text}
    </p>
  );
}
