import { payload, request } from '../../api/client';
import { CreateUserMutation } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { ROLE_HELP, ROLES, roleLabel } from '../roles';
import { CheckedField, DialogForm, FormDialog, PasswordField, useSubmit, useValues } from '../form';
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
    <FormDialog open={open} onClose={onClose}>
      <AddUserForm onAdded={onAdded} />
    </FormDialog>
  );
}

function AddUserForm({ onAdded }: Pick<Props, 'onAdded'>) {
  const { busy, submit, check, shown, formError, clearFieldError } = useSubmit(FIELDS);
  const { values: form, set } = useValues({ email: '', name: '', password: '', role: 'VIEWER' as Role }, clearFieldError);

  const problems = {
    email: emailProblem(form.email),
    name: requiredProblem(form.name, 'Enter the person’s name.'),
    password: passwordProblem(form.password),
    role: null,
  };
  const field = (f: (typeof FIELDS)[number]) => ({ id: `user-${f}`, value: form[f], onChange: set(f), problem: shown(f, problems), fullWidth: true });

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
      title={WORDS.addUser}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={WORDS.addUser}
      busyLabel="Adding…"
      formError={formError}
    >
      <CheckedField {...field('email')} label="Email" type="email" required autoFocus />
      <CheckedField {...field('name')} label="Name" required />
      <PasswordField
        {...field('password')}
        label="Initial password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters. Share it with the person securely.`}
      />
      <CheckedField
        {...field('role')}
        select
        label="Role"
        hint={ROLE_HELP}
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
