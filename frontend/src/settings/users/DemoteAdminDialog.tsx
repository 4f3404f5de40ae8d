import { useState } from 'react';
import { Typography } from '@mui/material';
import { request } from '../../api/client';
import { UpdateUserRoleMutation } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { ConfirmDialog } from '../ConfirmDialog';
import { roleLabel } from '../roles';
import { PersonKeys } from './PersonKeys';
import type { UserRow } from './UserList';

type Demotion = { user: UserRow; role: Role };

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
  const [deleteKeys, setDeleteKeys] = useState(false);
  return (
    <ConfirmDialog
      open={demoting !== null}
      title={demoting ? `Make ${demoting.user.name} ${roleLabel(demoting.role)}?` : 'Change role?'}
      confirmLabel="Change role"
      onClose={() => {
        setDeleteKeys(false);
        onClose();
      }}
      onConfirm={async () => {
        if (!demoting) return;
        await request(UpdateUserRoleMutation, { id: demoting.user.id, role: demoting.role, deleteApiKeys: deleteKeys });
        setDeleteKeys(false);
        await onDemoted(demoting, deleteKeys);
      }}
    >
      <Typography>{demoting?.user.name} will no longer manage API keys or users.</Typography>
      {demoting && (
        <PersonKeys
          userId={demoting.user.id}
          userName={demoting.user.name}
          deleteKeys={deleteKeys}
          onDeleteKeysChange={setDeleteKeys}
        />
      )}
    </ConfirmDialog>
  );
}
