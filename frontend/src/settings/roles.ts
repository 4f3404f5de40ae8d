import type { Role } from '../gql/graphql';

/** Every role, most powerful first: the order of every role choice. */
export const ROLES: Role[] = ['ADMIN', 'EDITOR', 'VIEWER'];

const LABELS: Record<Role, string> = { ADMIN: 'Admin', EDITOR: 'Editor', VIEWER: 'Viewer' };

export function roleLabel(role: Role): string {
  return LABELS[role];
}

/** What each role may do, in one sentence (under a role choice). */
export const ROLE_HELP = 'Admins manage API keys and users; Editors change data; Viewers only read.';
