import { Suspense, lazy } from 'react';
import { Box, Typography } from '@mui/material';
import { visuallyHidden } from '../visuallyHidden';

// note: the chart library loads with the first list that shows usage, so
// the sign-in page never pays for it.
const SparkLineChart = lazy(() => import('@mui/x-charts/SparkLineChart').then((m) => ({ default: m.SparkLineChart })));

const WIDTH = 120;
const HEIGHT = 32;

/** Requests per day as a tiny bar chart, with its total as text for everyone. */
export function UsageSparkline({ usage }: { usage: { date: string; requests: number }[] }) {
  const total = usage.reduce((n, d) => n + d.requests, 0);
  if (total === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No requests
      </Typography>
    );
  }
  const busiest = usage.reduce((a, b) => (b.requests > a.requests ? b : a));
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="usage-sparkline">
      {/* note: inert, not only aria-hidden: the chart's surface takes focus, and the text next to it says it all. */}
      <Box inert sx={{ width: WIDTH, height: HEIGHT }}>
        <Suspense fallback={null}>
          <SparkLineChart plotType="bar" data={usage.map((d) => d.requests)} width={WIDTH} height={HEIGHT} color="#1565c0" />
        </Suspense>
      </Box>
      <Typography variant="body2">{total.toLocaleString('en')}</Typography>
      <Box component="span" sx={visuallyHidden}>
        {` requests in the last ${usage.length} days; busiest day ${busiest.date} with ${busiest.requests.toLocaleString('en')}`}
      </Box>
    </Box>
  );
}
