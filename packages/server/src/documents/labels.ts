/**
 * Words for the ids the records store, as the two documents print them (continuation and maintenance: DOMAIN
 * §6.3; the rest name the record's own values). Termination tasks carry their own labels (core's catalogue).
 */
import {
  areaDefinition,
  communicationPatternCatalogue,
  type DisputeStage,
  disputeStageGuide,
  getInstrument,
  isInstrumentId,
  type ProblemArea,
  techniqueCatalogue,
} from '@ipt/core';

export const continuationLabels: Readonly<Record<string, string>> = {
  end: 'End of treatment',
  continuation: 'Continuation IPT (new contract)',
  maintenance: 'Maintenance IPT (new contract)',
  referral: 'Referral to another treatment',
};

/** The risk level a clinician judged at a safety review (DOMAIN §10.2 step 3; the software never assigns one). */
export const riskLevelLabels: Readonly<Record<string, string>> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  imminent: 'Imminent',
};

export const attainmentLabels: Readonly<Record<string, string>> = {
  achieved: 'Achieved',
  partly: 'Partly achieved',
  'not-achieved': 'Not achieved',
};

export const ringChangeLabels: Readonly<Record<string, string>> = {
  'moved-in': 'Closer',
  'moved-out': 'Further away',
  unchanged: 'Unchanged',
  new: 'New',
  gone: 'No longer placed',
};

export const decisionOutcomeLabels: Readonly<Record<string, string>> = {
  'as-planned': 'Done as planned',
  partly: 'Partly done',
  'not-tried': 'Not tried',
  differently: 'Done differently',
};

export function areaLabel(area: string | null | undefined): string {
  if (!area) return 'Not chosen';
  try {
    return areaDefinition(area as ProblemArea).label;
  } catch {
    return area;
  }
}

export function techniqueLabel(id: string): string {
  return techniqueCatalogue.find((t) => t.id === id)?.label ?? id;
}

export function patternLabel(id: string): string {
  return communicationPatternCatalogue.find((p) => p.id === id)?.label ?? id;
}

export function disputeStageLabel(stage: string): string {
  return disputeStageGuide[stage as DisputeStage]?.label ?? stage;
}

/** The instrument's short name ("PHQ-9") for its id ("phq-9"). */
export function instrumentName(id: string): string {
  return isInstrumentId(id) ? getInstrument(id).shortName : id;
}

export function yesNo(met: boolean | null): string {
  return met === null ? 'Cannot tell' : met ? 'Yes' : 'No';
}

/** "12 March 2026" from "2026-03-12" (or an instant): dates in words, read the same everywhere. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
