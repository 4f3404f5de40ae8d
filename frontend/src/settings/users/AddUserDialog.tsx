import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { ApiError, errorMessage, request } from '../../api/client';
import { CreateUserMutation } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { ROLES, roleLabel } from '../roles';

const MIN_PASSWORD = 8;

interface Props {
  open: boolean;
  onClose: () => void;
  onAdded: (email: string) => void;
}

/** Adds a user to the organisation with an initial password and a role. */
export function AddUserDialog({ open, onClose, onAdded }: Props) {
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="add-user-title">
      {open && <AddUserForm onClose={onClose} onAdded={onAdded} />}
    </Dialog>
  );
}

function AddUserForm({ onClose, onAdded }: Omit<Props, 'open'>) {
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'VIEWER' as Role });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);

  const problems = {
    email: !/^[^\s@]+@[^\s@]+$/.test(form.email.trim()) ? 'Enter an email address like name@example.com.' : null,
    name: !form.name.trim() ? 'Enter the person’s name.' : null,
    password: form.password.length < MIN_PASSWORD ? `Use at least ${MIN_PASSWORD} characters.` : null,
  };
  const shown = (field: keyof typeof problems) =>
    (tried && problems[field]) || (serverError?.field === field ? serverError.message : null);

  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    setBusy(true);
    setServerError(null);
    try {
      await request(CreateUserMutation, {
        input: { email: form.email.trim(), name: form.name.trim(), password: form.password, role: form.role },
      });
      onAdded(form.email.trim());
    } catch (err) {
      setServerError(err instanceof ApiError ? err : new ApiError(errorMessage(err), 'INTERNAL'));
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={onSubmit} noValidate>
      <DialogTitle id="add-user-title">Add user</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2.5, pt: '8px !important' }}>
        {serverError && (
          <Alert severity="error" role="alert">
            {serverError.message}
          </Alert>
        )}
        <TextField id="user-email" label="Email" type="email" value={form.email} onChange={set('email')} error={Boolean(shown('email'))} helperText={shown('email')} required autoFocus fullWidth />
        <TextField id="user-name" label="Name" value={form.name} onChange={set('name')} error={Boolean(shown('name'))} helperText={shown('name')} required fullWidth />
        <TextField
          id="user-password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          error={Boolean(shown('password'))}
          helperText={shown('password') ?? `At least ${MIN_PASSWORD} characters. Share it with the person securely.`}
          required
          fullWidth
        />
        <TextField
          id="user-role"
          select
          label="Role"
          value={form.role}
          onChange={set('role')}
          helperText="Admins manage API keys and users; Editors change data; Viewers only read."
          fullWidth
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </Button>
      </DialogActions>
    </Box>
  );
}
