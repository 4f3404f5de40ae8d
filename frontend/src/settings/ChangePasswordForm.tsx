import { useState } from 'react';
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import { request } from '../api/client';
import { ChangePasswordMutation } from '../api/operations';
import { FormError, PasswordField, useSubmit, useValues } from './form';
import { PASSWORD_MIN, passwordProblem } from './validation';
import { WORDS } from '../words';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** The signed-in person replaces their own password; their other sessions end. */
export function ChangePasswordForm() {
  const [done, setDone] = useState<string | null>(null);
  const { busy, submit, setTried, check, shown, formError, clearFieldError } = useSubmit(FIELDS);
  const {
    values: form,
    setValues: setForm,
    set,
  } = useValues({ currentPassword: '', newPassword: '', confirm: '' }, (field) => {
    setDone(null);
    clearFieldError(field);
  });

  const problems = {
    currentPassword: form.currentPassword ? null : 'Enter your current password.',
    newPassword:
      passwordProblem(form.newPassword) ??
      (form.newPassword === form.currentPassword ? 'Choose a password different from the current one.' : null),
    confirm: form.confirm === form.newPassword ? null : 'The two new passwords differ. Type the same one twice.',
  };

  const field = (f: keyof typeof form) => ({ id: `account-${f}`, value: form[f], onChange: set(f), problem: shown(f, problems), fullWidth: true });

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!check(problems, (f) => `account-${f}`)) return;
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
        <PasswordField {...field('currentPassword')} label="Current password" autoComplete="current-password" />
        <PasswordField
          {...field('newPassword')}
          label="New password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
        />
        <PasswordField {...field('confirm')} label="New password again" autoComplete="new-password" />
        <Box>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? 'Changing…' : WORDS.changePassword}
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}
