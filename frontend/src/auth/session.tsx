import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { SESSION_LOST_EVENT, errorMessage, request } from '../api/client';
import { LogoutMutation, SessionQuery } from '../api/operations';
import type { SessionQuery as SessionData } from '../gql/graphql';

export type Me = NonNullable<SessionData['me']>;

type SessionState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; me: Me | null; setupRequired: boolean };

interface SessionValue {
  state: SessionState;
  /** Reloads who is signed in, e.g. after sign-in or setup. */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Knows who is signed in; the server's session cookie is the only source of truth. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const data = await request(SessionQuery);
      setState({ status: 'ready', me: data.me, setupRequired: data.setupRequired });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await request(LogoutMutation);
    } finally {
      setState((s) => (s.status === 'ready' ? { ...s, me: null } : { status: 'ready', me: null, setupRequired: false }));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    const onLost = () => setState((s) => (s.status === 'ready' && s.me ? { ...s, me: null } : s));
    window.addEventListener(SESSION_LOST_EVENT, onLost);
    return () => window.removeEventListener(SESSION_LOST_EVENT, onLost);
  }, []);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'ready' || !state.me) throw new Error('useMe without a signed-in user');
  return state.me;
}
