import { Typography } from '@mui/material';
import { request } from '../../api/client';
import { DeleteUserMutation } from '../../api/operations';
import { OffboardDialog } from './OffboardDialog';
import type { UserRow } from './useUsers';

/** Confirms removing a person; they cannot sign in afterwards. Offers deleting the keys they created. */
export function RemoveUserDialog({
  user,
  onClose,
  onRemoved,
}: {
  user: UserRow | null;
  onClose: () => void;
  onRemoved: (user: UserRow, keysDeleted: boolean) => void;
}) {
  return (
    <OffboardDialog
      user={user}
      title={user ? `Remove ${user.name}?` : 'Remove user?'}
      confirmLabel="Remove"
      onClose={onClose}
      onConfirm={async (u, deleteKeys) => {
        await request(DeleteUserMutation, { id: u.id, deleteApiKeys: deleteKeys });
        onRemoved(u, deleteKeys);
      }}
    >
      <Typography>
        {user?.name} ({user?.email}) can no longer sign in.
      </Typography>
    </OffboardDialog>
  );
}
