import { useState } from 'react';
import { payload, request } from '../../api/client';
import { CreateUserMutation } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { ROLE_HELP, ROLES, roleLabel } from '../roles';
import { CheckedField, DialogForm, FormDialog, PasswordField, useSubmit } from '../form';
import { PASSWORD_MIN, emailProblem, passwordProblem, requiredProblem } from '../validation';
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
  const { busy, submit, check, shown, formError, clearFieldError } = useSubmit(FIELDS);

  const problems = {
    email: emailProblem(form.email),
    name: requiredProblem(form.name, 'Enter the person’s name.'),
    password: passwordProblem(form.password),
    role: null,
  };

  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    clearFieldError(field);
  };

  const onSubmit = () => {
    if (!check(problems, (f) => `user-${f}`)) return;
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
      <CheckedField id="user-email" label="Email" type="email" value={form.email} onChange={set('email')} problem={shown('email', problems)} required autoFocus fullWidth />
      <CheckedField id="user-name" label="Name" value={form.name} onChange={set('name')} problem={shown('name', problems)} required fullWidth />
      <PasswordField
        id="user-password"
        label="Initial password"
        autoComplete="new-password"
        value={form.password}
        onChange={set('password')}
        problem={shown('password', problems)}
        hint={`At least ${PASSWORD_MIN} characters. Share it with the person securely.`}
        fullWidth
      />
      <CheckedField
        id="user-role"
        select
        label="Role"
        value={form.role}
        onChange={set('role')}
        problem={shown('role', problems)}
        hint={ROLE_HELP}
        fullWidth
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </CheckedField>
    </DialogForm>
  );
}
