import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, AlertTitle, Box, Button, MenuItem, TextField } from '@mui/material';
import { ApiError, request } from '../api/client';
import { LoginMutation } from '../api/operations';
import { useSession } from '../auth/session';
import { AuthCard } from './AuthCard';
import { FullPageLoading } from './FullPageStates';
import { useDocumentTitle } from '../shell/title';
import { WORDS } from '../words';
import { useSubmit } from '../settings/form';

/** Where to go after sign-in: the route the visitor asked for, never another site. */
function returnTo(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) {
    return from;
  }
  return '/settings';
}

interface OrganizationChoice {
  id: string;
  name: string;
}

/**
 * The organisations to choose from when the email and password match accounts
 * in several; the server names them only after the password matched.
 */
function organizationChoices(err: unknown): OrganizationChoice[] | null {
  if (!(err instanceof ApiError) || err.code !== 'BAD_USER_INPUT' || err.field !== 'organizationId') return null;
  const list = err.extensions.organizations;
  if (!Array.isArray(list)) return null;
  return list.filter(
    (o): o is OrganizationChoice => typeof o?.id === 'string' && typeof o?.name === 'string',
  );
}

export function LoginPage() {
  const { state, refresh } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, submit, formError: error } = useSubmit([]);
  const [choices, setChoices] = useState<OrganizationChoice[] | null>(null);
  const [organizationId, setOrganizationId] = useState('');
  const target = returnTo(location.state);
  useDocumentTitle(WORDS.signIn);

  if (state.status === 'loading') return <FullPageLoading />;
  if (state.status === 'ready' && state.me) return <Navigate to={target} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await submit(async () => {
      try {
        await request(LoginMutation, { email: email.trim(), password, organizationId: organizationId || null });
      } catch (err) {
        // The password matched accounts in several organisations: ask which, no error.
        const offered = organizationChoices(err);
        if (!offered || offered.length === 0) throw err;
        setChoices(offered);
        setOrganizationId(offered[0].id);
        return;
      }
      await refresh();
      navigate(target, { replace: true });
    });
  };
  const rateLimited = error?.code === 'RATE_LIMITED';

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
          <Alert severity={rateLimited ? 'warning' : 'error'} role="alert">
            {rateLimited && <AlertTitle>Too many sign-in attempts</AlertTitle>}
            {error.message}
            {rateLimited && ' Wait a few minutes, then try again.'}
          </Alert>
        )}
        <TextField
          id="login-email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setChoices(null);
            setOrganizationId('');
          }}
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
          onChange={(e) => {
            setPassword(e.target.value);
            setChoices(null);
            setOrganizationId('');
          }}
          required
          fullWidth
        />
        {choices && (
          <>
            <Alert severity="info">
              You have accounts in several organisations with this email and password. Choose one to sign in to.
            </Alert>
            <TextField
              id="login-organization"
              select
              label="Organisation"
              value={organizationId}
              onChange={(e) => setOrganizationId(e.target.value)}
              required
              fullWidth
            >
              {choices.map((o) => (
                <MenuItem key={o.id} value={o.id}>
                  {o.name}
                </MenuItem>
              ))}
            </TextField>
          </>
        )}
        <Button type="submit" variant="contained" size="large" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </Box>
    </AuthCard>
  );
}
