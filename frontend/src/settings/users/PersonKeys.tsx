import { Alert, Box, Button, Checkbox, CircularProgress, FormControlLabel, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useEffect } from 'react';
import { useLoad } from '../../api/useQuery';
import { allPages } from '../../api/pages';
import { KeysByCreatorQuery } from '../../api/operations';
import { SCOPE_LABEL } from '../apikeys/scope';

interface Props {
  userId: string;
  userName: string;
  /** Whether the keys go in the same step; the dialog sends it with its mutation. */
  deleteKeys: boolean;
  onDeleteKeysChange: (deleteKeys: boolean) => void;
}

/** Every key of the organisation with its creator. */
function keysWithCreators() {
  return allPages(KeysByCreatorQuery, (d) => d.apiKeyConnection);
}

/**
 * Offboarding: the API keys a person created, shown in the remove and
 * change-role dialogs. A key acts with its own scope, not its creator's role,
 * so it keeps working after the person leaves unless the Admin deletes it here.
 */
export function PersonKeys({ userId, userName, deleteKeys, onDeleteKeysChange }: Props) {
  const { state, retry } = useLoad(keysWithCreators);
  const keys = state.status === 'ready' ? state.data.filter((k) => k.createdBy?.id === userId) : [];

  // Never send a choice the Admin could not see: no keys, nothing to delete.
  useEffect(() => {
    if (state.status === 'ready' && keys.length === 0 && deleteKeys) onDeleteKeysChange(false);
  }, [state.status, keys.length, deleteKeys, onDeleteKeysChange]);

  if (state.status === 'loading') {
    return (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <CircularProgress size={18} aria-hidden />
        <Typography variant="body2">Loading {userName}'s API keys…</Typography>
      </Box>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert severity="warning" action={<Button color="inherit" size="small" onClick={retry}>Try again</Button>}>
        Could not load the API keys {userName} created. {state.message}
      </Alert>
    );
  }
  if (keys.length === 0) {
    return <Typography variant="body2">{userName} has not created any API keys.</Typography>;
  }
  const count = keys.length === 1 ? 'this API key' : `these ${keys.length} API keys`;
  return (
    <Box>
      <Typography variant="body2" id={`person-keys-${userId}`}>
        {userName} created {keys.length === 1 ? 'one API key' : `${keys.length} API keys`}. Keys act with their own
        scope, not their creator's role, so they keep working unless you delete them.
      </Typography>
      <List dense aria-labelledby={`person-keys-${userId}`} sx={{ maxHeight: 180, overflow: 'auto' }}>
        {keys.map((k) => (
          <ListItem key={k.id} disableGutters>
            <ListItemText primary={k.name} secondary={`${k.prefix}… · ${SCOPE_LABEL[k.scope]}`} />
          </ListItem>
        ))}
      </List>
      <FormControlLabel
        control={<Checkbox checked={deleteKeys} onChange={(e) => onDeleteKeysChange(e.target.checked)} />}
        label={`Also delete ${count}`}
      />
    </Box>
  );
}
