import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { Alert, Box, Button, Link, TextField } from '@mui/material';
import { ApiError, errorMessage, request } from '../api/client';
import { SetupMutation } from '../api/operations';
import { useSession } from '../auth/session';
import { AuthCard } from './AuthCard';
import { useDocumentTitle } from '../shell/title';

const MIN_PASSWORD = 8;

/** Creates the organisation and its first admin from the one-time setup link. */
export function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState({ orgName: '', name: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [triedSubmit, setTriedSubmit] = useState(false);
  useDocumentTitle('Set up');

  if (!token) {
    return (
      <AuthCard title="Set up Keyward">
        <Alert severity="error" sx={{ mb: 2 }}>
          This setup link has no token. Copy the whole link from the server log, including the part after “?token=”.
        </Alert>
        <Link component={RouterLink} to="/login">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }

  const missing = {
    orgName: !form.orgName.trim(),
    name: !form.name.trim(),
    email: !form.email.trim(),
    password: form.password.length < MIN_PASSWORD,
  };
  const fieldError = (field: keyof typeof form) =>
    (error instanceof ApiError && error.field === field) || (triedSubmit && missing[field]);

  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setTriedSubmit(true);
    if (Object.values(missing).some(Boolean)) return;
    setBusy(true);
    setError(null);
    try {
      await request(SetupMutation, {
        token,
        orgName: form.orgName.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
      });
      await refresh();
      navigate('/settings', { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err : new Error(errorMessage(err)));
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Set up Keyward" subtitle="Create your organisation and its first administrator.">
      <Box component="form" onSubmit={onSubmit} noValidate sx={{ display: 'grid', gap: 2 }}>
        {error && (
          <Alert severity="error" role="alert">
            {error.message}
          </Alert>
        )}
        <TextField
          id="setup-org"
          label="Organisation name"
          value={form.orgName}
          onChange={set('orgName')}
          error={fieldError('orgName')}
          helperText={triedSubmit && missing.orgName ? 'Enter the name of your organisation.' : undefined}
          required
          autoFocus
        />
        <TextField
          id="setup-name"
          label="Your name"
          autoComplete="name"
          value={form.name}
          onChange={set('name')}
          error={fieldError('name')}
          helperText={triedSubmit && missing.name ? 'Enter your name.' : undefined}
          required
        />
        <TextField
          id="setup-email"
          label="Email"
          type="email"
          autoComplete="username"
          value={form.email}
          onChange={set('email')}
          error={fieldError('email')}
          helperText={triedSubmit && missing.email ? 'Enter the email you will sign in with.' : undefined}
          required
        />
        <TextField
          id="setup-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          error={fieldError('password')}
          helperText={`At least ${MIN_PASSWORD} characters.`}
          required
        />
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          {busy ? 'Creating…' : 'Create organisation'}
        </Button>
      </Box>
    </AuthCard>
  );
}
