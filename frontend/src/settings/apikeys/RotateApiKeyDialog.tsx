import { useState } from 'react';
import {
  Box,
  DialogContentText,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@mui/material';
import { request } from '../../api/client';
import { RotateApiKeyMutation } from '../../api/operations';
import type { ApiKeyRow } from './ApiKeyList';
import type { CreatedKey } from './CreateApiKeyDialog';
import { EXPIRY_CHOICES } from './dates';
import { DialogForm, FormDialog, useSubmit } from '../form';

/** How long the old secret keeps working, as offered; the server's default is 24 hours. */
export const GRACE_CHOICES = [
  { hours: 0, label: 'None', help: 'The old secret stops working now.' },
  { hours: 1, label: '1 hour', help: 'For a quick redeploy.' },
  { hours: 24, label: '24 hours', help: 'Time to update every application. Recommended.' },
  { hours: 168, label: '7 days', help: 'For applications that are deployed rarely.' },
] as const;
const DEFAULT_GRACE = 24;
/** The select's value for "keep the key's lifetime": the server then reuses it. */
const SAME_LIFETIME = 0;

interface Props {
  apiKey: ApiKeyRow | null;
  onClose: () => void;
  /** Gets the new secret, for the shown-once dialog. */
  onRotated: (key: CreatedKey) => void;
}

/** Rotates a key: a grace period for the old secret, and the new secret's lifetime. */
export function RotateApiKeyDialog({ apiKey, onClose, onRotated }: Props) {
  return (
    <FormDialog open={apiKey !== null} onClose={onClose}>
      {apiKey && <RotateForm apiKey={apiKey} onRotated={onRotated} />}
    </FormDialog>
  );
}

function RotateForm({ apiKey, onRotated }: Pick<Props, 'onRotated'> & { apiKey: ApiKeyRow }) {
  const [grace, setGrace] = useState<number>(DEFAULT_GRACE);
  const [days, setDays] = useState<number>(SAME_LIFETIME);
  const { busy, submit, formError } = useSubmit([]);

  const onSubmit = () => {
    void submit(async () => {
      const input = { graceHours: grace, ...(days === SAME_LIFETIME ? {} : { expiresInDays: days }) };
      const data = await request(RotateApiKeyMutation, { input: { id: apiKey.id, ...input } });
      if (!data.rotateApiKey) throw new Error('The key could not be rotated. Try again.');
      const { apiKey: key, secret } = data.rotateApiKey;
      // note: secret is null only for a replayed idempotencyKey, which the admin never sends.
      if (secret == null) throw new Error('The key was rotated but its new secret was not returned. Rotate it again.');
      onRotated({ id: key.id, name: key.name, scope: key.scope, secret, previousSecretExpiresAt: key.previousSecretExpiresAt ?? null });
    });
  };

  return (
    <DialogForm
      title={`Rotate API key “${apiKey.name}”`}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel="Rotate"
      busyLabel="Rotating…"
      formError={formError}
      intro={
        <DialogContentText>
          The key gets a new secret and keeps its name, scope and history. Deploy the new secret, then the old one
          stops working.
        </DialogContentText>
      }
    >
      <FormControl component="fieldset">
        <FormLabel component="legend" id="rotate-grace-label" sx={{ mb: 0.5 }}>
          The old secret keeps working for
        </FormLabel>
        <RadioGroup
          aria-labelledby="rotate-grace-label"
          name="grace"
          value={String(grace)}
          onChange={(e) => setGrace(Number(e.target.value))}
        >
          {GRACE_CHOICES.map((g) => (
            <FormControlLabel
              key={g.hours}
              value={String(g.hours)}
              control={<Radio slotProps={{ input: { 'aria-describedby': `rotate-grace-${g.hours}-help` } }} />}
              label={
                <span>
                  {g.label}
                  <Box component="span" id={`rotate-grace-${g.hours}-help`} sx={{ color: 'text.secondary', ml: 1 }}>
                    {g.help}
                  </Box>
                </span>
              }
            />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        id="rotate-expiry"
        select
        label="New secret expires in"
        value={days}
        onChange={(e) => setDays(Number(e.target.value))}
        fullWidth
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value={SAME_LIFETIME}>Same lifetime as before</option>
        {EXPIRY_CHOICES.map((d) => (
          <option key={d} value={d}>
            {d} days
          </option>
        ))}
      </TextField>
    </DialogForm>
  );
}
