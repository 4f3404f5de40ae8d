import { Typography } from '@mui/material';
import type { Role } from '../../gql/graphql';
import { ConfirmDialog } from '../ConfirmDialog';
import { roleLabel } from '../roles';
import { withArticle } from '../../words';

/** What a role may no longer do once an Admin steps down to it. */
const LOSES: Record<Role, string> = {
  ADMIN: '',
  EDITOR: 'You will no longer see or manage API keys and users. Governance data stays editable.',
  VIEWER: 'You will no longer see or manage API keys and users, and you can only read governance data.',
};

/**
 * Asks before an Admin changes their own role: one dropdown change would
 * otherwise take away their access, and only another Admin can give it back.
 */
export function ChangeOwnRoleDialog({
  role,
  onClose,
  onConfirm,
}: {
  role: Role | null;
  onClose: () => void;
  onConfirm: (role: Role) => Promise<void>;
}) {
  return (
    <ConfirmDialog
      open={role !== null}
      title={role ? `Change your own role to ${roleLabel(role)}?` : 'Change your own role?'}
      confirmLabel={role ? `Become ${withArticle(roleLabel(role))}` : 'Change role'}
      onClose={onClose}
      onConfirm={async () => {
        if (role) await onConfirm(role);
      }}
    >
      {role && (
        <>
          <Typography>{LOSES[role]}</Typography>
          <Typography>Only another Admin can make you an Admin again.</Typography>
        </>
      )}
    </ConfirmDialog>
  );
}
