import { Box, Chip, Tooltip } from '@mui/material';
import type { ApiKeyInsightKind } from '../../gql/graphql';

export interface InsightItem {
  kind: ApiKeyInsightKind;
  message: string;
}

/** Short names for the chips; the server's message says the rest. */
export const INSIGHT_LABEL: Record<ApiKeyInsightKind, string> = {
  USED_AFTER_EXPIRY: 'Used after expiry',
  EXPIRES_SOON: 'Expires soon',
  HIGH_ERROR_RATE: 'High error rate',
  NEVER_USED: 'Never used',
  UNUSED: 'Unused 30 days',
  READ_ONLY_SUFFICES: 'Read only suffices',
};

/** How urgent each kind is; the server already lists the most urgent first. */
export const INSIGHT_SEVERITY: Record<ApiKeyInsightKind, 'error' | 'warning' | 'info'> = {
  USED_AFTER_EXPIRY: 'error',
  EXPIRES_SOON: 'warning',
  HIGH_ERROR_RATE: 'error',
  NEVER_USED: 'info',
  UNUSED: 'info',
  READ_ONLY_SUFFICES: 'info',
};

/**
 * A key's insights as compact chips, most urgent first. Each chip can take
 * keyboard focus and then shows (and describes itself with) the full advice.
 */
export function InsightChips({ insights }: { insights: InsightItem[] }) {
  if (insights.length === 0) return null;
  return (
    <Box component="ul" aria-label="Insights" sx={{ listStyle: 'none', p: 0, m: 0, mt: 0.5, display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {insights.map((i) => (
        <li key={i.kind}>
          <Tooltip title={i.message} describeChild>
            <Chip
              size="small"
              tabIndex={0}
              variant={INSIGHT_SEVERITY[i.kind] === 'info' ? 'outlined' : 'filled'}
              color={INSIGHT_SEVERITY[i.kind]}
              label={INSIGHT_LABEL[i.kind]}
              data-testid={`insight-${i.kind}`}
            />
          </Tooltip>
        </li>
      ))}
    </Box>
  );
}
