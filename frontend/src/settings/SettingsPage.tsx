import { Link as RouterLink, Navigate, Outlet, useLocation } from 'react-router';
import { Box, Tab, Tabs, Typography } from '@mui/material';
import { useMe } from '../auth/session';
import type { Role } from '../gql/graphql';
import { useDocumentTitle } from '../shell/title';
import { WORDS, withArticle } from '../words';
import { ROLES, roleLabel } from './roles';

interface SettingsTab {
  path: string;
  label: string;
  roles: Role[];
}

/** The tabs each role may see; a tab a role may not use is not rendered at all. */
export const SETTINGS_TABS: SettingsTab[] = [
  { path: '/settings/api-keys', label: WORDS.apiKeys, roles: ['ADMIN'] },
  { path: '/settings/users', label: WORDS.users, roles: ['ADMIN'] },
  { path: '/settings/audit-log', label: WORDS.auditLog, roles: ['ADMIN'] },
  { path: '/settings/account', label: WORDS.account, roles: ROLES },
];

export function SettingsPage() {
  const me = useMe();
  const { pathname } = useLocation();
  const tabs = SETTINGS_TABS.filter((t) => t.roles.includes(me.role));
  const current = tabs.find((t) => pathname.startsWith(t.path))?.path ?? false;
  // note: from every tab, not just the role's: a route the role may not use still names its page.
  const page = SETTINGS_TABS.find((t) => pathname.startsWith(t.path))?.label;
  useDocumentTitle(...(page ? [page] : []), WORDS.settings);

  return (
    <Box>
      <Typography component="h1" variant="h4" sx={{ fontWeight: 600, mb: 2, fontSize: { xs: 26, sm: 32 } }}>
        {WORDS.settings}
      </Typography>
      <Tabs
        value={current}
        aria-label="Settings sections"
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}
      >
        {tabs.map((t) => (
          <Tab key={t.path} label={t.label} value={t.path} component={RouterLink} to={t.path} />
        ))}
      </Tabs>
      <Outlet />
    </Box>
  );
}

/** /settings lands on the first tab the user's role may use. */
export function SettingsIndex() {
  const me = useMe();
  const first = SETTINGS_TABS.find((t) => t.roles.includes(me.role));
  return <Navigate to={first?.path ?? '/settings/account'} replace />;
}

/** Renders a tab only for the roles allowed; others get a clear explanation. */
export function RoleGate({ roles, children }: { roles: Role[]; children: React.ReactNode }) {
  const me = useMe();
  if (!roles.includes(me.role)) return <NotAvailableForRole />;
  return <>{children}</>;
}

export function NotAvailableForRole() {
  const me = useMe();
  return (
    <Box sx={{ py: 6, textAlign: 'center', maxWidth: 520, mx: 'auto' }} data-testid="not-available">
      <Typography component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
        This page is not available for your role
      </Typography>
      <Typography color="text.secondary">
        You are signed in as {withArticle(roleLabel(me.role))}.
        Ask an Admin of your organisation if you need access.
      </Typography>
    </Box>
  );
}
