import {
  Box,
  Chip,
  IconButton,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import WarningIcon from '@mui/icons-material/WarningAmber';
import type { ApiKeysQuery } from '../../gql/graphql';
import { EXPIRY_WARNING_DAYS, daysUntil, formatDate, formatDateTime, lastUsedText, relativeDays } from './dates';

export type ApiKeyRow = ApiKeysQuery['apiKeys'][number];

function StatusChip({ status }: { status: ApiKeyRow['status'] }) {
  if (status === 'ACTIVE') {
    return <Chip size="small" color="success" label="Active" sx={{ fontWeight: 600 }} />;
  }
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      icon={<WarningIcon aria-hidden />}
      label="Expired"
      sx={{ fontWeight: 600 }}
    />
  );
}

function Expires({ row, now }: { row: ApiKeyRow; now: number }) {
  const days = daysUntil(row.expiresAt, now);
  const soon = row.status === 'ACTIVE' && days <= EXPIRY_WARNING_DAYS;
  return (
    <Box title={formatDateTime(row.expiresAt)}>
      <div>{formatDate(row.expiresAt)}</div>
      <Typography
        variant="body2"
        component="div"
        color={soon ? 'warning.main' : 'text.secondary'}
        sx={{ display: 'flex', alignItems: 'center', gap: 0.5, fontWeight: soon ? 600 : undefined }}
      >
        {soon && <WarningIcon fontSize="inherit" aria-hidden />}
        {row.status === 'EXPIRED' ? `expired ${relativeDays(days)}` : relativeDays(days)}
        {soon && <Box component="span" sx={visuallyHidden}>, expires soon</Box>}
      </Typography>
    </Box>
  );
}

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** The organisation's keys, newest first, as the server orders them. */
export function ApiKeyList({ keys, onDelete, now = Date.now() }: { keys: ApiKeyRow[]; onDelete: (key: ApiKeyRow) => void; now?: number }) {
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ position: 'relative' }}>
      <Table aria-label="API keys" sx={{ minWidth: 640 }}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Created</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell align="right">
              <Box component="span" sx={visuallyHidden}>
                Actions
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.map((k) => (
            <TableRow key={k.id} data-testid="api-key-row">
              <TableCell sx={{ maxWidth: 260 }}>
                <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{k.name}</Typography>
                <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}>
                  {k.prefix}…
                </Typography>
              </TableCell>
              <TableCell>
                <StatusChip status={k.status} />
              </TableCell>
              <TableCell>
                <Box title={formatDateTime(k.createdAt)}>{formatDate(k.createdAt)}</Box>
                {k.createdBy && (
                  <Typography variant="body2" color="text.secondary">
                    by {k.createdBy.name}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Expires row={k} now={now} />
              </TableCell>
              <TableCell title={k.lastUsedAt ? formatDateTime(k.lastUsedAt) : undefined}>{lastUsedText(k.lastUsedAt, now)}</TableCell>
              <TableCell align="right">
                <Tooltip title="Delete" describeChild>
                  <IconButton aria-label={`Delete API key ${k.name}`} onClick={() => onDelete(k)}>
                    <DeleteIcon />
                  </IconButton>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
