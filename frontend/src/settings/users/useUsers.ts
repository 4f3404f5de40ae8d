import { UsersQuery } from '../../api/operations';
import type { UsersQuery as UsersResult } from '../../gql/graphql';
import { useQuery } from '../../api/useQuery';

/** One person of the organisation, as the Users tab lists them. */
export type UserRow = UsersResult['users'][number];

/**
 * The organisation's people. note: the one place that knows the shape of the
 * `users` answer, so a change to it (e.g. a connection) is made here alone.
 */
export function useUsers() {
  const query = useQuery(UsersQuery);
  const users: UserRow[] = query.state.status === 'ready' ? query.state.data.users : [];
  return { ...query, users };
}
