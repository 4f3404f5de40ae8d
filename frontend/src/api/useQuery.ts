import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { errorMessage, request } from './client';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T };

/**
 * Runs a variable-free query on mount. reload() keeps showing the last data
 * while it refetches, so lists do not flash after each change.
 */
export function useQuery<T>(document: TypedDocumentString<T, Record<string, never>>) {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const id = ++latest.current;
    try {
      const data = await request(document);
      if (id === latest.current) setState({ status: 'ready', data });
    } catch (err) {
      if (id === latest.current) setState({ status: 'error', message: errorMessage(err) });
    }
  }, [document]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload, retry };
}
