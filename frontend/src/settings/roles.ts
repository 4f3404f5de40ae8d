import type { Role } from '../gql/graphql';

export const ROLES: Role[] = ['ADMIN', 'EDITOR', 'VIEWER'];

export function roleLabel(role: Role): string {
  return { ADMIN: 'Admin', EDITOR: 'Editor', VIEWER: 'Viewer' }[role];
}
