import { Alert, Box, Button, Typography } from '@mui/material';
import type { ApiKeyRow } from './ApiKeyList';
import { formatDate, formatDateTime } from './dates';
import { keyStatus } from './keyStatus';

/**
 * What a row says about rotation and revocation: "Previous secret works
 * until …" during a grace period, and where a revoked key was found.
 */
export function KeyLifecycleNote({ row }: { row: ApiKeyRow }) {
  if (row.status === 'REVOKED') {
    return (
      <Typography variant="body2" color="error" data-testid="revocation-note" sx={{ overflowWrap: 'anywhere' }}>
        Revoked{row.revokedAt && ` ${formatDate(row.revokedAt)}`}: {row.revocationNote ?? 'reported as leaked'}
      </Typography>
    );
  }
  if (row.previousSecretExpiresAt) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="previous-secret-note">
        Previous secret works until {formatDateTime(row.previousSecretExpiresAt)}
      </Typography>
    );
  }
  return null;
}

/** Names how many keys expire within 7 days, and offers to rotate them. */
export function ExpiringSoonBanner({
  keys,
  onRotate,
  now = Date.now(),
}: {
  keys: ApiKeyRow[];
  onRotate: (key: ApiKeyRow) => void;
  now?: number;
}) {
  const soon = keys.filter((k) => keyStatus(k, now) === 'EXPIRING_SOON');
  if (soon.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="expiring-banner">
      <Typography sx={{ fontWeight: 600 }}>
        {soon.length === 1 ? '1 key expires' : `${soon.length} keys expire`} within 7 days.
      </Typography>
      <Typography variant="body2">Rotate to give a key a new secret and lifetime without changing its name or scope.</Typography>
      <Box component="ul" sx={{ m: 0, mt: 1, pl: 0, listStyle: 'none', display: 'grid', gap: 0.5 }}>
        {soon.map((k) => (
          <Box component="li" key={k.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <span>
              <strong>{k.name}</strong> expires {formatDateTime(k.expiresAt)}
            </span>
            <Button size="small" color="inherit" variant="outlined" onClick={() => onRotate(k)} aria-label={`Rotate ${k.name}`}>
              Rotate
            </Button>
          </Box>
        ))}
      </Box>
    </Alert>
  );
}
