import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { PersonKeys } from './PersonKeys';
import type { UserRow } from './useUsers';

/**
 * A confirmation that takes access away from a person (remove, demote) and
 * offers deleting the API keys they created in the same step.
 */
export function OffboardDialog({
  user,
  title,
  confirmLabel,
  onClose,
  onConfirm,
  children,
}: {
  user: UserRow | null;
  title: string;
  confirmLabel: string;
  onClose: () => void;
  /** Sends the change with the Admin's choice about the keys. */
  onConfirm: (user: UserRow, deleteKeys: boolean) => Promise<void>;
  children: ReactNode;
}) {
  const [deleteKeys, setDeleteKeys] = useState(false);
  return (
    <ConfirmDialog
      open={user !== null}
      title={title}
      confirmLabel={confirmLabel}
      onClose={() => {
        setDeleteKeys(false);
        onClose();
      }}
      onConfirm={async () => {
        if (!user) return;
        await onConfirm(user, deleteKeys);
        setDeleteKeys(false);
      }}
    >
      {children}
      {user && <PersonKeys userId={user.id} userName={user.name} deleteKeys={deleteKeys} onDeleteKeysChange={setDeleteKeys} />}
    </ConfirmDialog>
  );
}
