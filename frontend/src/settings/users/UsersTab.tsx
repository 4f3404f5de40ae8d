import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Box, Button, Snackbar, Typography } from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { errorMessage, request } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ListLoadError, ListLoading } from '../ListStates';
import { UpdateUserRoleMutation, UsersQuery } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { useMe, useSession } from '../../auth/session';
import { roleLabel } from '../roles';
import { neighbourAfterRemoval, rowId, useFocusAfterDialog } from '../../shell/focus';
import { TOAST_ANCHOR, WORDS, withArticle } from '../../words';
import { AddUserDialog } from './AddUserDialog';
import { ChangeOwnRoleDialog } from './ChangeOwnRoleDialog';
import { RemoveUserDialog } from './RemoveUserDialog';
import { DemoteAdminDialog } from './DemoteAdminDialog';
import { UserList, type UserRow } from './UserList';

const HEADING_ID = 'users-heading';

/** Where an Admin who stepped down lands: a page every role may see. */
export const AFTER_OWN_DEMOTION = '/settings/account';

/** Settings → Users: who belongs to the organisation, and with which role. */
export function UsersTab() {
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const { state, reload, retry } = useQuery(UsersQuery);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<UserRow | null>(null);
  const [ownRole, setOwnRole] = useState<Role | null>(null);
  // Demoting another Admin asks first, to offer deleting their keys (offboarding).
  const [demoting, setDemoting] = useState<{ user: UserRow; role: Role } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const focusAfterDialog = useFocusAfterDialog();
  const users = state.status === 'ready' ? state.data.users : [];

  const changeRole = async (user: UserRow, role: Role) => {
    setError(null);
    setPending(user.id);
    try {
      await request(UpdateUserRoleMutation, { id: user.id, role });
      setNotice(`${user.name} is now ${withArticle(roleLabel(role))}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(null);
      // note: any role change may be the signed-in Admin's own (or race
      // with another Admin's), so who-am-I is reloaded at once and the
      // header, tabs and guards follow it.
      await refresh();
      await reload();
    }
  };

  const onRoleChange = (user: UserRow, role: Role) => {
    if (user.id === me.id && role !== me.role) {
      setOwnRole(role);
      return;
    }
    if (user.role === 'ADMIN' && role !== 'ADMIN') {
      setDemoting({ user, role });
      return;
    }
    void changeRole(user, role);
  };

  /** Throws on failure, so the confirmation shows the server's reason (e.g. the last Admin). */
  const changeOwnRole = async (role: Role) => {
    await request(UpdateUserRoleMutation, { id: me.id, role });
    setOwnRole(null);
    await refresh();
    if (role !== 'ADMIN') {
      navigate(AFTER_OWN_DEMOTION, {
        replace: true,
        state: { notice: `You are now ${withArticle(roleLabel(role))}. API keys and users are managed by Admins.` },
      });
    }
  };

  return (
    <Box component="section" aria-labelledby={HEADING_ID}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-start', gap: 2, mb: 2 }}>
        <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
          <Typography id={HEADING_ID} component="h2" variant="h6" tabIndex={-1} sx={{ fontWeight: 600 }}>
            {WORDS.users}
          </Typography>
          <Typography color="text.secondary" variant="body2">
            People who can sign in to your organisation. Every organisation keeps at least one Admin.
          </Typography>
        </Box>
        <Button variant="contained" startIcon={<PersonAddIcon aria-hidden />} onClick={() => setAdding(true)}>
          {WORDS.addUser}
        </Button>
      </Box>
      {error && (
        <Alert severity="error" role="alert" onClose={() => setError(null)} sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {state.status === 'loading' && <ListLoading label="Loading users" />}
      {state.status === 'error' && <ListLoadError what="users" message={state.message} onRetry={retry} />}
      {state.status === 'ready' && (
        <UserList users={users} meId={me.id} pending={pending} onRoleChange={onRoleChange} onRemove={setRemoving} />
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
      <DemoteAdminDialog
        demoting={demoting}
        onClose={() => setDemoting(null)}
        onDemoted={async ({ user, role }, keysDeleted) => {
          setNotice(
            `${user.name} is now ${withArticle(roleLabel(role))}${keysDeleted ? '; the API keys they created are deleted' : ''}.`,
          );
          setDemoting(null);
          await refresh();
          await reload();
        }}
      />
      <ChangeOwnRoleDialog role={ownRole} onClose={() => setOwnRole(null)} onConfirm={changeOwnRole} />
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
      <Snackbar
        open={notice !== null}
        autoHideDuration={5000}
        onClose={() => setNotice(null)}
        message={notice}
        anchorOrigin={TOAST_ANCHOR}
      />
    </Box>
  );
}
