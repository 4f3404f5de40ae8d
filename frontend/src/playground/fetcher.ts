import type { Fetcher } from '@graphiql/toolkit';

/**
 * Sends playground requests to this server's /graphql with the session cookie
 * and whatever the headers editor holds (e.g. an Authorization: Bearer key).
 */
export const fetcher: Fetcher = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
  }
};

/**
 * A storage that keeps nothing, so a pasted API key never lands in
 * localStorage; it is gone when the tab closes.
 */
export const memoryOnlyStorage = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
  clear: () => undefined,
  length: 0,
};
