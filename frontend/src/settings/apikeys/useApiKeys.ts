import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiKeysQuery } from '../../api/operations';
import type { ApiKeysQuery as ApiKeysResult } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { eachPage } from '../../api/pages';
import { failed, type QueryState } from '../../api/useQuery';

/** One key as the API Keys tab lists it, with its 30-day usage and insights. */
export type ApiKeyRow = ApiKeysResult['apiKeyConnection']['nodes'][number];

/** The pages after the first: still arriving, all in, or stopped by a failed page. */
export type RestOfList = { status: 'loading' } | { status: 'done' } | { status: 'error'; message: string };

export interface ApiKeyListData {
  apiKeyLimit: number;
  /** The keys read so far, newest first. */
  apiKeys: ApiKeyRow[];
  /** How many keys the organisation has on all pages (revoked ones included). */
  totalCount: number;
  rest: RestOfList;
}

/**
 * The organisation's keys and its key limit, for the API Keys tab, read a
 * page of 50 at a time (each page is one request priced at its 50 rows). The
 * state turns ready with the first page, so the tab shows keys at once, and
 * each later page is appended as it arrives. note: with up to 10,000 keys the
 * rest may take 200 requests; `rest` says how far it got.
 *
 * reload() starts again from the first page and keeps showing the last data
 * until that page arrives; an answer to an older load never overwrites a
 * newer one. retry() starts over after a failed first page; resume() goes on
 * after a failed later page, from the page that failed, keeping the rows.
 */
export function useApiKeys() {
  const [state, setState] = useState<QueryState<ApiKeyListData>>({ status: 'loading' });
  const latest = useRef(0);
  // Where the failed page started, for resume().
  const failedAfter = useRef<string | null>(null);

  const readFrom = useCallback(async (id: number, start: string | null) => {
    // Where the page being read starts: null for the first page.
    let after = start;
    try {
      for await (const data of eachPage(ApiKeysQuery, (d) => d.apiKeyConnection, start)) {
        if (id !== latest.current) return;
        const page = data.apiKeyConnection;
        const appending = after !== null;
        setState((s) => ({
          status: 'ready',
          data: {
            apiKeyLimit: data.apiKeyLimit,
            apiKeys: appending && s.status === 'ready' ? [...s.data.apiKeys, ...page.nodes] : page.nodes,
            totalCount: page.totalCount,
            rest: page.pageInfo.hasNextPage ? { status: 'loading' } : { status: 'done' },
          },
        }));
        after = page.pageInfo.endCursor ?? null;
      }
    } catch (err) {
      if (id !== latest.current) return;
      failedAfter.current = after;
      const rest: RestOfList = { status: 'error', message: errorMessage(err) };
      setState((s) => (after !== null && s.status === 'ready' ? { status: 'ready', data: { ...s.data, rest } } : failed(err)));
    }
  }, []);

  const reload = useCallback(() => readFrom(++latest.current, null), [readFrom]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  const resume = useCallback(() => {
    setState((s) => (s.status === 'ready' ? { status: 'ready', data: { ...s.data, rest: { status: 'loading' } } } : s));
    void readFrom(++latest.current, failedAfter.current);
  }, [readFrom]);

  useEffect(() => {
    void reload();
    // Leaving the tab stops the pages still to come.
    return () => void ++latest.current;
  }, [reload]);

  return { state, reload, retry, resume };
}
