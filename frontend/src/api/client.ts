import type { TypedDocumentString } from '../gql/graphql';

/** The codes the server puts in every GraphQL error's extensions (enum ErrorCode), plus NETWORK. */
export type ErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_USER_INPUT'
  | 'COST_LIMIT_EXCEEDED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DUPLICATE_NAME'
  | 'LIMIT_REACHED'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'NETWORK';

/** A failed request, carrying the server's message (written for people) and code. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** The invalid input field's name: the last name in extensions.field (["input", "name"] → "name"). */
  readonly field?: string;
  /** The error's other extensions, such as the organisations to choose from at sign-in. */
  readonly extensions: Record<string, unknown>;

  constructor(message: string, code: ErrorCode, field?: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
    this.extensions = extensions;
  }
}

/** Fired when the server says there is no session, e.g. it expired; the app then shows sign-in. */
export const SESSION_LOST_EVENT = 'keyward:session-lost';

interface GraphQLErrorJSON {
  message: string;
  extensions?: { code?: string; field?: (string | number)[]; [key: string]: unknown };
}

/** The last name in an error's path, which is what a form labels. */
function leafName(path: (string | number)[] | undefined): string | undefined {
  return path?.filter((el): el is string => typeof el === 'string').pop();
}

/**
 * Sends one typed operation to /graphql with the session cookie.
 * note: requests go same-origin only; the server refuses cross-site mutations.
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('Cannot reach the server. Check your connection and try again.', 'NETWORK');
  }
  let body: { data?: TResult | null; errors?: GraphQLErrorJSON[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered with HTTP ${response.status}. Try again in a moment.`, 'INTERNAL');
  }
  const first = body.errors?.[0];
  if (first) {
    if (first.extensions?.code === 'UNAUTHENTICATED') {
      window.dispatchEvent(new Event(SESSION_LOST_EVENT));
    }
    throw new ApiError(
      first.message || 'Something went wrong.',
      (first.extensions?.code as ErrorCode | undefined) ?? 'INTERNAL',
      leafName(first.extensions?.field),
      first.extensions ?? {},
    );
  }
  if (!body.data) {
    throw new ApiError(`The server answered with HTTP ${response.status} and no data.`, 'INTERNAL');
  }
  return body.data;
}

/**
 * The payload of a mutation that succeeded. Mutation fields are nullable (a
 * failed one is null beside its error, and request() has already thrown for
 * that error), so null here means a server that broke that promise.
 */
export function payload<T>(value: T | null | undefined): T {
  if (value == null) {
    throw new ApiError('The server answered without a result. Try again in a moment.', 'INTERNAL');
  }
  return value;
}

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return 'Something went wrong. Try again.';
}
