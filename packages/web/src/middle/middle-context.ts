import type { CourseDetail, MeasuresView, MiddlePhaseView, Session } from '@ipt/contract';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { queryKeys } from '../api.js';

/** What every middle-phase tool reads: the course, the view, the session being worked on, and how to read again. */
export interface MiddleContext {
  readonly patientId: string;
  readonly detail: CourseDetail;
  readonly view: MiddlePhaseView;
  readonly measures: MeasuresView | undefined;
  /** The session chosen in the picker: new records are made at it, and outcomes are reviewed at it. */
  readonly session: Session;
  readonly sessionNumber: (sessionId: string) => number | null;
}

export const MiddlePhaseContext = createContext<MiddleContext | null>(null);

export function useMiddle(): MiddleContext {
  const ctx = useContext(MiddlePhaseContext);
  if (!ctx) throw new Error('A middle-phase tool is used outside the middle-phase page.');
  return ctx;
}

/**
 * After a write: the middle-phase view, and what the write may show elsewhere (an interval event is a life event:
 * the timeline, the chart annotations; the ending's progress review counts the work).
 */
export function useRefreshMiddle() {
  const { detail, patientId } = useMiddle();
  const courseId = detail.course.id;
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.middlePhase(courseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.ending(courseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.measures(courseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.initialPhase(courseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.patient(patientId) }),
    ]);
}

/** Section ids: the page's table of contents links to them. */
export const MiddleToolId = {
  session: 'session-work',
  analyses: 'communication-analysis',
  rolePlays: 'role-play',
  decisions: 'decision-analysis',
  relationship: 'therapeutic-relationship',
} as const;
export type MiddleToolId = (typeof MiddleToolId)[keyof typeof MiddleToolId];
