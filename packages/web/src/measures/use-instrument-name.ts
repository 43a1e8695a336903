import { useQuery } from '@tanstack/react-query';
import { instrumentsQuery } from '../api.js';

/** An instrument's short name ("PHQ-9") by its id, from the registry; the id itself until the registry has loaded. */
export function useInstrumentName(): (instrumentId: string) => string {
  const { data } = useQuery(instrumentsQuery);
  return (instrumentId) => data?.find((i) => i.id === instrumentId)?.shortName ?? instrumentId.toUpperCase();
}
