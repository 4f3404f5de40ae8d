import { Box, TableCell, TableRow, Typography } from '@mui/material';
import type { AuditEventFieldsFragment, PrincipalKind } from '../../gql/graphql';
import { formatDateTime } from '../apikeys/dates';
import { actionLabel } from './auditText';
import { ListTable } from '../ListStates';

/** Who acted: an account, a key, or `keyward admin` on the server's host. */
const actorKindLabel: Record<PrincipalKind, string> = { USER: 'User', API_KEY: 'API key', COMMAND_LINE: 'Command line' };

/** Audit events, newest first: when, what, who, and on what. */
export function AuditEventTable({ events, label }: { events: AuditEventFieldsFragment[]; label: string }) {
  return (
    // note: focusable, so that keyboard users can scroll it sideways on a phone.
    <ListTable
      label={label}
      columns={['When', 'Action', 'By', 'On']}
      container={{ tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls sideways)` }}
      table={{ size: 'small', sx: { minWidth: 560 } }}
    >
      {events.map((e) => (
        <TableRow key={e.id} data-testid="audit-row">
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.createdAt)}</TableCell>
          <TableCell>{actionLabel(e.action)}</TableCell>
          <TableCell sx={{ overflowWrap: 'anywhere' }}>
            {e.actorName}
            <Typography variant="body2" color="text.secondary" component="div">
              {actorKindLabel[e.actorKind]}
            </Typography>
          </TableCell>
          <TableCell sx={{ overflowWrap: 'anywhere' }}>
            <Box component="span">{e.targetName}</Box>
            <Typography variant="body2" color="text.secondary" component="div">
              {actionLabel(e.targetType)}
            </Typography>
          </TableCell>
        </TableRow>
      ))}
    </ListTable>
  );
}
