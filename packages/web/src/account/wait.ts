import { ApiError } from '@ipt/contract';
import { t } from '../i18n/t.js';

/** How long to wait, in words: seconds up to a minute and a half, then minutes. */
export function waitWords(seconds: number): string {
  if (seconds <= 90) return seconds === 1 ? t('wait.second') : t('wait.seconds', { n: seconds });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t('wait.minute') : t('wait.minutes', { n: minutes });
}

/**
 * The server's wait after too many tries (429), in words: from `Retry-After`, else the problem's own detail (which
 * says the wait too); undefined for any other failure.
 */
export function waitMessage(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 429) return undefined;
  if (error.retryAfterSeconds !== undefined) {
    return t('login.wait', { wait: waitWords(Math.max(1, error.retryAfterSeconds)) });
  }
  return error.problem.detail ?? error.problem.title;
}
