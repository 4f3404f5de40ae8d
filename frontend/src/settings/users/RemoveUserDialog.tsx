import { useState } from 'react';
import { Typography } from '@mui/material';
import { request } from '../../api/client';
import { DeleteUserMutation } from '../../api/operations';
import { ConfirmDialog } from '../ConfirmDialog';
import { PersonKeys } from './PersonKeys';
import type { UserRow } from './UserList';

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
  const [deleteKeys, setDeleteKeys] = useState(false);
  return (
    <ConfirmDialog
      open={user !== null}
      title={user ? `Remove ${user.name}?` : 'Remove user?'}
      confirmLabel="Remove"
      onClose={() => {
        setDeleteKeys(false);
        onClose();
      }}
      onConfirm={async () => {
        if (!user) return;
        await request(DeleteUserMutation, { id: user.id, deleteApiKeys: deleteKeys });
        setDeleteKeys(false);
        onRemoved(user, deleteKeys);
      }}
    >
      <Typography>
        {user?.name} ({user?.email}) can no longer sign in.
      </Typography>
      {user && <PersonKeys userId={user.id} userName={user.name} deleteKeys={deleteKeys} onDeleteKeysChange={setDeleteKeys} />}
    </ConfirmDialog>
  );
}
