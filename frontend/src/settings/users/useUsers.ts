import { UsersQuery } from '../../api/operations';
import type { UsersQuery as UsersResult } from '../../gql/graphql';
import { request } from '../../api/client';
import { useLoad } from '../../api/useQuery';

/** One person of the organisation, as the Users tab lists them. */
export type UserRow = UsersResult['users']['nodes'][number];

/** Every page of the `users` connection, oldest first. */
async function allUsers(): Promise<UserRow[]> {
  const rows: UserRow[] = [];
  let after: string | null = null;
  for (;;) {
    const { users }: UsersResult = await request(UsersQuery, { after });
    rows.push(...users.nodes);
    if (!users.pageInfo.hasNextPage || !users.pageInfo.endCursor) return rows;
    after = users.pageInfo.endCursor;
  }
}

/**
 * The organisation's people. note: the one place that knows the shape of the
 * `users` answer (a connection, read to its last page: the tab shows everyone).
 */
export function useUsers() {
  const query = useLoad(allUsers);
  const users: UserRow[] = query.state.status === 'ready' ? query.state.data : [];
  return { ...query, users };
}
