import { describe, expect, it } from 'vitest';
import { applyView, viewFromParams, viewToParams } from './keyFilters';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.parse('2026-11-26T12:00:00Z');
const at = (days: number) => new Date(now + days * DAY).toISOString();
const key = (id: string, name: string, o: Partial<{ status: 'ACTIVE' | 'EXPIRED'; created: number; expires: number; used: number | null }> = {}) => ({
  id,
  name,
  prefix: `kw_${id}abc`,
  scope: 'READ_WRITE' as const,
  status: o.status ?? ('ACTIVE' as const),
  createdAt: at(o.created ?? -1),
  expiresAt: at(o.expires ?? 30),
  lastUsedAt: o.used === undefined || o.used === null ? null : at(o.used),
  rotatedAt: null,
  previousSecretExpiresAt: null,
  revokedAt: null,
  revocationNote: null,
  createdBy: null,
  usage: [],
  insights: [],
});

const keys = [
  key('1', 'billing 10', { created: -1, expires: 60, used: -3 }),
  key('2', 'Billing 9', { created: -5, expires: 3, used: null }),
  key('3', 'CI', { created: -50, expires: -2, status: 'EXPIRED', used: -20 }),
];

describe('key list view', () => {
  it('reads and writes the URL, leaving defaults out and ignoring unknown values', () => {
    expect(viewFromParams(new URLSearchParams('q=bill&status=expiring&sort=name'))).toEqual({ q: 'bill', status: 'expiring', sort: 'name' });
    expect(viewFromParams(new URLSearchParams('status=bogus&sort=<script>'))).toEqual({ q: '', status: 'all', sort: 'created' });
    expect(viewToParams({ q: '', status: 'all', sort: 'created' }).toString()).toBe('');
    expect(viewToParams({ q: 'a b', status: 'expired', sort: 'expires' }).toString()).toBe('q=a+b&status=expired&sort=expires');
  });

  it('searches name and prefix ignoring case, and filters by status', () => {
    const ids = (v: Parameters<typeof applyView>[1]) => applyView(keys, v, now).map((k) => k.id);
    expect(ids({ q: 'BILL', status: 'all', sort: 'created' })).toEqual(['1', '2']);
    expect(ids({ q: 'kw_3', status: 'all', sort: 'created' })).toEqual(['3']);
    expect(ids({ q: '', status: 'expiring', sort: 'created' })).toEqual(['2']);
    expect(ids({ q: '', status: 'expired', sort: 'created' })).toEqual(['3']);
    expect(ids({ q: '', status: 'active', sort: 'created' })).toEqual(['1', '2']);
  });

  it('sorts by name (natural, ignoring case), created, expires and last used (never used last)', () => {
    const ids = (sort: 'name' | 'created' | 'expires' | 'lastUsed') => applyView(keys, { q: '', status: 'all', sort }, now).map((k) => k.id);
    expect(ids('name')).toEqual(['2', '1', '3']);
    expect(ids('created')).toEqual(['1', '2', '3']);
    expect(ids('expires')).toEqual(['3', '2', '1']);
    expect(ids('lastUsed')).toEqual(['1', '3', '2']);
  });
});
