/**
 * The web client reaches the server only through the contract's typed client (shared/DESIGN.md). Same origin: the
 * server serves this app and the API, so the session cookie rides along.
 */
import { ApiError, createClient, type Me } from '@ipt/contract';
import { queryOptions } from '@tanstack/react-query';

export const api = createClient();

export const queryKeys = {
  me: ['me'] as const,
  caseload: ['caseload'] as const,
  patient: (patientId: string) => ['patient', patientId] as const,
};

/** The signed-in user, or `null` when nobody is signed in (the server answers 401). */
export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.getMe({});
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export const caseloadQuery = queryOptions({
  queryKey: queryKeys.caseload,
  queryFn: () => api.listPatients({}),
});

export const patientQuery = (patientId: string) =>
  queryOptions({
    queryKey: queryKeys.patient(patientId),
    queryFn: () => api.getPatient({ params: { patientId } }),
  });

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);
