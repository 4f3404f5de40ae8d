import type { TypedDocumentString } from '../gql/graphql';
import { request } from './client';

/** What allPages needs of a connection: its rows and where the next page starts. */
export interface PageOf<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Runs a query with an `$after` cursor until its connection has no next
 * page, and returns the first answer (for the query's other fields) with the
 * rows of every page, in order. Each page is one request, priced by its own
 * `first`, so a list of any length loads within the cost limit.
 */
export async function allPages<T, N>(
  document: TypedDocumentString<T, { after?: string | null }>,
  connection: (data: T) => PageOf<N>,
): Promise<{ first: T; nodes: N[] }> {
  const run = request as (d: typeof document, v: { after: string | null }) => Promise<T>;
  const nodes: N[] = [];
  let first: T | undefined;
  let after: string | null = null;
  for (;;) {
    const data = await run(document, { after });
    first ??= data;
    const page = connection(data);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { first, nodes };
    after = page.pageInfo.endCursor;
  }
}
