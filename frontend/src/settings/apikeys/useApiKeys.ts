import { ApiKeysQuery } from '../../api/operations';
import type { ApiKeysQuery as ApiKeysResult } from '../../gql/graphql';
import { allPages } from '../../api/pages';
import { useLoad } from '../../api/useQuery';

/** One key as the API Keys tab lists it, with its 30-day usage and insights. */
export type ApiKeyRow = ApiKeysResult['apiKeyConnection']['nodes'][number];

export interface ApiKeyListData {
  apiKeyLimit: number;
  apiKeys: ApiKeyRow[];
}

/**
 * Every page of `apiKeyConnection`, newest first. note: the tab filters,
 * sorts and counts keys against the limit in the browser, so it reads the
 * list to its last page; each page is one request priced at its 50 rows.
 */
async function allApiKeys(): Promise<ApiKeyListData> {
  const { first, nodes } = await allPages(ApiKeysQuery, (d) => d.apiKeyConnection);
  return { apiKeyLimit: first.apiKeyLimit, apiKeys: nodes };
}

/** The organisation's keys and its key limit, for the API Keys tab. */
export function useApiKeys() {
  return useLoad(allApiKeys);
}
