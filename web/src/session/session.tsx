// Who is signed in, what they may do, and the clinic whose time zone every
// instant is shown in. The server keeps the session in an HttpOnly cookie,
// so the app only asks /auth/me at start to learn whether it is signed in.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, api, setSignedOutListener } from '../api/client';
import type { Clinic, Me, Permission } from '../api/types';
import { formatters, type Formatters } from '../ui/format';

export interface Session {
  me: Me;
  clinic: Clinic;
  fmt: Formatters;
  can(permission: Permission): boolean;
  setClinic(clinic: Clinic): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession: no signed-in session');
  return s;
}

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'signed-out'; reason?: 'signed-out' | 'expired' }
  | { phase: 'failed'; error: unknown }
  | { phase: 'signed-in'; me: Me; clinic: Clinic };

async function loadSession(): Promise<{ me: Me; clinic: Clinic }> {
  const [me, clinic] = await Promise.all([api.get<Me>('/auth/me'), api.get<Clinic>('/clinic')]);
  return { me, clinic };
}

export interface SessionActions {
  signedIn(): Promise<void>;
  retry(): void;
}

/**
 * Owns the session state and renders `children(state, actions)`: the app
 * decides what to show for each phase.
 */
export function SessionProvider(props: {
  children: (state: SessionState, actions: SessionActions) => ComponentChildren;
}) {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });

  const start = useCallback(async () => {
    try {
      const s = await loadSession();
      setState({ phase: 'signed-in', ...s });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setState({ phase: 'signed-out' });
      else setState({ phase: 'failed', error: e });
    }
  }, []);

  useEffect(() => {
    start();
    setSignedOutListener(() =>
      setState((s) => (s.phase === 'signed-in' ? { phase: 'signed-out', reason: 'expired' } : s)),
    );
    return () => setSignedOutListener(null);
  }, [start]);

  const actions = useMemo(
    () => ({
      signedIn: async () => {
        const s = await loadSession();
        setState({ phase: 'signed-in', ...s });
      },
      retry: () => {
        setState({ phase: 'loading' });
        start();
      },
    }),
    [start],
  );

  const session = useMemo<Session | null>(() => {
    if (state.phase !== 'signed-in') return null;
    const perms = new Set(state.me.permissions);
    return {
      me: state.me,
      clinic: state.clinic,
      fmt: formatters(state.clinic.timezone),
      can: (p) => perms.has(p),
      // PUT /clinic answers without now/today: keep the ones read at start.
      setClinic: (clinic) => setState((s) => (s.phase === 'signed-in' ? { ...s, clinic: { ...s.clinic, ...clinic } } : s)),
      signOut: async () => {
        try {
          await api.post('/auth/logout');
        } catch {
          // Signed out either way: the cookie is gone or was already invalid.
        }
        setState({ phase: 'signed-out', reason: 'signed-out' });
      },
    };
  }, [state]);

  return <SessionContext.Provider value={session}>{props.children(state, actions)}</SessionContext.Provider>;
}
