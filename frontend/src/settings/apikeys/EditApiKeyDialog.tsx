import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  TextField,
} from '@mui/material';
import { ApiError, errorMessage, request } from '../../api/client';
import { UpdateApiKeyMutation } from '../../api/operations';
import type { ApiKeyRow } from './ApiKeyList';
import { KEY_NAME_MAX, codePointLength, validateKeyName } from './keyName';
import { trimText } from '../../text/text';

interface Props {
  apiKey: ApiKeyRow | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** Renames a key, or narrows it to Read only. A scope is never widened. */
export function EditApiKeyDialog({ apiKey, onClose, onSaved }: Props) {
  return (
    <Dialog open={apiKey !== null} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="edit-key-title">
      {apiKey && <EditForm apiKey={apiKey} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditForm({ apiKey, onClose, onSaved }: Props & { apiKey: ApiKeyRow }) {
  const [name, setName] = useState(apiKey.name);
  const [readOnly, setReadOnly] = useState(apiKey.scope === 'READ_ONLY');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const nameError = validateKeyName(name);
  const nameServerError = error && (error.field === 'name' || error.code === 'DUPLICATE_NAME');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (nameError) {
      document.getElementById('edit-key-name')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = {
        ...(trimText(name) !== apiKey.name ? { name: trimText(name) } : {}),
        ...(readOnly && apiKey.scope !== 'READ_ONLY' ? { scope: 'READ_ONLY' as const } : {}),
      };
      const data = await request(UpdateApiKeyMutation, { input: { id: apiKey.id, ...input } });
      onSaved(data.updateApiKey?.apiKey.name ?? trimText(name));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(errorMessage(err), 'INTERNAL'));
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={onSubmit} noValidate>
      <DialogTitle id="edit-key-title">Edit API key</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2.5, pt: '8px !important' }}>
        {error && !nameServerError && (
          <Alert severity="error" role="alert">
            {error.message}
          </Alert>
        )}
        <TextField
          id="edit-key-name"
          label="Key name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (nameServerError) setError(null);
          }}
          error={nameError !== null || Boolean(nameServerError)}
          helperText={
            nameServerError ? error.message : (nameError ?? `${codePointLength(trimText(name))}/${KEY_NAME_MAX}`)
          }
          required
          fullWidth
          autoFocus
          slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
        />
        <Box>
          <FormControlLabel
            control={
              <Checkbox
                checked={readOnly}
                disabled={apiKey.scope === 'READ_ONLY'}
                onChange={(e) => setReadOnly(e.target.checked)}
                slotProps={{ input: { 'aria-describedby': 'edit-key-scope-help' } }}
              />
            }
            label="Read only"
          />
          <FormHelperText id="edit-key-scope-help" sx={{ ml: 4, mt: -0.5 }}>
            {apiKey.scope === 'READ_ONLY'
              ? 'This key is Read only. A scope cannot be widened: create a new key for write access.'
              : 'The key can then only read governance data, from its next request. This cannot be undone.'}
          </FormHelperText>
        </Box>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </Button>
      </DialogActions>
    </Box>
  );
}
