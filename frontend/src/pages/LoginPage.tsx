import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, AlertTitle, Box, Button, TextField } from '@mui/material';
import { ApiError, errorMessage, request } from '../api/client';
import { LoginMutation } from '../api/operations';
import { useSession } from '../auth/session';
import { AuthCard } from './AuthCard';
import { FullPageLoading } from './FullPageStates';

/** Where to go after sign-in: the route the visitor asked for, never another site. */
function returnTo(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) {
    return from;
  }
  return '/settings';
}

export function LoginPage() {
  const { state, refresh } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; rateLimited: boolean } | null>(null);
  const target = returnTo(location.state);

  if (state.status === 'loading') return <FullPageLoading />;
  if (state.status === 'ready' && state.me) return <Navigate to={target} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request(LoginMutation, { email: email.trim(), password });
      await refresh();
      navigate(target, { replace: true });
    } catch (err) {
      const rateLimited = err instanceof ApiError && err.code === 'RATE_LIMITED';
      setError({
        message: errorMessage(err),
        rateLimited,
      });
      setBusy(false);
    }
  };

  const setupRequired = state.status === 'ready' && state.setupRequired;

  return (
    <AuthCard title="Sign in" subtitle="Use your organisation account to manage API keys and users.">
      {setupRequired && (
        <Alert severity="info" sx={{ mb: 2 }}>
          No administrator exists yet. Open the one-time setup link printed in the server log to create the first one.
        </Alert>
      )}
      <Box component="form" onSubmit={onSubmit} noValidate sx={{ display: 'grid', gap: 2 }}>
        {error && (
          <Alert severity={error.rateLimited ? 'warning' : 'error'} role="alert">
            {error.rateLimited && <AlertTitle>Too many sign-in attempts</AlertTitle>}
            {error.message}
            {error.rateLimited && ' Wait a few minutes, then try again.'}
          </Alert>
        )}
        <TextField
          id="login-email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          autoFocus
          fullWidth
        />
        <TextField
          id="login-password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          fullWidth
        />
        <Button type="submit" variant="contained" size="large" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </Box>
    </AuthCard>
  );
}
