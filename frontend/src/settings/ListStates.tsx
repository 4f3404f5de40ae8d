import { Alert, Box, Button, CircularProgress, TableCell, useMediaQuery, useTheme, type Breakpoint } from '@mui/material';
import { visuallyHidden } from './visuallyHidden';
import { WORDS } from '../words';

/** A list's loading state, announced politely. */
export function ListLoading({ label }: { label: string }) {
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', py: 6 }} role="status" aria-live="polite">
      <CircularProgress aria-label={label} />
    </Box>
  );
}

/** A list that failed to load: the server's reason and a way to try again. */
export function ListLoadError({ what, message, onRetry }: { what: string; message: string; onRetry: () => void }) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {WORDS.tryAgain}
        </Button>
      }
    >
      Could not load {what}. {message}
    </Alert>
  );
}

/** The header of a table's last column of icon buttons: named for screen readers only. */
export function ActionsHeaderCell() {
  return (
    <TableCell align="right">
      <Box component="span" sx={visuallyHidden}>
        Actions
      </Box>
    </TableCell>
  );
}

/** True below the breakpoint, where a list shows cards instead of a table (also at 200% zoom on a small window). */
export function useNarrow(below: Breakpoint): boolean {
  const theme = useTheme();
  return useMediaQuery(theme.breakpoints.down(below));
}
