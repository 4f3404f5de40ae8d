import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Box, Button, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { ListLoadError, ListLoading } from '../ListStates';
import { ApiReferenceLink } from '../../docs/ApiReferenceLink';
import { useApiKeys } from './useApiKeys';
import { ApiKeysEmptyState } from './ApiKeysEmptyState';
import { ApiKeyList, type ApiKeyRow } from './ApiKeyList';
import { CreateApiKeyDialog, type CreatedKey } from './CreateApiKeyDialog';
import { ShownOnceDialog } from './ShownOnceDialog';
import { DeleteApiKeyDialog } from './DeleteApiKeyDialog';
import { RotateApiKeyDialog } from './RotateApiKeyDialog';
import { EditApiKeyDialog } from './EditApiKeyDialog';
import { ExpiringSoonBanner } from './KeyLifecycleNotes';
import { KeyFilterBar } from './KeyFilterBar';
import { applyView, countsAgainstLimit, isFiltered, viewFromParams, viewToParams, type KeyView } from './keyFilters';
import { neighbourAfterRemoval, rowId, useFocusAfterDialog } from '../../shell/focus';
import { WORDS, quoted } from '../../words';
import { NoticeToast, TabHeader } from '../TabHeader';

const HEADING_ID = 'api-keys-heading';
const LIMIT_ID = 'api-keys-limit';

/** Settings → API keys: list, search, create and rotate (secret shown once), edit and delete keys. */
export function ApiKeysTab() {
  const { state, reload, retry, resume } = useApiKeys();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  // note: the only place the secret lives; set back to null when the dialog closes.
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [deleting, setDeleting] = useState<ApiKeyRow | null>(null);
  const [rotating, setRotating] = useState<ApiKeyRow | null>(null);
  const [editing, setEditing] = useState<ApiKeyRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const focusAfterDialog = useFocusAfterDialog();

  // note: the view lives in state and the URL follows it. Router navigations
  // run as transitions, so two quick changes made through the URL alone would
  // each start from a stale URL and the second would undo the first.
  const [view, setViewState] = useState<KeyView>(() => viewFromParams(params));
  const setView = (next: KeyView) => {
    setViewState(next);
    setParams(viewToParams(next), { replace: true });
  };
  const keys = useMemo(() => (state.status === 'ready' ? state.data.apiKeys : []), [state]);
  const shown = useMemo(() => applyView(keys, view), [keys, view]);
  const limit = state.status === 'ready' ? state.data.apiKeyLimit : null;
  const hasKeys = keys.length > 0;
  const rest = state.status === 'ready' ? state.data.rest : null;
  const complete = rest?.status === 'done';
  const counted = keys.filter(countsAgainstLimit).length;
  // note: while pages are still to come, `counted` is only a lower bound
  // (totalCount includes revoked keys, which do not count), so the counter
  // waits for the whole list and only a sure "at the limit" disables Create;
  // the server answers LIMIT_REACHED in any case.
  const atLimit = limit !== null && counted >= limit;
  const progress =
    state.status === 'ready' && rest?.status === 'loading'
      ? `Loading keys… ${keys.length.toLocaleString('en')} of ${state.data.totalCount.toLocaleString('en')}`
      : '';

  return (
    <Box component="section" aria-labelledby={HEADING_ID}>
      <TabHeader
        headingId={HEADING_ID}
        title={WORDS.apiKeys}
        basis="280px"
        description={
          <>
            Keys let applications call the GraphQL API as your organisation. Only Admins can see and manage them.{' '}
            <ApiReferenceLink>Read the API reference</ApiReferenceLink>
          </>
        }
        action={
          hasKeys && (
            <Box sx={{ display: 'grid', justifyItems: { xs: 'start', sm: 'end' }, gap: 0.5 }}>
              <Button
                variant="contained"
                startIcon={<AddIcon aria-hidden />}
                onClick={() => setCreating(true)}
                disabled={atLimit}
                aria-describedby={LIMIT_ID}
              >
                {WORDS.createApiKey}
              </Button>
              <Typography id={LIMIT_ID} variant="body2" color={atLimit ? 'warning.main' : 'text.secondary'} data-testid="key-count">
                {limit !== null && (complete ? `${counted} of ${limit} keys` : 'Counting keys…')}
              </Typography>
            </Box>
          )
        }
      />

      {atLimit && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="key-limit-reached">
          Your organisation has {counted} of {limit} keys, the most allowed. Delete a key you no longer use to create
          a new one.
        </Alert>
      )}

      {state.status === 'loading' && <ListLoading label="Loading API keys" />}
      {state.status === 'error' && <ListLoadError what="API keys" message={state.message} onRetry={retry} />}
      {state.status === 'ready' && !hasKeys && <ApiKeysEmptyState onCreate={() => setCreating(true)} />}
      {state.status === 'ready' && <ExpiringSoonBanner keys={keys} onRotate={setRotating} />}
      {state.status === 'ready' && hasKeys && (
        <>
          <KeyFilterBar view={view} onChange={setView} />
          <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" sx={{ mb: 1 }}>
            {[isFiltered(view) && `Showing ${shown.length} of ${keys.length} keys${complete ? '' : ' loaded so far'}`, progress]
              .filter(Boolean)
              .join('. ')}
          </Typography>
          {rest?.status === 'error' && (
            <Box sx={{ mb: 1 }}>
              <ListLoadError what="the rest of the API keys" message={rest.message} onRetry={resume} />
            </Box>
          )}
          {shown.length > 0 ? (
            <ApiKeyList keys={shown} onDelete={setDeleting} onRotate={setRotating} onEdit={setEditing} />
          ) : (
            <Box sx={{ py: 4, textAlign: 'center' }} data-testid="api-keys-no-match">
              <Typography sx={{ mb: 1 }}>No keys match these filters.</Typography>
              <Button onClick={() => setView({ q: '', status: 'all', sort: view.sort })}>Clear filters</Button>
            </Box>
          )}
        </>
      )}

      <CreateApiKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
          // The new key must be visible when the shown-once dialog closes.
          if (isFiltered(view)) setView({ q: '', status: 'all', sort: view.sort });
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
          setNotice(`Saved API key ${quoted(name)}.`);
          void reload();
        }}
      />
      <ShownOnceDialog
        created={created}
        onDone={() => {
          if (created) focusAfterDialog({ id: rowId('api-key', created.id), fallbackId: HEADING_ID });
          setCreated(null);
        }}
      />
      <DeleteApiKeyDialog
        apiKey={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(key) => {
          const next = neighbourAfterRemoval(shown, key.id);
          focusAfterDialog({ id: next ? rowId('api-key', next.id) : HEADING_ID, fallbackId: HEADING_ID });
          setDeleting(null);
          setNotice(`Deleted API key ${quoted(key.name)}.`);
          void reload();
        }}
      />
      <NoticeToast notice={notice} onClose={() => setNotice(null)} />
    </Box>
  );
}
