// Loads data for a screen and tracks loading and error states. A newer
// load (dependencies changed, or reload()) aborts the one in flight, so an
// old answer never overwrites a newer one.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { isAbort } from '../api/client';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(undefined);
    load(ac.signal).then(
      (value) => {
        if (ac.signal.aborted) return;
        setDataState(() => value);
        setLoading(false);
      },
      (e) => {
        if (ac.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((value: T) => {
    setDataState(() => value);
    setError(undefined);
    setLoading(false);
  }, []);
  return { data, error, loading, reload, setData };
}
