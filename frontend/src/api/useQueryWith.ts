import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { request } from './client';
import { failed, type QueryState } from './useQuery';

/**
 * useQuery for an operation with variables: it runs again whenever the
 * variables change (compared as JSON), and an answer to older variables
 * never overwrites a newer one.
 */
export function useQueryWith<T, V extends Record<string, unknown>>(document: TypedDocumentString<T, V>, variables: V) {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const key = JSON.stringify(variables);

  const reload = useCallback(async () => {
    const id = ++latest.current;
    try {
      const data = await (request as (d: TypedDocumentString<T, V>, v: V) => Promise<T>)(document, JSON.parse(key) as V);
      if (id === latest.current) setState({ status: 'ready', data });
    } catch (err) {
      if (id === latest.current) setState(failed(err));
    }
  }, [document, key]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  return { state, reload, retry };
}
