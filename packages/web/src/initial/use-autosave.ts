import { useCallback, useEffect, useRef, useState } from 'react';
import { isStaleVersion } from '../api.js';
import { errorsFromApi } from '../forms/problem.js';

/** What a part of a form saved as you go receives: the draft, a change to it, and "save now" (on leaving a field). */
export interface AutosaveFields<T> {
  readonly draft: T;
  readonly change: (patch: Partial<T>) => void;
  readonly flush: () => void;
}

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
  options: {
    readonly delay?: number;
    readonly onSaved?: () => unknown;
    readonly onConflict?: () => unknown;
    /**
     * Changes wait for an explicit `commit` (a finished record amended with a reason): nothing goes while typing,
     * when a field is left, or when the page is left.
     */
    readonly manual?: boolean;
  } = {},
) {
  const delay = options.delay ?? 700;
  const [draft, setDraft] = useState<T>(record);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef(record.version);
  const pending = useRef<Partial<T>>({});
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ send, options, record });
  latest.current = { send, options, record };

  /** Sends what is pending; true when it was written (or there was nothing to send). */
  const run = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (inFlight.current || Object.keys(pending.current).length === 0) return true;
    const patch = pending.current;
    pending.current = {};
    inFlight.current = true;
    setState({ kind: 'saving' });
    try {
      const saved = await latest.current.send(patch, version.current);
      version.current = saved.version;
      setState({ kind: 'saved' });
      latest.current.options.onSaved?.();
      return true;
    } catch (error) {
      if (isStaleVersion(error)) {
        pending.current = {};
        version.current = -1;
        setState({ kind: 'reloaded' });
        latest.current.options.onConflict?.();
      } else {
        // A network failure is tried again with the next change; a refusal is shown and not repeated.
        // A manual change is kept too, to send again once its reason is put right.
        if (error instanceof TypeError || latest.current.options.manual)
          pending.current = { ...patch, ...pending.current };
        setState({ kind: 'error', message: errorsFromApi(error, []).form });
      }
      return false;
    } finally {
      inFlight.current = false;
      if (Object.keys(pending.current).length > 0 && !latest.current.options.manual)
        timer.current = setTimeout(() => void run(), 0);
    }
  }, []);

  const change = useCallback(
    (patch: Partial<T>) => {
      setDraft((d) => ({ ...d, ...patch }));
      pending.current = { ...pending.current, ...patch };
      clearTimeout(timer.current);
      if (!latest.current.options.manual) timer.current = setTimeout(() => void run(), delay);
    },
    [delay, run],
  );

  const flush = useCallback(() => {
    if (!latest.current.options.manual) void run();
  }, [run]);
  /** Sends what is pending now, manual or not; resolves once it is written (or refused). */
  const commit = useCallback(async () => {
    while (inFlight.current) await new Promise((resolve) => setTimeout(resolve, 20));
    return run();
  }, [run]);
  /** Drops changes not yet sent and shows the record as last read. */
  const discard = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = {};
    setDraft(latest.current.record);
  }, []);

  // A newer version from the server (the circle moved this person, a colleague, or our reload after a conflict).
  useEffect(() => {
    if (record.version <= version.current || inFlight.current || Object.keys(pending.current).length > 0) return;
    version.current = record.version;
    setDraft(record);
  }, [record]);

  // Leaving the page sends what is pending rather than dropping it.
  useEffect(
    () => () => {
      if (!latest.current.options.manual) void run();
    },
    [run],
  );

  return { draft, change, flush, commit, discard, state };
}
