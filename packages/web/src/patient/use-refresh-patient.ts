import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api.js';

/** After a change to a patient's records: read the patient page (with its risk flags), its charts and the caseload again. */
export function useRefreshPatient(patientId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.patient(patientId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.risk(patientId) }),
      queryClient.invalidateQueries({ queryKey: ['measures'] }),
      queryClient.invalidateQueries({ queryKey: queryKeys.caseload }),
    ]);
}
