import { useState } from 'react';
import { Box, Checkbox, FormControlLabel, FormHelperText } from '@mui/material';
import { request } from '../../api/client';
import { UpdateApiKeyMutation } from '../../api/operations';
import type { ApiKeyRow } from './ApiKeyList';
import { KEY_NAME_MAX, validateKeyName } from '../validation';
import { textLength, trimText } from '../../text/text';
import { CheckedField, DialogForm, FormDialog, useSubmit } from '../form';

interface Props {
  apiKey: ApiKeyRow | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** Renames a key, or narrows it to Read only. A scope is never widened. */
export function EditApiKeyDialog({ apiKey, onClose, onSaved }: Props) {
  return (
    <FormDialog open={apiKey !== null} onClose={onClose} titleId="edit-key-title">
      {apiKey && <EditForm apiKey={apiKey} onClose={onClose} onSaved={onSaved} />}
    </FormDialog>
  );
}

function EditForm({ apiKey, onClose, onSaved }: Props & { apiKey: ApiKeyRow }) {
  const [name, setName] = useState(apiKey.name);
  const [readOnly, setReadOnly] = useState(apiKey.scope === 'READ_ONLY');
  const { busy, submit, fieldError, formError, clearFieldError } = useSubmit(['name'] as const);
  // note: a rename is checked as it is typed, not only once tried: the name starts valid.
  const nameError = validateKeyName(name) ?? fieldError('name');

  const onSubmit = () => {
    if (validateKeyName(name)) {
      document.getElementById('edit-key-name')?.focus();
      return;
    }
    void submit(async () => {
      const input = {
        ...(trimText(name) !== apiKey.name ? { name: trimText(name) } : {}),
        ...(readOnly && apiKey.scope !== 'READ_ONLY' ? { scope: 'READ_ONLY' as const } : {}),
      };
      const data = await request(UpdateApiKeyMutation, { input: { id: apiKey.id, ...input } });
      onSaved(data.updateApiKey?.apiKey.name ?? trimText(name));
    });
  };

  return (
    <DialogForm
      titleId="edit-key-title"
      title="Edit API key"
      onSubmit={onSubmit}
      onCancel={onClose}
      busy={busy}
      submitLabel="Save"
      busyLabel="Saving…"
      formError={formError}
    >
      <CheckedField
        id="edit-key-name"
        label="Key name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          clearFieldError('name');
        }}
        problem={nameError}
        hint={`${textLength(trimText(name))}/${KEY_NAME_MAX}`}
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
    </DialogForm>
  );
}
