// The one way the app talks to the server: JSON over /api/v1, signed in by
// the HttpOnly `anagen_session` cookie the server sets at sign-in. Every
// failure becomes an ApiError carrying the problem+json fields, so screens
// can show `detail` and put each `errors[]` message next to its field.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    const detail = problem.detail || problem.title || defaultMessage(status);
    super(detail);
    this.status = status;
    this.title = problem.title || '';
    this.detail = detail;
    this.errors = problem.errors || [];
    this.retryAfter = retryAfter;
  }

  /**
   * The message for `field` from a 422, if the server named that field,
   * worded for display next to it: "phone must be ..." -> "Must be ...".
   */
  fieldMessage(field: string): string | undefined {
    const message = this.errors.find((e) => e.field === field)?.message;
    if (!message) return undefined;
    const prefix = `${field} `;
    if (!message.startsWith(prefix) || message.length === prefix.length) return message;
    const rest = message.slice(prefix.length);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
}

/** A status 0 error: the request never got an answer. */
export const OFFLINE = 0;

function defaultMessage(status: number): string {
  if (status === OFFLINE) return 'The server could not be reached. Check the connection and try again.';
  if (status === 401) return 'Sign in to continue.';
  if (status === 403) return 'Your role does not allow this.';
  if (status === 404) return 'Not found.';
  if (status >= 500) return `The server failed to answer (status ${status}). Try again; if it persists, tell your administrator.`;
  return `The request failed (status ${status}).`;
}

type Listener = () => void;
let onSignedOut: Listener | null = null;

/**
 * Registers what to do when the server says the session is gone (a 401 on
 * anything but the sign-in request itself): the app shows the sign-in form.
 */
export function setSignedOutListener(listener: Listener | null): void {
  onSignedOut = listener;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Appends the defined, non-empty values of `query` to `path`. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(OFFLINE, {});
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text && (res.headers.get('content-type') || '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    const err = new ApiError(res.status, (parsed as Problem) || {}, Number.isFinite(retry) && retry > 0 ? retry : null);
    if (res.status === 401 && path !== '/auth/login' && onSignedOut) onSignedOut();
    throw err;
  }
  return parsed as T;
}

function parseProblem(status: number, text: string, contentType: string, retryAfter: string | null): ApiError {
  let parsed: Problem = {};
  if (text && contentType.includes('json')) {
    try {
      parsed = JSON.parse(text) as Problem;
    } catch {
      parsed = {};
    }
  }
  const retry = Number(retryAfter);
  return new ApiError(status, parsed, Number.isFinite(retry) && retry > 0 ? retry : null);
}

/**
 * Sends a file as the raw request body (an image upload), with its own
 * Content-Type. `onProgress` gets the share sent (0..1), then `null` once
 * the whole file is sent and the server is working on it.
 */
export function upload<T>(path: string, query: Query, file: Blob, onProgress?: (sent: number | null) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${withQuery(path, query)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (onProgress) {
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.upload.onload = () => onProgress(null);
    }
    xhr.onerror = () => reject(new ApiError(OFFLINE, {}));
    xhr.onload = () => {
      const type = xhr.getResponseHeader('content-type') || '';
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : null) as T);
        } catch {
          reject(new ApiError(xhr.status, { detail: 'The server answered with something that is not JSON.' }));
        }
        return;
      }
      const err = parseProblem(xhr.status, xhr.responseText, type, xhr.getResponseHeader('retry-after'));
      if (xhr.status === 401 && onSignedOut) onSignedOut();
      reject(err);
    };
    xhr.send(file);
  });
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body: unknown = {}, query?: Query) => request<T>('POST', withQuery(path, query), body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T = null>(path: string) => request<T>('DELETE', path),
};

/** True when `e` is an aborted fetch (a newer request replaced it). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
