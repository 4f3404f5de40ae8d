import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';
import KeyIcon from '@mui/icons-material/VpnKeyOutlined';

/** The centred card that sign-in and setup share. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', px: 2, py: 4 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 420, p: { xs: 3, sm: 4 } }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2, color: 'primary.main' }}>
          <KeyIcon aria-hidden />
          <Typography component="span" sx={{ fontWeight: 700, fontSize: 18 }}>
            Keyward
          </Typography>
        </Box>
        <Typography component="h1" variant="h5" sx={{ fontWeight: 600, mb: subtitle ? 1 : 3 }}>
          {title}
        </Typography>
        {subtitle && (
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            {subtitle}
          </Typography>
        )}
        {children}
      </Paper>
    </Box>
  );
}
