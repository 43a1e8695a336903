import type { CourseDetail, InitialPhaseView, Patient } from '@ipt/contract';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { queryKeys } from '../api.js';

/** What every initial-phase tool reads: the patient, the course, the phase's records as typed by the contract. */
export interface InitialContext {
  readonly patient: Patient;
  readonly detail: CourseDetail;
  readonly view: InitialPhaseView;
  readonly today: string;
  /** The closeness circle's rings (3 by default, 4 as an option; DOMAIN §2.3): the inventory offers as many. */
  readonly rings: number;
  readonly setRings: (rings: number) => void;
}

export const InitialPhaseContext = createContext<InitialContext | null>(null);

export function useInitial(): InitialContext {
  const ctx = useContext(InitialPhaseContext);
  if (!ctx) throw new Error('An initial-phase tool is used outside the initial-phase page.');
  return ctx;
}

/** After a write: the records (and with them the hints, the draft and the checklist), and the patient page. */
export function useRefreshInitial(courseId: string, patientId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.initialPhase(courseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.patient(patientId) }),
    ]);
}

/** Section ids: the checklist and the page's table of contents link to them. */
export const ToolId = {
  facts: 'facts',
  timeline: 'timeline',
  inventory: 'inventory',
  circle: 'circle',
  problemArea: 'problem-area',
  formulation: 'formulation',
  contract: 'contract',
  move: 'move-phase',
} as const;
export type ToolId = (typeof ToolId)[keyof typeof ToolId];
