// Loading, empty, error and notice states, shared by every screen.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';

export function Spinner({ label }: { label?: string }) {
  return <span class="spinner" role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}

export function Loading({ children = 'Loading…' }: { children?: ComponentChildren }) {
  return (
    <div class="state state--loading" role="status" aria-live="polite">
      <Spinner />
      <span>{children}</span>
    </div>
  );
}

export function EmptyState(props: { title: ComponentChildren; children?: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="state state--empty">
      <p class="state-title">{props.title}</p>
      {props.children && <div class="state-body">{props.children}</div>}
      {props.action && <div class="state-action">{props.action}</div>}
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const status = error instanceof ApiError ? error.status : undefined;
  const heading = title || (status === 403 ? 'Not available to your role' : status === 404 ? 'Not found' : 'Something went wrong');
  return (
    <div class="state state--error" role="alert">
      <p class="state-title">{heading}</p>
      <p class="state-body">{errorMessage(error)}</p>
      {onRetry && status !== 403 && status !== 404 && (
        <div class="state-action">
          <button type="button" class="btn btn--secondary" onClick={onRetry}>Try again</button>
        </div>
      )}
    </div>
  );
}

export type Tone = 'info' | 'success' | 'warning' | 'danger';

export function Alert(props: { tone?: Tone; title?: ComponentChildren; children?: ComponentChildren; class?: string }) {
  const tone = props.tone || 'info';
  const urgent = tone === 'danger' || tone === 'warning';
  return (
    <div class={`alert alert--${tone}${props.class ? ` ${props.class}` : ''}`} role={urgent ? 'alert' : 'status'}>
      {props.title && <p class="alert-title">{props.title}</p>}
      {props.children && <div class="alert-body">{props.children}</div>}
    </div>
  );
}

export function Badge(props: { tone?: Tone | 'neutral'; children: ComponentChildren; title?: string }) {
  return (
    <span class={`badge badge--${props.tone || 'neutral'}`} title={props.title}>
      {props.children}
    </span>
  );
}

/**
 * The error of a submitted form: the server's `detail`, or, when it named
 * fields, a pointer to the messages shown beside them plus any message for
 * a field the form does not show.
 */
export function FormError({ error, fields, blank }: { error: unknown; fields: string[]; blank?: Record<string, string> }) {
  if (blank && Object.keys(blank).length > 0) {
    return (
      <Alert tone="danger" title="Some details are missing or need correcting.">
        <p>See the messages next to the fields below.</p>
      </Alert>
    );
  }
  if (!error) return null;
  if (error instanceof ApiError && error.errors.length > 0) {
    const others = error.errors.filter((e) => !fields.includes(e.field));
    return (
      <Alert tone="danger" title="Some details need correcting.">
        {others.length === 0 ? (
          <p>See the messages next to the fields below.</p>
        ) : (
          <ul>
            {others.map((e) => (
              <li key={e.field}>{e.message}</li>
            ))}
          </ul>
        )}
      </Alert>
    );
  }
  return <Alert tone="danger">{errorMessage(error)}</Alert>;
}

/**
 * A long operation's progress: the share of a file sent, then an
 * indeterminate bar while the server works ("Analysing the image…").
 */
export function Progress(props: { label: string; share?: number | null; testId?: string }) {
  const determinate = props.share !== null && props.share !== undefined;
  const pct = determinate ? Math.round((props.share as number) * 100) : undefined;
  return (
    <div class="progress" role="status" aria-live="polite" data-testid={props.testId}>
      <p class="progress-label">
        <Spinner /> {props.label}
        {determinate && <span class="muted"> {pct}%</span>}
      </p>
      <div
        class={`progress-bar${determinate ? '' : ' is-indeterminate'}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={determinate ? 0 : undefined}
        aria-valuemax={determinate ? 100 : undefined}
        aria-valuenow={pct}
      >
        <span style={determinate ? { width: `${pct}%` } : undefined} />
      </div>
    </div>
  );
}
