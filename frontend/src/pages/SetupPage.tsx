import { type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { Alert, Box, Button, Link } from '@mui/material';
import { request } from '../api/client';
import { SetupMutation } from '../api/operations';
import { useSession } from '../auth/session';
import { AuthCard } from './AuthCard';
import { useDocumentTitle } from '../shell/title';
import { CheckedField, FormError, PasswordField, useSubmit, useValues } from '../settings/form';
import { PASSWORD_MIN, passwordProblem, requiredProblem } from '../settings/validation';

/** Creates the organisation and its first admin from the one-time setup link. */
export function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useSession();
  const navigate = useNavigate();
  // note: no field of its own takes the server's message: it shows above the
  // form, and the field it names is marked.
  const { busy, submit, check, tried, formError } = useSubmit([]);
  const { values: form, set } = useValues({ orgName: '', name: '', email: '', password: '' });
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

  const problems = {
    orgName: requiredProblem(form.orgName, 'Enter the name of your organisation.'),
    name: requiredProblem(form.name, 'Enter your name.'),
    email: requiredProblem(form.email, 'Enter the email you will sign in with.'),
    password: passwordProblem(form.password),
  };
  const problem = (field: keyof typeof form) => (tried && problems[field]) || null;
  // The server's message shows above the form; the field it names is marked.
  const field = (f: keyof typeof form) => ({
    value: form[f],
    onChange: set(f),
    problem: problem(f),
    error: formError?.field === f || Boolean(problem(f)),
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check(problems)) return;
    await submit(async () => {
      await request(SetupMutation, {
        token,
        orgName: form.orgName.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
      });
      await refresh();
      navigate('/settings', { replace: true });
    });
  };

  return (
    <AuthCard title="Set up Keyward" subtitle="Create your organisation and its first administrator.">
      <Box component="form" onSubmit={onSubmit} noValidate sx={{ display: 'grid', gap: 2 }}>
        <FormError error={formError} />
        <CheckedField {...field('orgName')} id="setup-org" label="Organisation name" required autoFocus />
        <CheckedField {...field('name')} id="setup-name" label="Your name" autoComplete="name" required />
        <CheckedField {...field('email')} id="setup-email" label="Email" type="email" autoComplete="username" required />
        <PasswordField
          {...field('password')}
          id="setup-password"
          label="Password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
        />
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          {busy ? 'Creating…' : 'Create organisation'}
        </Button>
      </Box>
    </AuthCard>
  );
}
