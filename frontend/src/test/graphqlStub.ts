import { vi } from 'vitest';

type Handler = (variables: Record<string, unknown>) => unknown;

export interface StubCall {
  operation: string;
  variables: Record<string, unknown>;
}

/**
 * Replaces fetch with a fake /graphql: each handler answers one operation by
 * name with a GraphQL JSON body. Only the network is faked, never components.
 */
export function stubGraphQL(handlers: Record<string, Handler>) {
  const calls: StubCall[] = [];
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as { query: string; variables?: Record<string, unknown> };
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    const variables = body.variables ?? {};
    calls.push({ operation, variables });
    const handler = handlers[operation];
    // A handler may answer later (a Promise), so a test can hold a request pending.
    const payload = await (handler ? handler(variables) : { errors: [{ message: `no stub for ${operation}`, extensions: { code: 'INTERNAL' } }] });
    return new Response(JSON.stringify(payload), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function gqlError(message: string, code: string, field?: string) {
  return { errors: [{ message, extensions: field ? { code, field: ['input', field] } : { code } }], data: null };
}
