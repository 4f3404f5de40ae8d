/**
 * Answers an apiKeyConnection query (ApiKeys, KeysByCreator, AuditActors) as
 * the server does: `keys` (read at each call, so a test can change them) in
 * pages of `pageSize` (50, the API Keys tab's page), resumed after the cursor
 * in `after`.
 */
export function apiKeyPages(keys: () => readonly unknown[], { limit = 20, pageSize = 50 } = {}) {
  return (variables: Record<string, unknown>) => {
    const all = keys();
    const start = typeof variables.after === 'string' ? Number(variables.after.replace('cursor-', '')) : 0;
    const nodes = all.slice(start, start + pageSize);
    const end = start + nodes.length;
    return {
      data: {
        apiKeyLimit: limit,
        apiKeyConnection: {
          nodes,
          pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length > 0 ? `cursor-${end}` : null },
          totalCount: all.length,
        },
      },
    };
  };
}
