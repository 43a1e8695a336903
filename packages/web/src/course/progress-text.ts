import { t } from '../i18n/t.js';

/** "Session n of N", where n is the last session recorded and N the sessions planned. */
export function progressText(lastNumber: number, plannedSessions: number): string {
  return lastNumber === 0
    ? t('progress.notStarted', { planned: plannedSessions })
    : t('progress.sessionOf', { n: lastNumber, planned: plannedSessions });
}
