/**
 * Kiosk mode: the clinician hands this device to the patient for one questionnaire. Meanwhile the server answers
 * every other call of the clinician's session with 423 Locked, and the app sends whoever is holding the device back
 * to the kiosk page, where only the clinician's password unlocks it.
 *
 * Which questionnaire the device was handed over for is kept for this tab only (sessionStorage), so a reload or an
 * attempt to leave still finds its way back. It holds ids only, never clinical data.
 */
import { redirect } from '@tanstack/react-router';
import { isApiError } from '../api.js';

const storageKey = 'ipt.kiosk';

export interface KioskState {
  readonly token: string;
  readonly patientId: string;
}

export function rememberKiosk(state: KioskState): void {
  sessionStorage.setItem(storageKey, JSON.stringify(state));
}

export function currentKiosk(): KioskState | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    if (value && typeof value === 'object' && 'token' in value && 'patientId' in value) {
      const { token, patientId } = value;
      if (typeof token === 'string' && typeof patientId === 'string') return { token, patientId };
    }
  } catch {
    // Unreadable: treat as none.
  }
  return null;
}

export function forgetKiosk(): void {
  sessionStorage.removeItem(storageKey);
}

/** Where a locked session goes: the kiosk page's unlock form, or a plain unlock page when the tab does not know it. */
export function kioskLocation() {
  const kiosk = currentKiosk();
  return kiosk
    ? ({ to: '/kiosk/$token', params: { token: kiosk.token }, search: { locked: true } } as const)
    : ({ to: '/kiosk', search: {} } as const);
}

export const isLocked = (error: unknown) => isApiError(error, 423);

/** Runs a route's load; a 423 (kiosk mode is on) becomes a redirect to the unlock form instead of an error page. */
export async function unlessLocked<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isLocked(error)) redirect({ ...kioskLocation(), throw: true });
    throw error;
  }
}
