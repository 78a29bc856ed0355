import { useCallback, useEffect, useState } from 'react';
import { useApi, useApiEvent } from '../../api/context';
import type { AssistedState } from '../../../shared/api/domains/assisted';

/** The live state of one assisted job; reloads when the main process reports a change. */
export function useAssistedState(jobId: string) {
  const api = useApi();
  const [state, setState] = useState<AssistedState | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const reload = useCallback(() => {
    api.call('assisted.state', { id: jobId }).then(
      (s) => {
        setState(s);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(e),
    );
  }, [api, jobId]);
  useEffect(reload, [reload]);
  useApiEvent('assisted.changed', (e) => {
    if (e.id === jobId) reload();
  });
  useApiEvent('jobs.changed', (e) => {
    if (e.id === jobId && !e.removed) reload();
  });
  return { state, setState, loadError, reload };
}

/** Runs one long action: tracks "busy", keeps the last error, and feeds the new state back. */
export function useAction<A extends unknown[]>(run: (...args: A) => Promise<AssistedState | void>, onState: (s: AssistedState) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const go = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        const s = await run(...args);
        if (s) onState(s);
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [run, onState],
  );
  return { busy, error, setError, go };
}
