/**
 * Reads a course's initial-phase records into the facts core's rules need: the hints, the checklist, the gate.
 * Shared by the initial-phase service and the phase move (the gate out of the initial phase, DOMAIN §1.2).
 */
import { type CourseTable } from '../db/schema.js';
import {
  currentEpisodeOnset,
  defaultTaxonomyFor,
  type InitialPhaseFacts,
  problemAreaHints,
  type SchoolPreset,
} from '@ipt/core';
import { type CourseRecordData, CourseRecordKind } from '@ipt/contract';
import {
  type CourseRecordRow,
  isKind,
  listCourseRecords,
  type RowOf,
} from '../db/repositories/course-records-repository.js';
import { countOpenRiskFlags, listAdministrations } from '../db/repositories/measures-repository.js';
import type { Q } from '../db/repositories/tx.js';

/** The kinds of course record: the contract's one list (schemas/records.ts). */
export const RecordKind = CourseRecordKind;

export interface InitialFacts {
  readonly diagnosis: string;
  readonly sickRoleExplained: boolean;
  readonly safetyScreenDone: boolean;
}
export const noFacts: InitialFacts = { diagnosis: '', sickRoleExplained: false, safetyScreenDone: false };

/** A record of one kind with its fields as core takes them (the record's id beside its data). */
export interface Parsed<K extends CourseRecordKind> {
  readonly row: RowOf<K>;
  readonly value: CourseRecordData[K] & { readonly id: string };
}

/** The rows of one kind, each with its value. */
export function ofKind<K extends CourseRecordKind>(rows: readonly CourseRecordRow[], kind: K): Parsed<K>[] {
  return rows.filter(isKind(kind)).map((row) => ({ row, value: withId(row.record.data, row.id) }));
}

function withId<T extends object>(data: T, id: string): T & { readonly id: string } {
  return { ...data, id };
}

/** The course's records, parsed; the initial phase's by kind: what validating one more record needs. */
export async function loadRecords(q: Q, course: CourseTable) {
  const rows = await listCourseRecords(q, course.organisationId, course.id);
  return {
    rows,
    episodes: ofKind(rows, RecordKind.episode),
    events: ofKind(rows, RecordKind.lifeEvent),
    inventory: ofKind(rows, RecordKind.inventoryEntry),
    snapshots: ofKind(rows, RecordKind.circleSnapshot),
    problemArea: ofKind(rows, RecordKind.problemArea)[0],
    formulation: ofKind(rows, RecordKind.formulation)[0],
    contract: ofKind(rows, RecordKind.treatmentContract)[0],
    factsRecord: ofKind(rows, RecordKind.initialFacts)[0],
  };
}

/** Everything recorded in a course's initial phase, with what follows from it: hints, baseline, the gate's facts. */
export async function loadInitialPhase(q: Q, course: CourseTable) {
  const [records, administrations, openFlags] = await Promise.all([
    loadRecords(q, course),
    listAdministrations(q, course.organisationId, [course.id]),
    countOpenRiskFlags(q, course.organisationId, [course.patientId]),
  ]);
  const { episodes, events, inventory, problemArea, formulation, contract, factsRecord } = records;
  const facts = { ...noFacts, ...factsRecord?.value };
  const onset = currentEpisodeOnset(episodes.map((e) => e.value));
  const preset = problemArea?.value.preset ?? defaultTaxonomyFor(course.schoolPreset as SchoolPreset);
  const hints = problemAreaHints({
    onset,
    events: events.map((e) => e.value),
    inventory: inventory.map((i) => i.value),
    preset,
  });
  const baseline = administrations.find((a) => a.scorable === 1 && a.total !== null);
  // A PHQ-9 or EPDS that could be scored had its self-harm item answered (it is required, ERRATA must-fix 1).
  const screened = administrations.some(
    (a) => (a.instrumentId === 'phq-9' || a.instrumentId === 'epds') && a.scorable === 1,
  );
  const gateFacts: InitialPhaseFacts = {
    diagnosis: facts.diagnosis.trim() === '' ? null : facts.diagnosis,
    baselineSeverity: baseline ? { instrumentId: baseline.instrumentId, total: baseline.total as number } : null,
    sickRoleExplained: facts.sickRoleExplained,
    inventoryCount: inventory.length,
    currentEpisodeOnset: onset,
    primaryProblemArea: problemArea?.value.primary.area ?? null,
    formulationStatus: formulation?.value.status ?? null,
    contract: contract ? { plannedSessions: contract.value.plannedSessions, endDate: contract.value.endDate } : null,
    safetyScreenDone: facts.safetyScreenDone || screened,
    openRiskFlags: Number(openFlags[0]?.n ?? 0),
  };
  return {
    ...records,
    facts,
    onset,
    preset,
    hints,
    baseline,
    gateFacts,
  };
}
