import type { TypedDocumentString } from '../gql/graphql';
import { request } from './client';

/** What paging needs of a connection: its rows and where the next page starts. */
export interface PageOf<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Each answer of a query with an `$after` cursor, from `start` until its
 * connection has no next page. Each page is one request, priced by its own
 * `first`, so a list of any length loads within the cost limit. Stopping the
 * loop early sends no further request.
 */
export async function* eachPage<T, N>(
  document: TypedDocumentString<T, { after?: string | null }>,
  connection: (data: T) => PageOf<N>,
  start: string | null = null,
): AsyncGenerator<T> {
  const run = request as (d: typeof document, v: { after: string | null }) => Promise<T>;
  for (let after = start; ; ) {
    const data = await run(document, { after });
    yield data;
    const { hasNextPage, endCursor } = connection(data).pageInfo;
    if (!hasNextPage || !endCursor) return;
    after = endCursor;
  }
}

/** The rows of every page, in order (see eachPage). */
export async function allPages<T, N>(
  document: TypedDocumentString<T, { after?: string | null }>,
  connection: (data: T) => PageOf<N>,
): Promise<N[]> {
  const nodes: N[] = [];
  for await (const data of eachPage(document, connection)) nodes.push(...connection(data).nodes);
  return nodes;
}
