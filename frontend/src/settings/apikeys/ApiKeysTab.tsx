import { useState } from 'react';
import { Alert, Box, Button, CircularProgress, Snackbar, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useQuery } from '../../api/useQuery';
import { ApiReferenceLink } from '../../docs/ApiReferenceLink';
import { ApiKeysQuery } from '../../api/operations';
import { ApiKeysEmptyState } from './ApiKeysEmptyState';
import { ApiKeyList, type ApiKeyRow } from './ApiKeyList';
import { CreateApiKeyDialog, type CreatedKey } from './CreateApiKeyDialog';
import { ShownOnceDialog } from './ShownOnceDialog';
import { DeleteApiKeyDialog } from './DeleteApiKeyDialog';
import { RotateApiKeyDialog } from './RotateApiKeyDialog';
import { EditApiKeyDialog } from './EditApiKeyDialog';
import { ExpiringSoonBanner } from './KeyLifecycleNotes';

/** Settings → API Keys: list, create and rotate (secret shown once), edit and delete keys. */
export function ApiKeysTab() {
  const { state, reload, retry } = useQuery(ApiKeysQuery);
  const [creating, setCreating] = useState(false);
  // note: the only place the secret lives; set back to null when the dialog closes.
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [deleting, setDeleting] = useState<ApiKeyRow | null>(null);
  const [rotating, setRotating] = useState<ApiKeyRow | null>(null);
  const [editing, setEditing] = useState<ApiKeyRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const keys = state.status === 'ready' ? state.data.apiKeys : [];
  const hasKeys = keys.length > 0;

  return (
    <Box component="section" aria-labelledby="api-keys-heading">
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'flex-start',
          justifyContent: 'space-between',
          gap: 2,
          mb: 2,
        }}
      >
        <Box sx={{ minWidth: 0, flex: '1 1 280px' }}>
          <Typography id="api-keys-heading" component="h2" variant="h6" sx={{ fontWeight: 600 }}>
            API Keys
          </Typography>
          <Typography color="text.secondary" variant="body2">
            Keys let applications call the GraphQL API as your organisation. Only Admins can see and manage them.{' '}
            <ApiReferenceLink>Read the API reference</ApiReferenceLink>
          </Typography>
        </Box>
        {hasKeys && (
          <Button variant="contained" startIcon={<AddIcon aria-hidden />} onClick={() => setCreating(true)}>
            Create new key
          </Button>
        )}
      </Box>

      {state.status === 'loading' && (
        <Box sx={{ display: 'grid', placeItems: 'center', py: 6 }} role="status" aria-live="polite">
          <CircularProgress aria-label="Loading API keys" />
        </Box>
      )}
      {state.status === 'error' && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={retry}>
              Try again
            </Button>
          }
        >
          Could not load API keys. {state.message}
        </Alert>
      )}
      {state.status === 'ready' && !hasKeys && <ApiKeysEmptyState onCreate={() => setCreating(true)} />}
      {state.status === 'ready' && <ExpiringSoonBanner keys={keys} onRotate={setRotating} />}
      {state.status === 'ready' && hasKeys && (
        <ApiKeyList keys={keys} onDelete={setDeleting} onRotate={setRotating} onEdit={setEditing} />
      )}

      <CreateApiKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
          void reload();
        }}
      />
      <RotateApiKeyDialog
        apiKey={rotating}
        onClose={() => setRotating(null)}
        onRotated={(key) => {
          setRotating(null);
          setCreated(key);
          void reload();
        }}
      />
      <EditApiKeyDialog
        apiKey={editing}
        onClose={() => setEditing(null)}
        onSaved={(name) => {
          setEditing(null);
          setNotice(`Saved API key “${name}”.`);
          void reload();
        }}
      />
      <ShownOnceDialog created={created} onDone={() => setCreated(null)} />
      <DeleteApiKeyDialog
        apiKey={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(key) => {
          setDeleting(null);
          setNotice(`Deleted API key “${key.name}”.`);
          void reload();
        }}
      />
      <Snackbar
        open={notice !== null}
        autoHideDuration={5000}
        onClose={() => setNotice(null)}
        message={notice}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </Box>
  );
}
