import type { ApiKeyRow } from './useApiKeys';
import { EXPIRY_WARNING_DAYS, daysUntil } from './dates';

type Key = ApiKeyRow;

/** What the status filter offers; "expiring" is Active keys within the warning window. */
export const STATUS_FILTERS = ['all', 'active', 'expiring', 'expired', 'revoked'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const STATUS_FILTER_LABEL: Record<StatusFilter, string> = {
  all: 'All statuses',
  active: 'Active',
  expiring: 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const SORTS = ['created', 'name', 'expires', 'lastUsed'] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABEL: Record<Sort, string> = {
  created: 'Newest first',
  name: 'Name (A–Z)',
  expires: 'Expires soonest',
  lastUsed: 'Last used',
};

export interface KeyView {
  q: string;
  status: StatusFilter;
  sort: Sort;
}

/**
 * Reads the view from the URL (?q=&status=&sort=), so a filtered list can be
 * bookmarked and shared. Unknown values fall back to the defaults.
 */
export function viewFromParams(params: URLSearchParams): KeyView {
  const status = params.get('status') as StatusFilter | null;
  const sort = params.get('sort') as Sort | null;
  return {
    q: params.get('q') ?? '',
    status: status && STATUS_FILTERS.includes(status) ? status : 'all',
    sort: sort && SORTS.includes(sort) ? sort : 'created',
  };
}

/** Writes the view back, leaving defaults out so the plain URL stays plain. */
export function viewToParams(view: KeyView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.q) p.set('q', view.q);
  if (view.status !== 'all') p.set('status', view.status);
  if (view.sort !== 'created') p.set('sort', view.sort);
  return p;
}

export function isFiltered(view: KeyView): boolean {
  return view.q.trim() !== '' || view.status !== 'all';
}

function matchesStatus(k: Key, status: StatusFilter, now: number): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'active':
      return k.status === 'ACTIVE';
    case 'expiring':
      return k.status === 'ACTIVE' && daysUntil(k.expiresAt, now) <= EXPIRY_WARNING_DAYS;
    case 'expired':
      return k.status === 'EXPIRED';
    case 'revoked':
      return k.status === 'REVOKED';
  }
}

const time = (iso: string | null) => (iso ? new Date(iso).getTime() : -Infinity);
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const COMPARE: Record<Sort, (a: Key, b: Key) => number> = {
  created: (a, b) => time(b.createdAt) - time(a.createdAt),
  name: (a, b) => byName.compare(a.name, b.name),
  expires: (a, b) => time(a.expiresAt) - time(b.expiresAt),
  // Never-used keys last.
  lastUsed: (a, b) => time(b.lastUsedAt) - time(a.lastUsedAt),
};

/** Revoked keys stay listed but no longer count against the organisation's limit (as the server counts). */
export function countsAgainstLimit(k: Key): boolean {
  return k.status !== 'REVOKED';
}

/** The keys the view shows, in its order. Search matches the name or the prefix, ignoring case. */
export function applyView(keys: readonly Key[], view: KeyView, now: number = Date.now()): Key[] {
  const q = view.q.trim().toLocaleLowerCase();
  return keys
    .filter((k) => !q || k.name.toLocaleLowerCase().includes(q) || k.prefix.toLocaleLowerCase().includes(q))
    .filter((k) => matchesStatus(k, view.status, now))
    .sort(COMPARE[view.sort]);
}
