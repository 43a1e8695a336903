import { t } from '../i18n/t.js';
import { useMiddle } from './middle-context.js';

/**
 * Sessions remaining, always in view (DOMAIN §1.3: the end is kept in sight for both parties): it stays at the top of
 * the window while the page scrolls.
 */
export function RemainingBar() {
  const { view } = useMiddle();
  return (
    <div className="remaining-bar">
      <p className="remaining-count">
        <strong>{view.sessionsRemaining}</strong> {t('middle.remaining', { n: view.sessionsRemaining })}
      </p>
      <p className="remaining-detail">
        {t('middle.heldOfPlanned', { held: view.lastSessionNumber, planned: view.plannedSessions })}
      </p>
    </div>
  );
}
