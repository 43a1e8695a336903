import type { LinkQuestionnaire } from './types.js';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../api.js';
import { isLinkToken } from './link-token.js';

/** A link that no longer works: already used (404 after use) or expired (410), or not a link at all (400). */
export const isGoneLink = (error: unknown) =>
  isApiError(error, 404) || isApiError(error, 410) || isApiError(error, 400);

export type LinkState =
  | { readonly status: 'loading' }
  | { readonly status: 'gone' }
  | { readonly status: 'failed' }
  | { readonly status: 'ready'; readonly questionnaire: LinkQuestionnaire };

/** The questionnaire behind a single-use link. Public: it needs no account and asks nothing about the device. */
export function useLinkQuestionnaire(token: string): LinkState {
  const wellFormed = isLinkToken(token);
  const query = useQuery({
    queryKey: ['measure-link', token],
    queryFn: () => api.openMeasureLink({ params: { token } }),
    enabled: wellFormed,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  if (!wellFormed || isGoneLink(query.error)) return { status: 'gone' };
  if (query.isError) return { status: 'failed' };
  if (!query.data) return { status: 'loading' };
  return { status: 'ready', questionnaire: query.data };
}
