import { Box, IconButton, NativeSelect, TableCell, TableRow, Typography } from '@mui/material';
import RemoveIcon from '@mui/icons-material/PersonRemoveOutlined';
import type { Role } from '../../gql/graphql';
import { ROLES, roleLabel } from '../roles';
import { ListCard, ListCards, ListTable, useNarrow } from '../ListStates';
import { rowId } from '../../shell/focus';
import { WORDS } from '../../words';
import type { UserRow } from './useUsers';

interface ListProps {
  users: UserRow[];
  meId: string;
  /** The user whose role change is on its way to the server. */
  pending: string | null;
  onRoleChange: (user: UserRow, role: Role) => void;
  onRemove: (user: UserRow) => void;
}

/** The organisation's people: a table, or cards below 600 px (and at 200% zoom on a small window). */
export function UserList(props: ListProps) {
  const narrow = useNarrow('sm');
  return narrow ? <UserCards {...props} /> : <UserTable {...props} />;
}

function RoleSelect({ user, pending, onRoleChange }: { user: UserRow } & Pick<ListProps, 'pending' | 'onRoleChange'>) {
  return (
    <NativeSelect
      value={user.role}
      disabled={pending === user.id}
      onChange={(e) => onRoleChange(user, e.target.value as Role)}
      inputProps={{ 'aria-label': `Role of ${user.name}` }}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {roleLabel(r)}
        </option>
      ))}
    </NativeSelect>
  );
}

function RemoveButton({ user, onRemove }: { user: UserRow; onRemove: (u: UserRow) => void }) {
  return (
    <IconButton aria-label={`${WORDS.removeUser} ${user.name}`} onClick={() => onRemove(user)}>
      <RemoveIcon />
    </IconButton>
  );
}

function Name({ user, meId }: { user: UserRow; meId: string }) {
  return (
    <>
      {user.name}
      {user.id === meId && (
        <Typography component="span" variant="body2" color="text.secondary">
          {' '}
          (you)
        </Typography>
      )}
    </>
  );
}

function UserCards({ users, meId, pending, onRoleChange, onRemove }: ListProps) {
  return (
    <ListCards label={WORDS.users}>
      {users.map((u) => (
        <ListCard key={u.id} id={rowId('user', u.id)} label={`User ${u.name}`} testId="user-row">
          <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                <Name user={u} meId={meId} />
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                {u.email}
              </Typography>
            </Box>
            <Box sx={{ mt: -1, mr: -1 }}>
              <RemoveButton user={u} onRemove={onRemove} />
            </Box>
          </Box>
          <Box sx={{ mt: 1 }}>
            <RoleSelect user={u} pending={pending} onRoleChange={onRoleChange} />
          </Box>
        </ListCard>
      ))}
    </ListCards>
  );
}

function UserTable({ users, meId, pending, onRoleChange, onRemove }: ListProps) {
  return (
    <ListTable label={WORDS.users} columns={['Name', 'Email', 'Role']} actions>
      {users.map((u) => (
        <TableRow key={u.id} id={rowId('user', u.id)} tabIndex={-1} data-testid="user-row">
          <TableCell sx={{ fontWeight: 600 }}>
            <Name user={u} meId={meId} />
          </TableCell>
          <TableCell>{u.email}</TableCell>
          <TableCell>
            <RoleSelect user={u} pending={pending} onRoleChange={onRoleChange} />
          </TableCell>
          <TableCell align="right">
            <RemoveButton user={u} onRemove={onRemove} />
          </TableCell>
        </TableRow>
      ))}
    </ListTable>
  );
}
