import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  IconButton,
  NativeSelect,
  Paper,
  Snackbar,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import RemoveIcon from '@mui/icons-material/PersonRemoveOutlined';
import { errorMessage, request } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { DeleteUserMutation, UpdateUserRoleMutation, UsersQuery } from '../../api/operations';
import type { Role, UsersQuery as UsersData } from '../../gql/graphql';
import { useMe } from '../../auth/session';
import { ConfirmDialog } from '../ConfirmDialog';
import { ROLES, roleLabel } from '../roles';
import { AddUserDialog } from './AddUserDialog';
import { PersonKeys } from './PersonKeys';
import { visuallyHidden } from '../visuallyHidden';

type UserRow = UsersData['users'][number];

/** Settings → Users: who belongs to the organisation, and with which role. */
export function UsersTab() {
  const me = useMe();
  const { state, reload, retry } = useQuery(UsersQuery);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<UserRow | null>(null);
  // Demoting an Admin asks first, to offer deleting their keys.
  const [demoting, setDemoting] = useState<{ user: UserRow; role: Role } | null>(null);
  const [deleteKeys, setDeleteKeys] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const changeRole = async (user: UserRow, role: Role) => {
    if (user.role === 'ADMIN' && role !== 'ADMIN') {
      setDeleteKeys(false);
      setDemoting({ user, role });
      return;
    }
    setError(null);
    setPending(user.id);
    try {
      await request(UpdateUserRoleMutation, { id: user.id, role });
      setNotice(`${user.name} is now ${roleLabel(role)}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(null);
      await reload();
    }
  };

  return (
    <Box component="section" aria-labelledby="users-heading">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-start', gap: 2, mb: 2 }}>
        <Box sx={{ flex: '1 1 280px' }}>
          <Typography id="users-heading" component="h2" variant="h6" sx={{ fontWeight: 600 }}>
            Users
          </Typography>
          <Typography color="text.secondary" variant="body2">
            People who can sign in to your organisation. Every organisation keeps at least one Admin.
          </Typography>
        </Box>
        <Button variant="contained" startIcon={<PersonAddIcon aria-hidden />} onClick={() => setAdding(true)}>
          Add user
        </Button>
      </Box>
      {error && (
        <Alert severity="error" role="alert" onClose={() => setError(null)} sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {state.status === 'loading' && (
        <Box sx={{ display: 'grid', placeItems: 'center', py: 6 }} role="status">
          <CircularProgress aria-label="Loading users" />
        </Box>
      )}
      {state.status === 'error' && (
        <Alert severity="error" action={<Button color="inherit" size="small" onClick={retry}>Try again</Button>}>
          Could not load users. {state.message}
        </Alert>
      )}
      {state.status === 'ready' && (
        <TableContainer component={Paper} variant="outlined" sx={{ position: 'relative' }}>
          <Table aria-label="Users" sx={{ minWidth: 520 }}>
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Email</TableCell>
                <TableCell>Role</TableCell>
                <TableCell align="right">
                  <Box component="span" sx={visuallyHidden}>
                    Actions
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {state.data.users.map((u) => (
                <TableRow key={u.id} data-testid="user-row">
                  <TableCell sx={{ fontWeight: 600 }}>
                    {u.name}
                    {u.id === me.id && (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {' '}
                        (you)
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{u.email}</TableCell>
                  <TableCell>
                    <NativeSelect
                      value={u.role}
                      disabled={pending === u.id}
                      onChange={(e) => void changeRole(u, e.target.value as Role)}
                      inputProps={{ 'aria-label': `Role of ${u.name}` }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleLabel(r)}
                        </option>
                      ))}
                    </NativeSelect>
                  </TableCell>
                  <TableCell align="right">
                    <IconButton
                      aria-label={`Remove user ${u.name}`}
                      onClick={() => {
                        setDeleteKeys(false);
                        setRemoving(u);
                      }}
                    >
                      <RemoveIcon />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(email) => {
          setAdding(false);
          setNotice(`Added ${email}.`);
          void reload();
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.name}?` : 'Remove user?'}
        confirmLabel="Remove"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await request(DeleteUserMutation, { id: removing.id, deleteApiKeys: deleteKeys });
          setNotice(`Removed ${removing.name}${deleteKeys ? ' and the API keys they created' : ''}.`);
          setRemoving(null);
          void reload();
        }}
      >
        <Typography>
          {removing?.name} ({removing?.email}) can no longer sign in.
        </Typography>
        {removing && (
          <PersonKeys userId={removing.id} userName={removing.name} deleteKeys={deleteKeys} onDeleteKeysChange={setDeleteKeys} />
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={demoting !== null}
        title={demoting ? `Make ${demoting.user.name} ${roleLabel(demoting.role)}?` : 'Change role?'}
        confirmLabel="Change role"
        onClose={() => setDemoting(null)}
        onConfirm={async () => {
          if (!demoting) return;
          const { user, role } = demoting;
          await request(UpdateUserRoleMutation, { id: user.id, role, deleteApiKeys: deleteKeys });
          setNotice(`${user.name} is now ${roleLabel(role)}${deleteKeys ? '; the API keys they created are deleted' : ''}.`);
          setDemoting(null);
          void reload();
        }}
      >
        <Typography>
          {demoting?.user.name} will no longer manage API keys or users.
        </Typography>
        {demoting && (
          <PersonKeys userId={demoting.user.id} userName={demoting.user.name} deleteKeys={deleteKeys} onDeleteKeysChange={setDeleteKeys} />
        )}
      </ConfirmDialog>
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
    </Box>
  );
}
