export const DAY_MS = 24 * 60 * 60 * 1000;

/** Keys expiring within this many days get a visible warning. */
export const EXPIRY_WARNING_DAYS = 7;

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });
// note: the time zone is part of the text (e.g. "Nov 26, 2026, 14:05 UTC"), so
// nobody has to hover for it and a screenshot says which zone it was.
const dateTimeFormat = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** Whole days until the instant, rounded up: a key expiring in 30 h is "in 2 days". */
export function daysUntil(iso: string, now: number = Date.now()): number {
  return Math.ceil((new Date(iso).getTime() - now) / DAY_MS);
}

export function relativeDays(days: number): string {
  if (days > 1) return `in ${days} days`;
  if (days === 1) return 'in 1 day';
  if (days === 0) return 'today';
  if (days === -1) return '1 day ago';
  return `${-days} days ago`;
}

/** "Never", or when the key was last used, as "3 days ago" or "today". */
export function lastUsedText(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'Never';
  const days = Math.floor((now - new Date(iso).getTime()) / DAY_MS);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return `${days} days ago`;
}

/** The lifetimes offered for a new key or secret, in days. */
export const EXPIRY_CHOICES = [7, 30, 60, 90, 180, 365] as const;
export const DEFAULT_EXPIRY_DAYS = 30;
