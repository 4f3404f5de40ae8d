import { Chip } from '@mui/material';
import ActiveIcon from '@mui/icons-material/CheckCircleOutlined';
import SoonIcon from '@mui/icons-material/Schedule';
import ExpiredIcon from '@mui/icons-material/WarningAmber';
import RevokedIcon from '@mui/icons-material/Block';
import type { ApiKeyRow } from './useApiKeys';
import { EXPIRY_WARNING_DAYS, daysUntil } from './dates';

type Row = Pick<ApiKeyRow, 'status' | 'expiresAt'>;

/** What the admin sees as a key's status: the server's, plus "Expiring soon". */
export type KeyStatus = 'ACTIVE' | 'EXPIRING_SOON' | 'EXPIRED' | 'REVOKED';

export function keyStatus(row: Row, now: number = Date.now()): KeyStatus {
  if (row.status === 'REVOKED' || row.status === 'EXPIRED') return row.status;
  return daysUntil(row.expiresAt, now) <= EXPIRY_WARNING_DAYS ? 'EXPIRING_SOON' : 'ACTIVE';
}

// note: each status has its own colour AND icon AND word, so colour is never the only signal.
const LOOK = {
  ACTIVE: { label: 'Active', color: 'success', icon: <ActiveIcon aria-hidden /> },
  EXPIRING_SOON: { label: 'Expiring soon', color: 'warning', icon: <SoonIcon aria-hidden /> },
  EXPIRED: { label: 'Expired', color: 'default', icon: <ExpiredIcon aria-hidden /> },
  REVOKED: { label: 'Revoked', color: 'error', icon: <RevokedIcon aria-hidden /> },
} as const;

export const STATUS_LABEL: Record<KeyStatus, string> = {
  ACTIVE: LOOK.ACTIVE.label,
  EXPIRING_SOON: LOOK.EXPIRING_SOON.label,
  EXPIRED: LOOK.EXPIRED.label,
  REVOKED: LOOK.REVOKED.label,
};

export function KeyStatusChip({ row, now }: { row: Row; now?: number }) {
  const look = LOOK[keyStatus(row, now)];
  return (
    <Chip
      size="small"
      color={look.color}
      variant={look.color === 'success' ? 'filled' : 'outlined'}
      icon={look.icon}
      label={look.label}
      data-testid="key-status"
      sx={{ fontWeight: 600 }}
    />
  );
}
