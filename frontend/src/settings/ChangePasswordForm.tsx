import { useState } from 'react';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { request } from '../api/client';
import { ChangePasswordMutation } from '../api/operations';
import { FormError, useSubmit } from './form';
import { PASSWORD_MIN, passwordProblem } from './password';
import { WORDS } from '../words';

const FIELDS = ['currentPassword', 'newPassword'] as const;
type Field = (typeof FIELDS)[number];

/** The signed-in person replaces their own password; their other sessions end. */
export function ChangePasswordForm() {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { busy, submit, fieldError, formError, clearFieldError } = useSubmit(FIELDS);

  const problems: Record<Field | 'confirm', string | null> = {
    currentPassword: form.currentPassword ? null : 'Enter your current password.',
    newPassword:
      passwordProblem(form.newPassword) ??
      (form.newPassword === form.currentPassword ? 'Choose a password different from the current one.' : null),
    confirm: form.confirm === form.newPassword ? null : 'The two new passwords differ. Type the same one twice.',
  };
  const shown = (field: Field | 'confirm') =>
    (tried && problems[field]) || (field === 'confirm' ? null : fieldError(field));

  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    setDone(null);
    if (field !== 'confirm') clearFieldError(field);
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    const firstBad = (['currentPassword', 'newPassword', 'confirm'] as const).find((f) => problems[f]);
    if (firstBad) {
      document.getElementById(`account-${firstBad}`)?.focus();
      return;
    }
    void submit(async () => {
      const data = await request(ChangePasswordMutation, {
        input: { currentPassword: form.currentPassword, newPassword: form.newPassword },
      });
      const ended = data.changePassword?.endedSessions ?? 0;
      setForm({ currentPassword: '', newPassword: '', confirm: '' });
      setTried(false);
      setDone(
        ended === 0
          ? 'Password changed. You stay signed in here.'
          : `Password changed. You stay signed in here; ${ended === 1 ? '1 other session was' : `${ended} other sessions were`} signed out.`,
      );
    });
  };

  return (
    <Paper variant="outlined" component="section" aria-labelledby="password-heading" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography id="password-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
        {WORDS.changePassword}
      </Typography>
      <Typography color="text.secondary" variant="body2" sx={{ mb: 2 }}>
        Every other browser and device where you are signed in is signed out.
      </Typography>
      <Box component="form" noValidate onSubmit={onSubmit} sx={{ display: 'grid', gap: 2 }}>
        <FormError error={formError} />
        <Box role="status" aria-live="polite">
          {done && <Alert severity="success">{done}</Alert>}
        </Box>
        <TextField
          id="account-currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.currentPassword}
          onChange={set('currentPassword')}
          error={Boolean(shown('currentPassword'))}
          helperText={shown('currentPassword')}
          required
          fullWidth
        />
        <TextField
          id="account-newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={form.newPassword}
          onChange={set('newPassword')}
          error={Boolean(shown('newPassword'))}
          helperText={shown('newPassword') || `At least ${PASSWORD_MIN} characters.`}
          required
          fullWidth
        />
        <TextField
          id="account-confirm"
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={form.confirm}
          onChange={set('confirm')}
          error={Boolean(shown('confirm'))}
          helperText={shown('confirm')}
          required
          fullWidth
        />
        <Box>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? 'Changing…' : WORDS.changePassword}
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}
