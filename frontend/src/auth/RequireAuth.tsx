import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session';
import { FullPageError, FullPageLoading } from '../pages/FullPageStates';

/** Sends visitors without a session to sign-in, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoading />;
  if (state.status === 'error') return <FullPageError message={state.message} onRetry={refresh} />;
  if (!state.me) {
    const from = location.pathname + location.search + location.hash;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return <>{children}</>;
}
