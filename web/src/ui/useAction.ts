// A form that runs one request: busy while it runs, the error (with its
// per-field messages) if it fails, `onDone` with the result if not.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';

export function useAction<T>(run: () => Promise<T>, onDone: (r: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    let result: T;
    try {
      result = await run();
    } catch (err) {
      setError(err);
      setBusy(false);
      return;
    }
    onDone(result);  // after success: its own failure is not the request's
  };
  const errorFor = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  return { busy, error, submit, errorFor, setError };
}
