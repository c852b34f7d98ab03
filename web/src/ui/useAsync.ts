// Loads data for a screen and tracks loading and error states. A newer
// load (dependencies changed, or reload()) aborts the one in flight, so an
// old answer never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
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
  // What the data on screen was loaded for: when the dependencies change,
  // the render that shows the change already says "loading" (the effect
  // that sets it runs a frame later), so the old answer is never taken for
  // the new one.
  const key = [...deps, tick];
  const keyRef = useRef(key);
  keyRef.current = key;
  const [loadedKey, setLoadedKey] = useState<unknown[] | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(undefined);
    load(ac.signal).then(
      (value) => {
        if (ac.signal.aborted) return;
        setDataState(() => value);
        setLoadedKey(key);
        setLoading(false);
      },
      (e) => {
        if (ac.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoadedKey(key);
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, key);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((value: T) => {
    setDataState(() => value);
    setError(undefined);
    setLoadedKey(keyRef.current);
    setLoading(false);
  }, []);
  const stale = !loadedKey || loadedKey.length !== key.length || key.some((v, i) => !Object.is(v, loadedKey[i]));
  return { data, error, loading: loading || stale, reload, setData };
}
