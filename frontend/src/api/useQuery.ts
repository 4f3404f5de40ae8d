import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { ApiError, errorMessage, request, type ErrorCode } from './client';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; code?: ErrorCode }
  | { status: 'ready'; data: T };

/** The error state for a failed load, with the server's code when it gave one. */
export function failed(err: unknown): QueryState<never> {
  return { status: 'error', message: errorMessage(err), code: err instanceof ApiError ? err.code : undefined };
}

/**
 * Runs a variable-free query on mount. reload() keeps showing the last data
 * while it refetches, so lists do not flash after each change.
 */
export function useQuery<T>(document: TypedDocumentString<T, Record<string, never>>) {
  return useLoad(useCallback(() => request(document), [document]));
}

/**
 * useQuery for any loader, e.g. one that reads every page of a connection.
 * An answer to an older load never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>) {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const id = ++latest.current;
    try {
      const data = await load();
      if (id === latest.current) setState({ status: 'ready', data });
    } catch (err) {
      if (id === latest.current) setState(failed(err));
    }
  }, [load]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload, retry };
}
