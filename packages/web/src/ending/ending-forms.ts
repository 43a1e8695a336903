/**
 * What the ending's two forms edit: the termination checklist and the relapse-prevention plan as the contract types
 * them, starting from core's empty ones until the first save, and what of a change is sent.
 */
import { type EndingView, RelapsePlanData, TerminationData } from '@ipt/contract';
import { newRelapsePlan, newTermination } from '@ipt/core';
import type { AutosaveFields } from '../initial/use-autosave.js';

export type TerminationEdit = NonNullable<EndingView['termination']>['data'];
export type RelapsePlanEdit = NonNullable<EndingView['relapsePlan']>['data'];
export type MaintenanceContract = NonNullable<TerminationEdit['continuation']['contract']>;
export type Threshold = NonNullable<RelapsePlanEdit['whenToReturn']['threshold']>;

/** Core's empty checklist and plan in the contract's shape: what a course shows before either is first saved. */
export const blankTermination: TerminationEdit = TerminationData.parse(newTermination());
export const blankPlan: RelapsePlanEdit = RelapsePlanData.parse(newRelapsePlan());

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
