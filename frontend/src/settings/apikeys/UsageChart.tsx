import { BarChart } from '@mui/x-charts/BarChart';
import { USAGE_SERIES, succeeded, type UsageDay } from './usageSeries';

const shortDate = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * Requests per UTC day, stacked by outcome, with a legend. It is loaded on
 * demand (see ApiKeyDetailPage), which also carries the same figures as a
 * table for assistive technology.
 */
export default function UsageChart({ usage }: { usage: UsageDay[] }) {
  const value = (key: (typeof USAGE_SERIES)[number]['key'], d: UsageDay) => (key === 'succeeded' ? succeeded(d) : d[key]);
  return (
    <BarChart
      height={280}
      xAxis={[
        {
          scaleType: 'band',
          data: usage.map((d) => shortDate.format(new Date(`${d.date}T00:00:00Z`))),
          tickLabelInterval: (_v, i) => i % 5 === 0 || i === usage.length - 1,
        },
      ]}
      yAxis={[{ tickMinStep: 1 }]}
      series={USAGE_SERIES.map((s) => ({
        id: s.key,
        label: s.label,
        color: s.color,
        stack: 'requests',
        data: usage.map((d) => value(s.key, d)),
      }))}
      slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'top', horizontal: 'start' } } }}
    />
  );
}
