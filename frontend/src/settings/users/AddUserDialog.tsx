import { useState } from 'react';
import { TextField } from '@mui/material';
import { payload, request } from '../../api/client';
import { CreateUserMutation } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { ROLES, roleLabel } from '../roles';
import { DialogForm, FormDialog, useSubmit } from '../form';
import { PASSWORD_MIN, passwordProblem } from '../password';
import { WORDS } from '../../words';

interface Props {
  open: boolean;
  onClose: () => void;
  onAdded: (user: { id: string; email: string }) => void;
}

const FIELDS = ['email', 'name', 'password', 'role'] as const;

/** Adds a user to the organisation with an initial password and a role. */
export function AddUserDialog({ open, onClose, onAdded }: Props) {
  return (
    <FormDialog open={open} onClose={onClose} titleId="add-user-title">
      <AddUserForm onClose={onClose} onAdded={onAdded} />
    </FormDialog>
  );
}

function AddUserForm({ onClose, onAdded }: Omit<Props, 'open'>) {
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'VIEWER' as Role });
  const [tried, setTried] = useState(false);
  const { busy, submit, fieldError, formError, clearFieldError } = useSubmit(FIELDS);

  const problems = {
    email: !/^[^\s@]+@[^\s@]+$/.test(form.email.trim()) ? 'Enter an email address like name@example.com.' : null,
    name: !form.name.trim() ? 'Enter the person’s name.' : null,
    password: passwordProblem(form.password),
    role: null,
  };
  // One message per field: the live check first, else the server's.
  const shown = (field: (typeof FIELDS)[number]) => (tried && problems[field]) || fieldError(field);

  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    clearFieldError(field);
  };

  const onSubmit = () => {
    setTried(true);
    const firstBad = FIELDS.find((f) => problems[f]);
    if (firstBad) {
      document.getElementById(`user-${firstBad}`)?.focus();
      return;
    }
    void submit(async () => {
      const data = await request(CreateUserMutation, {
        input: { email: form.email.trim(), name: form.name.trim(), password: form.password, role: form.role },
      });
      onAdded({ id: payload(data.createUser).user.id, email: form.email.trim() });
    });
  };

  return (
    <DialogForm
      titleId="add-user-title"
      title={WORDS.addUser}
      onSubmit={onSubmit}
      onCancel={onClose}
      busy={busy}
      submitLabel={WORDS.addUser}
      busyLabel="Adding…"
      formError={formError}
    >
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
        helperText={shown('password') || `At least ${PASSWORD_MIN} characters. Share it with the person securely.`}
        required
        fullWidth
      />
      <TextField
        id="user-role"
        select
        label="Role"
        value={form.role}
        onChange={set('role')}
        error={Boolean(shown('role'))}
        helperText={shown('role') || 'Admins manage API keys and users; Editors change data; Viewers only read.'}
        fullWidth
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </TextField>
    </DialogForm>
  );
}
