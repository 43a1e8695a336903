/**
 * The published cut-offs of each instrument, for reading change across them: "below the cut-off" at the latest
 * having been at or above one at baseline (issue 10 part 3: EPDS 15 → 9 crosses from the ≥ 13 "likely" range to below
 * the ≥ 10 "possible" cut-off). Only cut-offs DOMAIN §9 states and ERRATA confirms are listed; an instrument without
 * one (HAM-D-17, whose change is read by its remission threshold) has none. These are screening cut-offs, not
 * remission thresholds: the EPDS still has no standard remission threshold (DOMAIN §9.9; ERRATA row 44).
 */
import { InstrumentId } from './instrument.js';

export interface CutOff {
  /**
   * Where the case side begins: a total at or above it (an instrument where higher is worse) or at or below it
   * (higher is better: WHO-5) is on the case side of this cut-off.
   */
  readonly value: number;
  /** What a total on the case side suggests, as DOMAIN words it ("likely depression"). */
  readonly meaning: string;
  readonly source: string;
}

/** Per instrument, ascending by severity: the first is the lowest (most sensitive) cut-off. */
export const cutOffs: Readonly<Record<InstrumentId, readonly CutOff[]>> = {
  [InstrumentId.phq9]: [
    {
      value: 10,
      meaning: 'caseness (moderate depression or worse)',
      source:
        'PHQ-9 ≥ 10: screening cut-off (Kroenke 2001, sensitivity and specificity 88%; DOMAIN §9.1; ERRATA row 8) ' +
        'and NHS Talking Therapies caseness (DOMAIN §9.9; ERRATA row 72).',
    },
  ],
  [InstrumentId.phq2]: [
    {
      value: 3,
      meaning: 'likely major depression',
      source: 'PHQ-2 ≥ 3 (Kroenke 2003; DOMAIN §9.2; ERRATA row 19).',
    },
  ],
  [InstrumentId.gad7]: [
    {
      value: 8,
      meaning: 'caseness (NHS Talking Therapies)',
      source: 'GAD-7 ≥ 8: NHS Talking Therapies caseness (DOMAIN §9.3, §9.9; ERRATA rows 29, 72, secondary).',
    },
    {
      value: 10,
      meaning: 'generalised anxiety disorder (screening)',
      source: 'GAD-7 ≥ 10: screening cut point (Spitzer 2006; DOMAIN §9.3; ERRATA row 25).',
    },
  ],
  [InstrumentId.epds]: [
    {
      value: 10,
      meaning: 'possible depression',
      source:
        'EPDS ≥ 10, the cut-off used when greater sensitivity is needed (Cox 1987 9/10; "possible" as CamCOPS; ' +
        'DOMAIN §9.4; ERRATA row 33).',
    },
    {
      value: 13,
      meaning: 'likely depression',
      source:
        'EPDS ≥ 13: assess for possible or probable depression (Cox 1987 12/13; "likely" as CamCOPS; DOMAIN §9.4; ' +
        'ERRATA row 33).',
    },
  ],
  [InstrumentId.hamd17]: [],
  [InstrumentId.who5]: [
    {
      value: 50,
      meaning: 'poor well-being',
      source: 'WHO-5 ≤ 50% (raw < 13): poor well-being, test for depression (Topp 2015; DOMAIN §9.6; ERRATA row 57).',
    },
  ],
  [InstrumentId.wsas]: [
    {
      value: 10,
      meaning: 'significant functional impairment',
      source:
        'WSAS 10–20: significant functional impairment; < 10 as in subclinical populations (Mundt 2002; ' +
        'DOMAIN §9.7; ERRATA row 65).',
    },
    {
      value: 21,
      meaning: 'moderately severe or worse psychopathology',
      source: 'WSAS > 20 (Mundt 2002; DOMAIN §9.7; ERRATA row 65).',
    },
  ],
};
