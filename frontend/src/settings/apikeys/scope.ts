import type { ApiKeyScope } from '../../gql/graphql';

/** The product's words for each scope, as the README and the API reference use them. */
export const SCOPE_LABEL: Record<ApiKeyScope, string> = {
  READ_WRITE: 'Read and write',
  READ_ONLY: 'Read only',
};

/** What each scope lets a key do, compared with a person's role. */
export const SCOPE_HELP: Record<ApiKeyScope, string> = {
  READ_WRITE: 'Can read and change governance data (projects, models, risks), like an Editor.',
  READ_ONLY: 'Can only read governance data, like a Viewer. Every change is refused.',
};

/** In the order the create dialog offers them; the first is the server's default. */
export const SCOPES: readonly ApiKeyScope[] = ['READ_WRITE', 'READ_ONLY'];
export const DEFAULT_SCOPE: ApiKeyScope = 'READ_WRITE';
