// The usage chart's series, kept apart from the chart so that pages importing
// them do not pull the chart library into the main bundle.

export interface UsageDay {
  date: string;
  requests: number;
  errors: number;
  rateLimited: number;
  refused: number;
}

/** The series, bottom to top, in colours that stay apart for common colour-vision deficiencies. */
export const USAGE_SERIES = [
  { key: 'succeeded', label: 'Succeeded', color: '#1565c0' },
  { key: 'errors', label: 'Errors', color: '#c62828' },
  { key: 'rateLimited', label: 'Rate-limited', color: '#ef6c00' },
  { key: 'refused', label: 'Refused', color: '#6a1b9a' },
] as const;

export function succeeded(d: UsageDay): number {
  return Math.max(d.requests - d.errors - d.rateLimited - d.refused, 0);
}
