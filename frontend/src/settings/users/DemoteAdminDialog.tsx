import { Typography } from '@mui/material';
import { request } from '../../api/client';
import { UpdateUserRoleMutation } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { roleLabel } from '../roles';
import { OffboardDialog } from './OffboardDialog';
import type { UserRow } from './useUsers';

export type Demotion = { user: UserRow; role: Role };

/** Asks before another Admin loses the Admin role, offering to delete the keys they created. */
export function DemoteAdminDialog({
  demoting,
  onClose,
  onDemoted,
}: {
  demoting: Demotion | null;
  onClose: () => void;
  onDemoted: (demotion: Demotion, keysDeleted: boolean) => Promise<void>;
}) {
  return (
    <OffboardDialog
      user={demoting?.user ?? null}
      title={demoting ? `Make ${demoting.user.name} ${roleLabel(demoting.role)}?` : 'Change role?'}
      confirmLabel="Change role"
      onClose={onClose}
      onConfirm={async (user, deleteKeys) => {
        if (!demoting) return;
        await request(UpdateUserRoleMutation, { id: user.id, role: demoting.role, deleteApiKeys: deleteKeys });
        await onDemoted(demoting, deleteKeys);
      }}
    >
      <Typography>{demoting?.user.name} will no longer manage API keys or users.</Typography>
    </OffboardDialog>
  );
}
