import { useState } from 'react';
import { Box, Checkbox, FormControlLabel, FormHelperText } from '@mui/material';
import { request } from '../../api/client';
import { UpdateApiKeyMutation } from '../../api/operations';
import type { ApiKeyRow } from './ApiKeyList';
import { validateKeyName } from '../validation';
import { trimText } from '../../text/text';
import { DialogForm, FormDialog, useSubmit } from '../form';
import { KeyNameField } from './KeyNameField';

interface Props {
  apiKey: ApiKeyRow | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** Renames a key, or narrows it to Read only. A scope is never widened. */
export function EditApiKeyDialog({ apiKey, onClose, onSaved }: Props) {
  return (
    <FormDialog open={apiKey !== null} onClose={onClose}>
      {apiKey && <EditForm apiKey={apiKey} onSaved={onSaved} />}
    </FormDialog>
  );
}

function EditForm({ apiKey, onSaved }: Pick<Props, 'onSaved'> & { apiKey: ApiKeyRow }) {
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
      title="Edit API key"
      onSubmit={onSubmit}
      busy={busy}
      submitLabel="Save"
      busyLabel="Saving…"
      formError={formError}
    >
      <KeyNameField
        id="edit-key-name"
        name={name}
        onName={(next) => {
          setName(next);
          clearFieldError('name');
        }}
        problem={nameError}
        autoFocus
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
