import { Suspense, lazy, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Link,
  Paper,
  Snackbar,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useQueryWith } from '../../api/useQueryWith';
import type { ApiKeyDetailQuery as ApiKeyDetail } from '../../gql/graphql';
import { AuditEventTable } from '../audit/AuditEventTable';
import { ListLoadError, ListLoading } from '../ListStates';
import { visuallyHidden } from '../visuallyHidden';
import { formatDateTime, lastUsedText } from './dates';
import { DeleteApiKeyDialog } from './DeleteApiKeyDialog';
import { INSIGHT_LABEL, INSIGHT_SEVERITY } from './InsightChips';
import { SCOPE_LABEL } from './scope';
import { KeyStatusChip, STATUS_LABEL, keyStatus } from './keyStatus';
import { USAGE_SERIES, succeeded, type UsageDay } from './usageSeries';
import { ApiKeyDetailQuery } from './usageOperations';

// note: the chart library is its own chunk, loaded when a detail page first shows usage.
const UsageChart = lazy(() => import('./UsageChart'));

type Key = Extract<NonNullable<ApiKeyDetail['node']>, { __typename: 'ApiKey' }>;

/** Settings → API Keys → one key: its fields, 30 days of usage, advice with actions, and its audit events. */
export function ApiKeyDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { state, retry } = useQueryWith(ApiKeyDetailQuery, { id });
  const [deleting, setDeleting] = useState<Key | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const back = (
    <Link component={RouterLink} to="/settings/api-keys" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mb: 2 }}>
      <ArrowBackIcon fontSize="small" aria-hidden />
      All API keys
    </Link>
  );
  if (state.status === 'loading') {
    return (
      <Box>
        {back}
        <ListLoading label="Loading the API key" />
      </Box>
    );
  }
  // note: an id that is no key of this organisation (deleted, mistyped, another type) reads as not found.
  const gone = state.status === 'error' && (state.code === 'NOT_FOUND' || state.code === 'BAD_USER_INPUT');
  if (state.status === 'error' && !gone) {
    return (
      <Box>
        {back}
        <ListLoadError what="this API key" message={state.message} onRetry={retry} />
      </Box>
    );
  }
  const key = state.status === 'ready' && state.data.node?.__typename === 'ApiKey' ? state.data.node : null;
  if (state.status !== 'ready' || !key) {
    return (
      <Box>
        {back}
        <Typography component="h2" variant="h6" sx={{ fontWeight: 600 }}>
          API key not found
        </Typography>
        <Typography color="text.secondary">It may have been deleted. Go back to the list of API keys.</Typography>
      </Box>
    );
  }

  return (
    <Box component="section" aria-labelledby="key-heading">
      {back}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 2 }}>
        <Typography id="key-heading" component="h2" variant="h5" sx={{ fontWeight: 600, overflowWrap: 'anywhere', mr: 1 }}>
          {key.name}
        </Typography>
        <KeyStatusChip row={key} />
        <Chip size="small" variant="outlined" label={SCOPE_LABEL[key.scope]} />
        <Box sx={{ flex: 1 }} />
        <Button color="error" variant="outlined" onClick={() => setDeleting(key)}>
          Delete key
        </Button>
      </Box>

      {key.insights.length > 0 && (
        <Box component="section" aria-labelledby="insights-heading" sx={{ mb: 3 }}>
          <Typography id="insights-heading" component="h3" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
            Insights
          </Typography>
          <Box sx={{ display: 'grid', gap: 1 }}>
            {key.insights.map((i) => (
              <Alert
                key={i.kind}
                severity={INSIGHT_SEVERITY[i.kind]}
                data-testid={`insight-${i.kind}`}
                action={
                  i.kind === 'NEVER_USED' || i.kind === 'UNUSED' ? (
                    <Button color="inherit" size="small" onClick={() => setDeleting(key)}>
                      Delete
                    </Button>
                  ) : undefined
                }
              >
                <strong>{INSIGHT_LABEL[i.kind]}.</strong> {i.message}
              </Alert>
            ))}
          </Box>
        </Box>
      )}

      <Paper variant="outlined" sx={{ p: 2, mb: 3 }}>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 3, rowGap: 0.75, m: 0 }}
        >
          <Field label="Prefix">{key.prefix}…</Field>
          <Field label="Scope">{SCOPE_LABEL[key.scope]}</Field>
          <Field label="Status">{STATUS_LABEL[keyStatus(key)]}</Field>
          <Field label="Created by">{key.createdBy ? `${key.createdBy.name} (${key.createdBy.email})` : 'A removed user'}</Field>
          <Field label="Created">{formatDateTime(key.createdAt)}</Field>
          <Field label="Expires">{formatDateTime(key.expiresAt)}</Field>
          <Field label="Last used">
            {key.lastUsedAt ? `${formatDateTime(key.lastUsedAt)} (${lastUsedText(key.lastUsedAt).toLowerCase()})` : 'Never'}
          </Field>
          <Field label="Last used from">{key.lastUsedIp ?? '—'}</Field>
          <Field label="Client">{key.lastUsedUserAgent ?? '—'}</Field>
        </Box>
      </Paper>

      <UsageSection usage={key.usage} />

      <Box component="section" aria-labelledby="events-heading" sx={{ mb: 3 }}>
        <Typography id="events-heading" component="h3" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
          Audit events of this key
        </Typography>
        {state.data.about.nodes.length === 0 ? (
          <Typography color="text.secondary">No events about this key.</Typography>
        ) : (
          <AuditEventTable events={state.data.about.nodes} label="Events about this key" />
        )}
        <Typography component="h4" variant="subtitle1" sx={{ fontWeight: 600, mt: 2, mb: 1 }}>
          Changes made with this key
        </Typography>
        {state.data.by.nodes.length === 0 ? (
          <Typography color="text.secondary">This key has not changed any data.</Typography>
        ) : (
          <AuditEventTable events={state.data.by.nodes} label="Changes made with this key" />
        )}
      </Box>

      <DeleteApiKeyDialog
        apiKey={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(k) => {
          setDeleting(null);
          setNotice(`Deleted API key “${k.name}”.`);
          void navigate('/settings/api-keys');
        }}
      />
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
    </Box>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </>
  );
}

/** 30 days of requests: a summary sentence, the stacked chart, and the same figures as a (visually hidden) table. */
function UsageSection({ usage }: { usage: (UsageDay & { reads: number; writes: number })[] }) {
  const sum = (f: (d: (typeof usage)[number]) => number) => usage.reduce((n, d) => n + f(d), 0);
  const total = sum((d) => d.requests);
  const n = (v: number) => v.toLocaleString('en');
  return (
    <Box component="section" aria-labelledby="usage-heading" sx={{ mb: 3 }}>
      <Typography id="usage-heading" component="h3" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
        Usage (30 days)
      </Typography>
      {total === 0 ? (
        <Paper variant="outlined" sx={{ p: 3, textAlign: 'center' }} data-testid="usage-empty">
          <Typography color="text.secondary">No requests in the last 30 days</Typography>
        </Paper>
      ) : (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="body2" data-testid="usage-summary" sx={{ mb: 1 }}>
            {n(total)} requests: reads {n(sum((d) => d.reads))}, writes {n(sum((d) => d.writes))}, errors {n(sum((d) => d.errors))},
            rate-limited {n(sum((d) => d.rateLimited))}, refused {n(sum((d) => d.refused))}. Days are UTC; figures trail by up to a minute.
          </Typography>
          <Box data-testid="usage-chart" sx={{ minHeight: 280 }}>
            <Suspense
              fallback={
                <Box sx={{ display: 'grid', placeItems: 'center', height: 280 }}>
                  <CircularProgress size={24} />
                </Box>
              }
            >
              <UsageChart usage={usage} />
            </Suspense>
          </Box>
          <Table size="small" sx={visuallyHidden} aria-label="Requests per day">
            <TableHead>
              <TableRow>
                <TableCell>Date (UTC)</TableCell>
                <TableCell>Requests</TableCell>
                {USAGE_SERIES.map((s) => (
                  <TableCell key={s.key}>{s.label}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {usage
                .filter((d) => d.requests > 0)
                .map((d) => (
                  <TableRow key={d.date}>
                    <TableCell>{d.date}</TableCell>
                    <TableCell>{d.requests}</TableCell>
                    <TableCell>{succeeded(d)}</TableCell>
                    <TableCell>{d.errors}</TableCell>
                    <TableCell>{d.rateLimited}</TableCell>
                    <TableCell>{d.refused}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Box>
  );
}
