import { useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { ListLoadError, ListLoading } from '../ListStates';
import { useMe } from '../../auth/session';
import { neighbourAfterRemoval, rowId, useFocusAfterDialog } from '../../shell/focus';
import { WORDS } from '../../words';
import { NoticeToast, TabHeader } from '../TabHeader';
import { AddUserDialog } from './AddUserDialog';
import { RemoveUserDialog } from './RemoveUserDialog';
import { UserList } from './UserList';
import { useRoleChange } from './useRoleChange';
import { useUsers, type UserRow } from './useUsers';

const HEADING_ID = 'users-heading';

/** Settings → Users: who belongs to the organisation, and with which role. */
export function UsersTab() {
  const me = useMe();
  const { state, users, reload, retry } = useUsers();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<UserRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const focusAfterDialog = useFocusAfterDialog();
  const roles = useRoleChange({ onNotice: setNotice, reload });

  return (
    <Box component="section" aria-labelledby={HEADING_ID}>
      <TabHeader
        headingId={HEADING_ID}
        title={WORDS.users}
        basis="240px"
        description="People who can sign in to your organisation. Every organisation keeps at least one Admin."
        action={
          <Button variant="contained" startIcon={<PersonAddIcon aria-hidden />} onClick={() => setAdding(true)}>
            {WORDS.addUser}
          </Button>
        }
      />
      {roles.error && (
        <Alert severity="error" role="alert" onClose={roles.clearError} sx={{ mb: 2 }}>
          {roles.error}
        </Alert>
      )}
      {state.status === 'loading' && <ListLoading label="Loading users" />}
      {state.status === 'error' && <ListLoadError what="users" message={state.message} onRetry={retry} />}
      {state.status === 'ready' && (
        <UserList users={users} meId={me.id} pending={roles.pending} onRoleChange={roles.onRoleChange} onRemove={setRemoving} />
      )}
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(user) => {
          setAdding(false);
          setNotice(`Added ${user.email}.`);
          focusAfterDialog({ id: rowId('user', user.id), fallbackId: HEADING_ID });
          void reload();
        }}
      />
      {roles.dialogs}
      <RemoveUserDialog
        user={removing}
        onClose={() => setRemoving(null)}
        onRemoved={(user, keysDeleted) => {
          const next = neighbourAfterRemoval(users, user.id);
          focusAfterDialog({ id: next ? rowId('user', next.id) : HEADING_ID, fallbackId: HEADING_ID });
          setNotice(`Removed ${user.name}${keysDeleted ? ' and the API keys they created' : ''}.`);
          setRemoving(null);
          void reload();
        }}
      />
      <NoticeToast notice={notice} onClose={() => setNotice(null)} />
    </Box>
  );
}
