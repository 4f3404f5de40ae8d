import { Box, Paper, Typography } from '@mui/material';
import { useMe } from '../auth/session';
import { roleLabel } from './roles';

/** What every user may see about their own account. */
export function AccountTab() {
  const me = useMe();
  const rows: [string, string][] = [
    ['Name', me.name],
    ['Email', me.email],
    ['Role', roleLabel(me.role)],
    ['Organisation', me.organization.name],
  ];
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, maxWidth: 560 }}>
      <Typography component="h2" variant="h6" sx={{ fontWeight: 600, mb: 2 }}>
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
  );
}
