/**
 * The ending view's records as the web client edits them: the termination checklist and the relapse-prevention plan,
 * with what an older or partial record leaves out filled in.
 */
import type { CourseRecord } from '@ipt/contract';
import {
  ContinuationDecision,
  GoalAttainment,
  MaintenanceFrequency,
  TerminationItem,
  WarningSignKind,
} from '@ipt/core';
import type { AutosaveFields } from '../initial/use-autosave.js';
import { type BodyOf, isRecord, num, str, strOrNull, strings, sub, type Versioned } from '../initial/records.js';

export type TerminationEdit = Required<Omit<BodyOf<'putTermination'>, 'complete'>>;
export type MaintenanceContract = NonNullable<TerminationEdit['continuation']['contract']>;
export type RelapsePlanEdit = Required<BodyOf<'putRelapsePlan'>>;
export type Threshold = NonNullable<RelapsePlanEdit['whenToReturn']['threshold']>;

const list = (x: unknown) => (Array.isArray(x) ? x.filter(isRecord) : []);
const is = <T extends string>(values: Record<string, T>, x: unknown): x is T =>
  (Object.values(values) as unknown[]).includes(x);

export interface TerminationRecord extends Versioned<TerminationEdit> {
  readonly completed: boolean;
  readonly completedAt: string | null;
}

export function readTermination(r: CourseRecord | null): TerminationRecord {
  const d = r?.data ?? {};
  const items: TerminationEdit['items'] = {};
  for (const [id, value] of Object.entries(sub(d.items))) {
    if (is(TerminationItem, id) && isRecord(value)) items[id] = { done: value.done === true, note: str(value.note) };
  }
  const continuation = sub(d.continuation);
  const contract = isRecord(continuation.contract) ? continuation.contract : null;
  return {
    version: r?.version ?? 0,
    items,
    whyBetterPatientWords: str(d.whyBetterPatientWords),
    residualGoals: strings(d.residualGoals),
    goalAttainment: list(d.goalAttainment)
      .filter((g) => is(GoalAttainment, g.attainment))
      .map((g) => ({ goal: str(g.goal), attainment: g.attainment as GoalAttainment, note: str(g.note) })),
    continuation: {
      decision: is(ContinuationDecision, continuation.decision) ? continuation.decision : null,
      contract: contract
        ? {
            frequency: is(MaintenanceFrequency, contract.frequency) ? contract.frequency : MaintenanceFrequency.monthly,
            durationMonths: num(contract.durationMonths) ?? 1,
            focus: str(contract.focus),
            monitoring: str(contract.monitoring),
          }
        : null,
      note: str(continuation.note),
    },
    earlyEndReason: str(d.earlyEndReason),
    completed: d.completed === true,
    completedAt: strOrNull(d.completedAt),
  };
}

export function readRelapsePlan(r: CourseRecord | null): Versioned<RelapsePlanEdit> {
  const d = r?.data ?? {};
  const when = sub(d.whenToReturn);
  const threshold = isRecord(when.threshold) ? when.threshold : null;
  return {
    version: r?.version ?? 0,
    warningSigns: list(d.warningSigns).map((w) => ({
      kind: is(WarningSignKind, w.kind) ? w.kind : WarningSignKind.symptom,
      text: str(w.text),
    })),
    triggersAnticipated: strings(d.triggersAnticipated),
    copingActions: strings(d.copingActions),
    peopleToContact: list(d.peopleToContact).map((p) => ({
      personId: strOrNull(p.personId),
      name: str(p.name),
      how: str(p.how),
    })),
    professionalContacts: list(d.professionalContacts).map((p) => ({
      name: str(p.name),
      role: str(p.role),
      contact: str(p.contact),
    })),
    whenToReturn: {
      text: str(when.text),
      threshold: threshold
        ? {
            instrumentId: str(threshold.instrumentId),
            atLeast: num(threshold.atLeast) ?? 0,
            forWeeks: num(threshold.forWeeks) ?? 1,
          }
        : null,
    },
    linkSafetyPlan: d.linkSafetyPlan === true,
    shareWith: str(d.shareWith),
  };
}

const filled = (s: string) => s.trim() !== '';

/** What the contract accepts of a plan being typed: entries still empty stay on screen and are not sent. */
export function cleanPlan(patch: Partial<RelapsePlanEdit>): Partial<RelapsePlanEdit> {
  const out: Partial<RelapsePlanEdit> = { ...patch };
  if (patch.warningSigns) out.warningSigns = patch.warningSigns.filter((w) => filled(w.text));
  if (patch.triggersAnticipated) out.triggersAnticipated = patch.triggersAnticipated.filter(filled);
  if (patch.copingActions) out.copingActions = patch.copingActions.filter(filled);
  if (patch.peopleToContact) out.peopleToContact = patch.peopleToContact.filter((p) => filled(p.name));
  if (patch.professionalContacts) out.professionalContacts = patch.professionalContacts.filter((p) => filled(p.name));
  return out;
}

/** Residual goals still empty are not sent. */
export function cleanTermination(patch: Partial<TerminationEdit>): Partial<TerminationEdit> {
  return patch.residualGoals ? { ...patch, residualGoals: patch.residualGoals.filter(filled) } : patch;
}

/** What each part of the termination form receives. */
export type TerminationProps = AutosaveFields<TerminationEdit>;

/** What each part of the plan form receives. */
export type PlanProps = AutosaveFields<RelapsePlanEdit>;
