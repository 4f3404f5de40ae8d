import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@mui/material';
import { ApiError, errorMessage, payload, request } from '../../api/client';
import { CreateApiKeyMutation } from '../../api/operations';
import type { ApiKeyScope } from '../../gql/graphql';
import { DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, KEY_NAME_MAX, codePointLength, validateKeyName } from './keyName';
import { DEFAULT_SCOPE, SCOPES, SCOPE_HELP, SCOPE_LABEL } from './scope';

export interface CreatedKey {
  name: string;
  scope: ApiKeyScope;
  secret: string;
  /** Set after a rotation: until when the old secret still works (null: it stopped at once). */
  previousSecretExpiresAt?: string | null;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedKey) => void;
}

/** Asks for a name, an expiry and a scope; server errors stay inside the dialog. */
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
  const [scope, setScope] = useState<ApiKeyScope>(DEFAULT_SCOPE);
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
      const data = await request(CreateApiKeyMutation, { input: { name: name.trim(), expiresInDays: days, scope } });
      const { apiKey, secret } = payload(data.createApiKey);
      onCreated({ name: apiKey.name, scope: apiKey.scope, secret });
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
        <ScopeChoice value={scope} onChange={setScope} />
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

/**
 * A radio group (arrow keys move between choices). Each choice's helper text
 * sits outside its label, so the radio's name stays "Read only", and is tied
 * to it as its description.
 */
function ScopeChoice({ value, onChange }: { value: ApiKeyScope; onChange: (scope: ApiKeyScope) => void }) {
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend" id="key-scope-label" sx={{ mb: 0.5 }}>
        Scope
      </FormLabel>
      <RadioGroup
        aria-labelledby="key-scope-label"
        name="scope"
        value={value}
        onChange={(e) => onChange(e.target.value as ApiKeyScope)}
      >
        {SCOPES.map((s) => (
          <Box key={s} sx={{ mb: 0.5 }}>
            <FormControlLabel
              value={s}
              control={<Radio slotProps={{ input: { 'aria-describedby': `key-scope-${s}-help` } }} />}
              label={SCOPE_LABEL[s]}
              sx={{ mr: 0 }}
            />
            <FormHelperText id={`key-scope-${s}-help`} sx={{ ml: 4, mt: -0.75 }}>
              {SCOPE_HELP[s]}
            </FormHelperText>
          </Box>
        ))}
      </RadioGroup>
    </FormControl>
  );
}
