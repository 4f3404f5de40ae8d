import { useState } from 'react';
import { Box, Button, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { useLoad } from '../../api/useQuery';
import { allPages } from '../../api/pages';
import { useQueryWith } from '../../api/useQueryWith';
import type { AuditAction, AuditFilter } from '../../gql/graphql';
import { AuditActorsQuery, AuditLogQuery } from '../apikeys/usageOperations';
import { AuditEventTable } from './AuditEventTable';
import { useUsers } from '../users/useUsers';
import { ListLoadError, ListLoading } from '../ListStates';
import { AUDIT_ACTIONS, actionLabel } from './auditText';

const PAGE_SIZE = 50;

/** The organisation's keys, to filter by as actors: every page. */
function actorKeys() {
  return allPages(AuditActorsQuery, (d) => d.apiKeyConnection);
}

/** Settings → Audit log (Admins only): every event, newest first, filtered by action and actor, 50 a page. */
export function AuditLogTab() {
  const [action, setAction] = useState<AuditAction | ''>('');
  const [actor, setActor] = useState('');
  // Cursors of the pages before this one; the last entry is this page's `after`.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter: AuditFilter = {};
  if (action) filter.action = [action];
  if (actor) filter.actorId = actor;
  const after = cursors[cursors.length - 1];
  const { state, retry } = useQueryWith(AuditLogQuery, { first: PAGE_SIZE, after, filter });
  const actors = useLoad(actorKeys);
  const people = useUsers();

  const resetPaging = () => setCursors([null]);
  const page = cursors.length;
  const log = state.status === 'ready' ? state.data.auditLog : null;
  const first = (page - 1) * PAGE_SIZE + 1;

  return (
    <Box component="section" aria-labelledby="audit-heading">
      <Typography id="audit-heading" component="h2" variant="h6" sx={{ fontWeight: 600 }}>
        Audit log
      </Typography>
      <Typography color="text.secondary" variant="body2" sx={{ mb: 2 }}>
        Who changed what in your organisation, newest first. Only Admins can see it.
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }}>
        <TextField
          select
          size="small"
          label="Action"
          value={action}
          onChange={(e) => {
            setAction(e.target.value as AuditAction | '');
            resetPaging();
          }}
          sx={{ minWidth: 220 }}
          slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        >
          <MenuItem value="">All actions</MenuItem>
          {AUDIT_ACTIONS.map((a) => (
            <MenuItem key={a} value={a}>
              {actionLabel(a)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Actor"
          value={actor}
          onChange={(e) => {
            setActor(e.target.value);
            resetPaging();
          }}
          sx={{ minWidth: 220 }}
          slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          helperText={actors.state.status === 'error' || people.state.status === 'error' ? 'Could not load users and keys' : undefined}
        >
          <MenuItem value="">Anyone</MenuItem>
          {people.users.map((u) => (
            <MenuItem key={u.id} value={u.id}>
              {u.name} ({u.email})
            </MenuItem>
          ))}
          {actors.state.status === 'ready' &&
            actors.state.data.map((k) => (
              <MenuItem key={k.id} value={k.id}>
                API key: {k.name}
              </MenuItem>
            ))}
        </TextField>
      </Box>

      {state.status === 'loading' && <ListLoading label="Loading the audit log" />}
      {state.status === 'error' && <ListLoadError what="the audit log" message={state.message} onRetry={retry} />}
      {log && log.nodes.length === 0 && (
        <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }} data-testid="audit-empty">
          <Typography color="text.secondary">
            {action || actor ? 'No events match these filters.' : 'No events yet.'}
          </Typography>
        </Paper>
      )}
      {log && log.nodes.length > 0 && (
        <>
          <AuditEventTable events={log.nodes} label="Audit log" />
          <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2, mt: 2 }}>
            <Typography variant="body2" role="status" data-testid="audit-range">
              {first.toLocaleString('en')}–{(first + log.nodes.length - 1).toLocaleString('en')} of {log.totalCount.toLocaleString('en')}
            </Typography>
            <Box sx={{ flex: 1 }} />
            <Button disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </Button>
            <Button
              variant="outlined"
              disabled={!log.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, log.pageInfo.endCursor ?? null])}
            >
              Older
            </Button>
          </Box>
        </>
      )}
    </Box>
  );
}
