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
  useEffect(() => {
    void reload();
  }, [reload]);
  return [load, reload] as const;
}
