/** The SPA route that renders the API reference; no imports, so the playground can use it too. */
export const API_REFERENCE_PATH = '/docs/api';

/** Where the server serves docs/api.md, the same file as in the repository. */
export const API_REFERENCE_SOURCE = '/docs/api.md';
