import { useCallback, useEffect, useState } from 'react';
import { BackendError } from './backend.js';

export type Load<T> = { kind: 'loading' } | { kind: 'error'; error: BackendError } | { kind: 'ready'; value: T };

/**
 * Loads what a card or page shows from the backend when `fetch` changes (wrap it in useCallback
 * with its inputs), and gives `reload`. A reload keeps what is on screen until the answer comes,
 * unless `showLoading` says to show the spinner meanwhile (as a changed period or "Try again" does).
 */
export function useBackendLoad<T>(fetch: () => Promise<T>, { showLoading = false } = {}) {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' });
  const reload = useCallback(
    async (options: { showLoading?: boolean } = {}) => {
      if (options.showLoading ?? showLoading) setLoad({ kind: 'loading' });
      try {
        setLoad({ kind: 'ready', value: await fetch() });
      } catch (e) {
        setLoad({ kind: 'error', error: e instanceof BackendError ? e : new BackendError('UNKNOWN', (e as Error).message, true) });
      }
    },
    [fetch, showLoading],
  );
  // The first load (and one for changed inputs) starts after the effect, never inside it: React
  // re-renders once per answer instead of once more while committing.
  useEffect(() => {
    let live = true;
    void Promise.resolve().then(() => (live ? reload() : undefined));
    return () => {
      live = false;
    };
  }, [reload]);
  return [load, reload] as const;
}
