/**
 * The PHQ response set shared by PHQ-9, PHQ-2 and GAD-7, with its LOINC answer codes.
 * See shared/ipt/DOMAIN.md §9.1 and §9.3; ERRATA rows 3 and 26 (HL7 US Core PHQ-9 example; HL7 PHR IG GAD-7 example).
 */
import { type AnswerOption, loincSystem } from './instrument.js';

const answer = (position: number, code: string, label: string): AnswerOption => ({
  position,
  weight: position,
  label,
  neutralLabel: String(position),
  loinc: { system: loincSystem, code, display: label },
});

/** 0 = Not at all … 3 = Nearly every day (DOMAIN §9.1; ERRATA row 3). */
export const phqFrequencyOptions: readonly AnswerOption[] = [
  answer(0, 'LA6568-5', 'Not at all'),
  answer(1, 'LA6569-3', 'Several days'),
  answer(2, 'LA6570-1', 'More than half the days'),
  answer(3, 'LA6571-9', 'Nearly every day'),
];

export const phqTimeFrame = 'Over the last 2 weeks';

/** The PHQ screeners' licence statement (DOMAIN §9.1 and §9.10; ERRATA rows 1, 22 and 30). */
export const phqLicence = {
  wordingIncluded: true,
  note:
    'Developed by Drs Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke and colleagues, with an educational grant ' +
    'from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
} as const;
