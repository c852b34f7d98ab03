import type { ComponentChildren } from 'preact';
import { ErrorState, Loading } from './feedback';
import type { AsyncState } from './useAsync';

/** Shows a loading line, then the error (with "Try again") or the content. */
export function Async<T>(props: {
  state: AsyncState<T>;
  loading?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const { state } = props;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading>{props.loading}</Loading>;
  return <>{props.children(state.data)}</>;
}
