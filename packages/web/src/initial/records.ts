/**
 * The initial-phase view's records as the web client uses them. The server stores each record's fields as the
 * contract's request schema validated them (`InitialRecord.data`); these readers give them their core types and fill
 * what an older or partial record leaves out, so a component never meets `undefined` where core expects a value.
 */
import type { CallArgs, InitialPhaseView, InitialRecord, Routes } from '@ipt/contract';
import {
  type Episode,
  FormulationStatus,
  type InventoryEntry,
  type LifeEvent,
  newInventoryEntry,
  parseTimelineDate,
  type ProblemAreaChoiceInput,
  type ProblemAreaHint,
  RelationshipType,
  type TimelineDate,
} from '@ipt/core';

/** A record with the version a write must name (If-Match). */
export type Versioned<T> = T & { readonly version: number };

/** Readers of a stored record's loosely typed fields: a missing or malformed value reads as empty. */
export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
export const str = (x: unknown): string => (typeof x === 'string' ? x : '');
export const strOrNull = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
export const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
export const strings = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
export const sub = (x: unknown): Record<string, unknown> => (isRecord(x) ? x : {});

export function readEpisode(r: InitialRecord): Versioned<Episode> | null {
  const start = parseTimelineDate(r.data.start);
  if (start === null) return null;
  const d = r.data;
  const peak = isRecord(d.peakSeverity) ? d.peakSeverity : null;
  return {
    id: r.id,
    version: r.version,
    kind: d.kind === 'past' ? 'past' : 'current',
    type: (str(d.type) || 'depressive') as Episode['type'],
    start,
    end: parseTimelineDate(d.end),
    peakSeverity: peak ? { description: str(peak.description) } : null,
    treatments: (Array.isArray(d.treatments) ? d.treatments : []).filter(isRecord).map((t) => ({ kind: str(t.kind) })),
  };
}

export function readLifeEvent(r: InitialRecord): Versioned<LifeEvent> | null {
  const date = parseTimelineDate(r.data.date);
  if (date === null) return null;
  return {
    id: r.id,
    version: r.version,
    date,
    category: (str(r.data.category) || 'other') as LifeEvent['category'],
    personId: strOrNull(r.data.personId),
    description: str(r.data.description),
    perceivedImpact: num(r.data.perceivedImpact),
  };
}

/** An inventory entry with every DOMAIN §2.2 field present: core's blank entry, overlaid with what was recorded. */
export function readInventoryEntry(r: InitialRecord): Versioned<InventoryEntry> {
  const d = r.data;
  const blank = newInventoryEntry(str(d.personName), (str(d.relationship) || RelationshipType.other) as never);
  const merged = { ...blank, ...d };
  return {
    ...merged,
    id: r.id,
    version: r.version,
    personName: str(d.personName),
    closenessRing: num(d.closenessRing),
    feelingsWhenTogether: strings(d.feelingsWhenTogether),
    supportReceived: strings(d.supportReceived) as InventoryEntry['supportReceived'],
    supportGiven: strings(d.supportGiven) as InventoryEntry['supportGiven'],
    communicationStyle: strings(d.communicationStyle) as InventoryEntry['communicationStyle'],
    conflict: { ...blank.conflict, ...sub(d.conflict) },
    expectations: { ...blank.expectations, ...sub(d.expectations) },
    changedNearOnset: {
      ...blank.changedNearOnset,
      ...sub(d.changedNearOnset),
      date: parseTimelineDate(sub(d.changedNearOnset).date),
    },
    deceased: d.deceased === true,
    dateOfDeath: parseTimelineDate(d.dateOfDeath),
  };
}

export interface Snapshot {
  readonly id: string;
  readonly phase: string;
  readonly rings: number;
  readonly takenAt: string | null;
  readonly people: number;
}

export function readSnapshot(r: InitialRecord): Snapshot {
  return {
    id: r.id,
    phase: str(r.data.phase),
    rings: num(r.data.rings) ?? 3,
    takenAt: strOrNull(r.data.takenAt) ?? strOrNull(r.data.createdAt),
    people: Array.isArray(r.data.placements) ? r.data.placements.length : 0,
  };
}

export type ProblemAreaRecord = Versioned<ProblemAreaChoiceInput & { readonly differsFromHints: boolean }>;

export function readProblemArea(r: InitialRecord | null): ProblemAreaRecord | null {
  if (!r || !isRecord(r.data.primary)) return null;
  return {
    ...(r.data as unknown as ProblemAreaChoiceInput),
    differsFromHints: r.data.differsFromHints === true,
    version: r.version,
  };
}

export interface FormulationHistoryEntry {
  readonly status: FormulationStatus;
  readonly on: string | null;
  readonly patientWords: string | null;
}

export interface FormulationRecord {
  readonly version: number;
  readonly status: FormulationStatus;
  readonly text: string;
  readonly patientWords: string | null;
  readonly statusDate: string | null;
  /** Earlier states, oldest first, when the server keeps them in the record. */
  readonly history: readonly FormulationHistoryEntry[];
}

const formulationStatuses: readonly string[] = Object.values(FormulationStatus);
const asStatus = (x: unknown): FormulationStatus =>
  formulationStatuses.includes(str(x)) ? (str(x) as FormulationStatus) : FormulationStatus.draft;

export function readFormulation(r: InitialRecord | null): FormulationRecord | null {
  if (!r) return null;
  const history = (Array.isArray(r.data.history) ? r.data.history : []).filter(isRecord).map((h) => ({
    status: asStatus(h.status ?? h.to),
    on: strOrNull(h.on) ?? strOrNull(h.statusDate) ?? strOrNull(h.at),
    patientWords: strOrNull(h.patientWords),
  }));
  return {
    version: r.version,
    status: asStatus(r.data.status),
    text: str(r.data.text),
    patientWords: strOrNull(r.data.patientWords),
    statusDate: strOrNull(r.data.statusDate),
    history,
  };
}

export interface ContractRecord {
  readonly version: number;
  readonly plannedSessions: number | null;
  readonly endDate: string | null;
  readonly startDate: string | null;
  readonly sessionMinutes: number;
  readonly areaGoals: readonly string[];
  readonly personalGoals: readonly string[];
  readonly roles: { readonly patient: string; readonly therapist: string } | null;
  readonly attendance: string;
  readonly missedSessions: string;
  readonly medicationPlan: string;
  readonly jointSessions: string;
  readonly safety: string;
}

export function readContract(r: InitialRecord | null): ContractRecord | null {
  if (!r) return null;
  const d = r.data;
  const roles = isRecord(d.roles) ? { patient: str(d.roles.patient), therapist: str(d.roles.therapist) } : null;
  return {
    version: r.version,
    plannedSessions: num(d.plannedSessions),
    endDate: strOrNull(d.endDate),
    startDate: strOrNull(d.startDate),
    sessionMinutes: num(d.sessionMinutes) ?? 50,
    areaGoals: strings(d.areaGoals),
    personalGoals: strings(d.personalGoals),
    roles,
    attendance: str(d.attendance),
    missedSessions: str(d.missedSessions),
    medicationPlan: str(d.medicationPlan),
    jointSessions: str(d.jointSessions),
    safety: str(d.safety),
  };
}

export interface FactsRecord {
  readonly version: number;
  readonly diagnosis: string;
  readonly sickRoleExplained: boolean;
  readonly safetyScreenDone: boolean;
}

export function readFacts(r: InitialRecord | null): FactsRecord | null {
  if (!r) return null;
  return {
    version: r.version,
    diagnosis: str(r.data.diagnosis),
    sickRoleExplained: r.data.sickRoleExplained === true,
    safetyScreenDone: r.data.safetyScreenDone === true,
  };
}

/** The hints as core shapes them; anything malformed is left out rather than shown half-read. */
export function readHints(view: InitialPhaseView): ProblemAreaHint[] {
  return view.hints
    .filter(
      (h): h is ProblemAreaHint & Record<string, unknown> =>
        typeof h.rule === 'string' && typeof h.area === 'string' && typeof h.why === 'string',
    )
    .map((h) => ({
      ...h,
      evidence: Array.isArray(h.evidence) ? h.evidence : [],
      warnings: Array.isArray(h.warnings) ? h.warnings : [],
    }));
}

/** The whole view, read once per render of the page. */
export function readView(view: InitialPhaseView) {
  const present = <T>(x: T | null): x is T => x !== null;
  return {
    episodes: view.episodes.map(readEpisode).filter(present),
    events: view.events.map(readLifeEvent).filter(present),
    inventory: view.inventory.map(readInventoryEntry),
    snapshots: view.snapshots.map(readSnapshot),
    proximal: new Map(view.proximal.map((p) => [p.eventId, p])),
    hints: readHints(view),
    problemArea: readProblemArea(view.problemArea),
    formulation: readFormulation(view.formulation),
    contract: readContract(view.contract),
    facts: readFacts(view.facts),
    draftFormulation: view.draftFormulation,
    checklist: view.checklist,
  };
}
export type InitialRecords = ReturnType<typeof readView>;

export type { TimelineDate };

/** The body a write takes, by operation: the contract's request schema as the typed client sees it. */
export type BodyOf<K extends keyof Routes> = CallArgs<Routes[K]> extends { body: infer B } ? B : never;
