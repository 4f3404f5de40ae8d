import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { ApiError, errorMessage, request } from '../../api/client';
import { CreateApiKeyMutation } from '../../api/operations';
import { DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, KEY_NAME_MAX, codePointLength, validateKeyName } from './keyName';

export interface CreatedKey {
  name: string;
  secret: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedKey) => void;
}

/** Asks for a name and an expiry; server errors stay inside the dialog. */
export function CreateApiKeyDialog({ open, onClose, onCreated }: Props) {
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="create-key-title">
      {open && <CreateApiKeyForm onClose={onClose} onCreated={onCreated} />}
    </Dialog>
  );
}

function CreateApiKeyForm({ onClose, onCreated }: Omit<Props, 'open'>) {
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [days, setDays] = useState<number>(DEFAULT_EXPIRY_DAYS);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);

  const nameError = validateKeyName(name);
  const showNameError = touched && nameError !== null;
  const serverFieldError = serverError && (serverError.field === 'name' || serverError.code === 'DUPLICATE_NAME');
  const length = codePointLength(name.trim());

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameError) {
      document.getElementById('key-name')?.focus();
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      const data = await request(CreateApiKeyMutation, { input: { name: name.trim(), expiresInDays: days } });
      onCreated({ name: data.createApiKey.apiKey.name, secret: data.createApiKey.secret });
    } catch (err) {
      setServerError(err instanceof ApiError ? err : new ApiError(errorMessage(err), 'INTERNAL'));
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={onSubmit} noValidate>
      <DialogTitle id="create-key-title">Create API key</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2.5, pt: '8px !important' }}>
        {serverError && (
          <Alert severity="error" role="alert">
            {serverError.message}
          </Alert>
        )}
        <TextField
          id="key-name"
          label="Key name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
            if (serverFieldError) setServerError(null);
          }}
          onBlur={() => name !== '' && setTouched(true)}
          error={showNameError || Boolean(serverFieldError)}
          helperText={
            showNameError
              ? nameError
              : `What uses this key, e.g. “CI pipeline” or “Billing service”. ${length}/${KEY_NAME_MAX}`
          }
          autoFocus
          required
          fullWidth
          slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
        />
        <TextField
          id="key-expiry"
          select
          label="Expires in"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          helperText="The key stops working after this. Create a new key before then."
          fullWidth
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          {EXPIRY_CHOICES.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? 'Creating…' : 'Create'}
        </Button>
      </DialogActions>
    </Box>
  );
}
