import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@mui/material';
import { errorMessage, request } from '../../api/client';
import { RotateApiKeyMutation } from '../../api/operations';
import type { ApiKeyRow } from './ApiKeyList';
import type { CreatedKey } from './CreateApiKeyDialog';
import { EXPIRY_CHOICES } from './keyName';

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
    <Dialog open={apiKey !== null} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="rotate-key-title">
      {apiKey && <RotateForm apiKey={apiKey} onClose={onClose} onRotated={onRotated} />}
    </Dialog>
  );
}

function RotateForm({ apiKey, onClose, onRotated }: Props & { apiKey: ApiKeyRow }) {
  const [grace, setGrace] = useState<number>(DEFAULT_GRACE);
  const [days, setDays] = useState<number>(SAME_LIFETIME);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = { graceHours: grace, ...(days === SAME_LIFETIME ? {} : { expiresInDays: days }) };
      const data = await request(RotateApiKeyMutation, { input: { id: apiKey.id, ...input } });
      if (!data.rotateApiKey) throw new Error('The key could not be rotated. Try again.');
      const { apiKey: key, secret } = data.rotateApiKey;
      onRotated({ id: key.id, name: key.name, scope: key.scope, secret, previousSecretExpiresAt: key.previousSecretExpiresAt ?? null });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={onSubmit} noValidate>
      <DialogTitle id="rotate-key-title">Rotate API key “{apiKey.name}”</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2.5 }}>
        <DialogContentText>
          The key gets a new secret and keeps its name, scope and history. Deploy the new secret, then the old one
          stops working.
        </DialogContentText>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
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
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? 'Rotating…' : 'Rotate'}
        </Button>
      </DialogActions>
    </Box>
  );
}
