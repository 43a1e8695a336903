import type { CourseDetail, EndingView, MeasuresView } from '@ipt/contract';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { queryKeys } from '../api.js';

/** What every ending tool reads: the course, the ending view, the measures (for the charts). */
export interface EndingContext {
  readonly patientId: string;
  readonly detail: CourseDetail;
  readonly view: EndingView;
  readonly measures: MeasuresView | undefined;
}

export const EndingPageContext = createContext<EndingContext | null>(null);

export function useEnding(): EndingContext {
  const ctx = useContext(EndingPageContext);
  if (!ctx) throw new Error('An ending tool is used outside the ending page.');
  return ctx;
}

/** After a write: the ending view (its `missing` list, the review) and the patient page. */
export function useRefreshEnding() {
  const { detail, patientId } = useEnding();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.ending(detail.course.id) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.patient(patientId) }),
    ]);
}
