import { Link as RouterLink } from 'react-router';
import {
  Box,
  Chip,
  Link,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import WarningIcon from '@mui/icons-material/WarningAmber';
import type { ApiKeyRow } from './useApiKeys';
import { SCOPE_LABEL } from './scope';
import { daysUntil, formatDateTime, lastUsedText, relativeDays } from './dates';
import { KeyStatusChip, keyStatus } from './keyStatus';
import { KeyRowActions, type KeyActions } from './KeyRowActions';
import { KeyLifecycleNote } from './KeyLifecycleNotes';
import { ListCard, ListCards, ListTable, useNarrow } from '../ListStates';
import { rowId } from '../../shell/focus';
import { InsightChips } from './InsightChips';
import { UsageSparkline } from './UsageSparkline';

export type { ApiKeyRow };

function ScopeChip({ scope }: { scope: ApiKeyRow['scope'] }) {
  return <Chip size="small" variant="outlined" label={SCOPE_LABEL[scope]} />;
}

/**
 * A date and time with its zone, which breaks, if it must, only between the
 * date and the time ("Nov 27, 2026," / "02:56 UTC"), never inside either.
 */
function When({ iso }: { iso: string }) {
  const text = formatDateTime(iso);
  const cut = text.lastIndexOf(', ');
  return (
    <time dateTime={iso}>
      <span style={{ whiteSpace: 'nowrap' }}>{text.slice(0, cut + 1)}</span>{' '}
      <span style={{ whiteSpace: 'nowrap' }}>{text.slice(cut + 2)}</span>
    </time>
  );
}

function Expires({ row, now }: { row: ApiKeyRow; now: number }) {
  const days = daysUntil(row.expiresAt, now);
  const soon = keyStatus(row, now) === 'EXPIRING_SOON';
  return (
    <Box>
      <When iso={row.expiresAt} />
      {soon ? (
        <Chip
          size="small"
          color="warning"
          variant="outlined"
          icon={<WarningIcon aria-hidden />}
          label={days <= 0 ? 'Expires today' : `Expires in ${days} day${days === 1 ? '' : 's'}`}
          data-testid="expiry-badge"
          sx={{ mt: 0.5, fontWeight: 600 }}
        />
      ) : row.status === 'REVOKED' ? null : (
        <Typography variant="body2" component="div" color="text.secondary">
          {row.status === 'EXPIRED' ? `expired ${relativeDays(days)}` : relativeDays(days)}
        </Typography>
      )}
    </Box>
  );
}

function LastUsed({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <>{lastUsedText(iso, now)}</>;
  return (
    <>
      <div>{lastUsedText(iso, now)}</div>
      <Typography variant="body2" component="div" color="text.secondary">
        <When iso={iso} />
      </Typography>
    </>
  );
}

/** The key's name, linking to its detail page. */
function KeyName({ row }: { row: ApiKeyRow }) {
  return (
    <Link component={RouterLink} to={`/settings/api-keys/${row.id}`} sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
      {row.name}
    </Link>
  );
}

const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

interface ListProps extends KeyActions {
  keys: ApiKeyRow[];
  now?: number;
}

/**
 * The keys as a table, or as cards below 900 px. note: 900, not 600: at 200%
 * zoom a 1280 px window is 640 CSS px wide, too narrow for the columns. The
 * table fits a 1280 px window without sideways scrolling: scope shares the
 * status column, and dates wrap between words (see theme.ts).
 */
export function ApiKeyList(props: ListProps) {
  const narrow = useNarrow('md');
  return narrow ? <ApiKeyCards {...props} /> : <ApiKeyTable {...props} />;
}

function ApiKeyCards({ keys, now = Date.now(), ...actions }: ListProps) {
  return (
    <ListCards label="API keys">
      {keys.map((k) => (
        <ListCard key={k.id} id={rowId('api-key', k.id)} label={`API key ${k.name}`} testId="api-key-row" position="relative">
          <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <KeyName row={k} />
              <Typography variant="body2" color="text.secondary" sx={{ fontFamily: mono }}>
                {k.prefix}…
              </Typography>
              <InsightChips insights={k.insights} />
            </Box>
            <KeyStatusChip row={k} now={now} />
          </Box>
          <KeyLifecycleNote row={k} />
          <Box sx={{ ml: -1 }}>
            <KeyRowActions row={k} {...actions} />
          </Box>
          <Box
            component="dl"
            sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.75, m: 0, mt: 1.5 }}
          >
            <Typography component="dt" variant="body2" color="text.secondary">
              Scope
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {SCOPE_LABEL[k.scope]}
            </Typography>
            <Typography component="dt" variant="body2" color="text.secondary">
              Created
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              <time dateTime={k.createdAt}>{formatDateTime(k.createdAt)}</time>
              {k.createdBy && ` by ${k.createdBy.name}`}
            </Typography>
            <Typography component="dt" variant="body2" color="text.secondary">
              Expires
            </Typography>
            <Box component="dd" sx={{ m: 0, typography: 'body2' }}>
              <Expires row={k} now={now} />
            </Box>
            <Typography component="dt" variant="body2" color="text.secondary">
              Last used
            </Typography>
            <Box component="dd" sx={{ m: 0, typography: 'body2' }}>
              <LastUsed iso={k.lastUsedAt} now={now} />
            </Box>
            <Typography component="dt" variant="body2" color="text.secondary">
              Usage (30 days)
            </Typography>
            <Box component="dd" sx={{ m: 0 }}>
              <UsageSparkline usage={k.usage} />
            </Box>
          </Box>
        </ListCard>
      ))}
    </ListCards>
  );
}

function ApiKeyTable({ keys, now = Date.now(), ...actions }: ListProps) {
  return (
    <ListTable
      label="API keys"
      columns={['Name', 'Status and scope', 'Created', 'Expires', 'Last used', 'Usage (30 days)']}
      actions
      container={{ sx: { position: 'relative' } }}
    >
      {keys.map((k) => (
        <TableRow key={k.id} id={rowId('api-key', k.id)} tabIndex={-1} data-testid="api-key-row">
          <TableCell sx={{ maxWidth: 260 }}>
            <KeyName row={k} />
            <Typography variant="body2" color="text.secondary" sx={{ fontFamily: mono }}>
              {k.prefix}…
            </Typography>
            <KeyLifecycleNote row={k} />
            <InsightChips insights={k.insights} />
          </TableCell>
          <TableCell>
            <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 0.5 }}>
              <KeyStatusChip row={k} now={now} />
              <ScopeChip scope={k.scope} />
            </Box>
          </TableCell>
          <TableCell>
            <When iso={k.createdAt} />
            {k.createdBy && (
              <Typography variant="body2" color="text.secondary">
                by {k.createdBy.name}
              </Typography>
            )}
          </TableCell>
          <TableCell>
            <Expires row={k} now={now} />
          </TableCell>
          <TableCell>
            <LastUsed iso={k.lastUsedAt} now={now} />
          </TableCell>
          <TableCell>
            <UsageSparkline usage={k.usage} />
          </TableCell>
          <TableCell align="right">
            <KeyRowActions row={k} {...actions} />
          </TableCell>
        </TableRow>
      ))}
    </ListTable>
  );
}
