import { Alert, Box, Paper, Typography } from '@mui/material';
import { useLocation } from 'react-router';
import { useMe } from '../auth/session';
import { roleLabel } from './roles';
import { ChangePasswordForm } from './ChangePasswordForm';

/** What every user may see about their own account, and their password. */
export function AccountTab() {
  const me = useMe();
  // e.g. "You are now an Editor": said here after an Admin stepped down.
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const rows: [string, string][] = [
    ['Name', me.name],
    ['Email', me.email],
    ['Role', roleLabel(me.role)],
    ['Organisation', me.organization.name],
  ];
  return (
    <Box sx={{ display: 'grid', gap: 3, maxWidth: 560 }}>
      {notice && (
        <Alert severity="info" role="status">
          {notice}
        </Alert>
      )}
      <Paper variant="outlined" component="section" aria-labelledby="account-heading" sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography id="account-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 2 }}>
          Your account
        </Typography>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}>
          {rows.map(([k, v]) => (
            <Box key={k} sx={{ display: 'contents' }}>
              <Typography component="dt" color="text.secondary">
                {k}
              </Typography>
              <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                {v}
              </Typography>
            </Box>
          ))}
        </Box>
      </Paper>
      <ChangePasswordForm />
    </Box>
  );
}
