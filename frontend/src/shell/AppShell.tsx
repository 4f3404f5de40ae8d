import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { AppBar, Avatar, Box, Button, Chip, Toolbar, Typography } from '@mui/material';
import KeyIcon from '@mui/icons-material/VpnKeyOutlined';
import LogoutIcon from '@mui/icons-material/Logout';
import { useMe, useSession } from '../auth/session';
import { roleLabel } from '../settings/roles';
import { API_REFERENCE_PATH } from '../docs/paths';
import { WORDS } from '../words';

/** Top bar with the organisation, the user and sign-out, around every signed-in page. */
export function AppShell() {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } finally {
      navigate('/login', { replace: true });
    }
  };

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="static" color="inherit" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar sx={{ gap: { xs: 1, sm: 2 }, flexWrap: 'wrap', py: { xs: 1, sm: 0 } }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'primary.main', minWidth: 0 }}>
            <KeyIcon aria-hidden />
            <Typography component="span" sx={{ fontWeight: 700 }}>
              {WORDS.product}
            </Typography>
          </Box>
          <Typography
            component="span"
            color="text.secondary"
            noWrap
            sx={{ minWidth: 0, maxWidth: { xs: 120, sm: 240 } }}
            title={me.organization.name}
            data-testid="org-name"
          >
            {me.organization.name}
          </Typography>
          <Box
            component="nav"
            aria-label="Main"
            sx={{ display: 'flex', gap: 1, ml: { xs: -1, sm: 2 }, order: { xs: 3, sm: 0 }, width: { xs: '100%', sm: 'auto' } }}
          >
            <Button component={NavLink} to="/settings" color="inherit" sx={{ '&.active': { color: 'primary.main' } }}>
              {WORDS.settings}
            </Button>
            <Button component={NavLink} to={API_REFERENCE_PATH} color="inherit" sx={{ '&.active': { color: 'primary.main' } }}>
              {WORDS.apiReference}
            </Button>
            <Button component="a" href="/playground" color="inherit">
              {WORDS.playground}
            </Button>
          </Box>
          <Box sx={{ flexGrow: 1 }} />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
            <Box sx={{ textAlign: 'right', minWidth: 0, display: { xs: 'none', sm: 'block' } }}>
              <Typography variant="body2" noWrap sx={{ fontWeight: 600 }}>
                {me.name}
              </Typography>
              <Typography variant="caption" color="text.secondary" noWrap component="div">
                {me.email}
              </Typography>
            </Box>
            <Avatar
              role="img"
              aria-label={`Signed in as ${me.name}, ${roleLabel(me.role)}`}
              title={`${me.name} (${me.email})`}
              sx={{ display: { xs: 'flex', sm: 'none' }, width: 30, height: 30, fontSize: 14, bgcolor: 'primary.main' }}
            >
              {me.name.trim().charAt(0).toUpperCase() || '?'}
            </Avatar>
            <Chip size="small" label={roleLabel(me.role)} variant="outlined" sx={{ display: { xs: 'none', sm: 'flex' } }} />
            <Button
              onClick={onSignOut}
              disabled={signingOut}
              startIcon={<LogoutIcon aria-hidden />}
              color="inherit"
              title={`Signed in as ${me.name} (${me.email}, ${roleLabel(me.role)})`}
            >
              {WORDS.signOut}
            </Button>
          </Box>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ maxWidth: 1100, mx: 'auto', px: { xs: 1.5, sm: 3 }, py: { xs: 2, sm: 4 } }}>
        <Outlet />
      </Box>
    </Box>
  );
}
