import { useState } from 'react';
import {
  Box,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@mui/material';
import { payload, request } from '../../api/client';
import { CreateApiKeyMutation } from '../../api/operations';
import type { ApiKeyScope } from '../../gql/graphql';
import { validateKeyName } from '../validation';
import { trimText } from '../../text/text';
import { KeyNameField } from './KeyNameField';
import { DAY_MS, DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, formatDateTime } from './dates';
import { DialogForm, FormDialog, useSubmit } from '../form';
import { WORDS } from '../../words';
import { DEFAULT_SCOPE, SCOPES, SCOPE_HELP, SCOPE_LABEL } from './scope';

export interface CreatedKey {
  id: string;
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

/** Asks for a name, an expiry and a scope; server errors stay inside the dialog, under their field. */
export function CreateApiKeyDialog({ open, onClose, onCreated }: Props) {
  return (
    <FormDialog open={open} onClose={onClose}>
      <CreateApiKeyForm onCreated={onCreated} />
    </FormDialog>
  );
}

function CreateApiKeyForm({ onCreated }: Pick<Props, 'onCreated'>) {
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(DEFAULT_EXPIRY_DAYS);
  const [scope, setScope] = useState<ApiKeyScope>(DEFAULT_SCOPE);
  const { busy, submit, setTried, check, shown, fieldError, formError, clearFieldError } = useSubmit([
    'name',
    'expiresInDays',
  ] as const);

  const problems = { name: validateKeyName(name) };
  const expiresOn = formatDateTime(new Date(Date.now() + days * DAY_MS).toISOString());

  const onSubmit = () => {
    if (!check(problems, (f) => `key-${f}`)) return;
    void submit(async () => {
      const data = await request(CreateApiKeyMutation, { input: { name: trimText(name), expiresInDays: days, scope } });
      const { apiKey, secret } = payload(data.createApiKey);
      // note: secret is null only for a replayed idempotencyKey, which the admin never sends.
      if (secret == null) throw new Error('The key was created but its secret was not returned. Delete it and create another.');
      onCreated({ id: apiKey.id, name: apiKey.name, scope: apiKey.scope, secret });
    });
  };

  return (
    <DialogForm
      title={WORDS.createApiKey}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={WORDS.createApiKey}
      busyLabel={WORDS.creatingApiKey}
      formError={formError}
    >
      <KeyNameField
        id="key-name"
        name={name}
        onName={(next) => {
          setName(next);
          // note: a name is checked as it is typed, not only once tried.
          setTried(true);
          clearFieldError('name');
        }}
        onBlur={() => name !== '' && setTried(true)}
        problem={shown('name', problems)}
        hint="What uses this key, e.g. “CI pipeline” or “Billing service”. "
        autoFocus
      />
      <TextField
        id="key-expiry"
        select
        label="Expires in"
        value={days}
        onChange={(e) => {
          setDays(Number(e.target.value));
          clearFieldError('expiresInDays');
        }}
        error={fieldError('expiresInDays') !== null}
        helperText={
          fieldError('expiresInDays') ?? (
            <span aria-live="polite" data-testid="key-expires-on">
              Expires on {expiresOn}. The key stops working then; create a new key before.
            </span>
          )
        }
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
    </DialogForm>
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
