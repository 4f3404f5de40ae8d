import type { ReactNode } from 'react';
import { Box, Snackbar, Typography } from '@mui/material';
import { TOAST_ANCHOR } from '../words';

/**
 * A settings tab's top: its heading (focusable, the fallback target after a
 * dialog), one line on what the tab is for, and its main action at the end.
 */
export function TabHeader({
  headingId,
  title,
  description,
  action,
  basis,
}: {
  headingId: string;
  title: string;
  description: ReactNode;
  action?: ReactNode;
  /** How wide the text wants to be before the action wraps below it. */
  basis: string;
}) {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', justifyContent: 'space-between', gap: 2, mb: 2 }}>
      <Box sx={{ minWidth: 0, flex: `1 1 ${basis}` }}>
        <Typography id={headingId} component="h2" variant="h6" tabIndex={-1} sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        <Typography color="text.secondary" variant="body2">
          {description}
        </Typography>
      </Box>
      {action}
    </Box>
  );
}

/** A tab's short confirmation ("Deleted …"), in the same corner on every tab. */
export function NoticeToast({ notice, onClose }: { notice: string | null; onClose: () => void }) {
  return (
    <Snackbar open={notice !== null} autoHideDuration={5000} onClose={onClose} message={notice} anchorOrigin={TOAST_ANCHOR} />
  );
}
