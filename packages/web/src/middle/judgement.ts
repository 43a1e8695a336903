import { t } from '../i18n/t.js';

export interface Judgement {
  readonly met: boolean | null;
  readonly definition: string;
  readonly source: string;
}

/** Yes, no or not yet known, in words. */
export const metWord = (met: boolean | null) =>
  met === null ? t('interpretation.unknown') : met ? t('interpretation.yes') : t('interpretation.no');

/** A judgement core made, said in full: the answer, then core's definition of it. */
export const judgementText = (j: Judgement) =>
  t('judgement.text', { answer: metWord(j.met), definition: j.definition });
