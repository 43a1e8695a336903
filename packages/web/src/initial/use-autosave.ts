import { useCallback, useEffect, useRef, useState } from 'react';
import { isStaleVersion } from '../api.js';
import { errorsFromApi } from '../forms/problem.js';

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'reloaded' };

/**
 * Saved as you go: changes collect in a draft and go to the server a moment after typing stops (or when the field
 * is left), as one PATCH of the changed fields carrying the version last read (If-Match). Writes never overlap:
 * changes made while one is in flight follow it with the new version. When someone else changed the record (409),
 * their version is loaded and shown; a record changed elsewhere while nothing is pending here is taken up quietly.
 */
export function useAutosave<T extends object>(
  record: T & { readonly version: number },
  send: (patch: Partial<T>, ifMatch: number) => Promise<{ version: number }>,
  options: { readonly delay?: number; readonly onSaved?: () => unknown; readonly onConflict?: () => unknown } = {},
) {
  const delay = options.delay ?? 700;
  const [draft, setDraft] = useState<T>(record);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef(record.version);
  const pending = useRef<Partial<T>>({});
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ send, options });
  latest.current = { send, options };

  const run = useCallback(async () => {
    clearTimeout(timer.current);
    if (inFlight.current || Object.keys(pending.current).length === 0) return;
    const patch = pending.current;
    pending.current = {};
    inFlight.current = true;
    setState({ kind: 'saving' });
    try {
      const saved = await latest.current.send(patch, version.current);
      version.current = saved.version;
      setState({ kind: 'saved' });
      latest.current.options.onSaved?.();
    } catch (error) {
      if (isStaleVersion(error)) {
        pending.current = {};
        version.current = -1;
        setState({ kind: 'reloaded' });
        latest.current.options.onConflict?.();
      } else {
        // A network failure is tried again with the next change; a refusal is shown and not repeated.
        if (error instanceof TypeError) pending.current = { ...patch, ...pending.current };
        setState({ kind: 'error', message: errorsFromApi(error, []).form });
      }
    } finally {
      inFlight.current = false;
      if (Object.keys(pending.current).length > 0) timer.current = setTimeout(() => void run(), 0);
    }
  }, []);

  const change = useCallback(
    (patch: Partial<T>) => {
      setDraft((d) => ({ ...d, ...patch }));
      pending.current = { ...pending.current, ...patch };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void run(), delay);
    },
    [delay, run],
  );

  const flush = useCallback(() => void run(), [run]);

  // A newer version from the server (the circle moved this person, a colleague, or our reload after a conflict).
  useEffect(() => {
    if (record.version <= version.current || inFlight.current || Object.keys(pending.current).length > 0) return;
    version.current = record.version;
    setDraft(record);
  }, [record]);

  // Leaving the page sends what is pending rather than dropping it.
  useEffect(() => () => void run(), [run]);

  return { draft, change, flush, state };
}
