import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  useMediaQuery,
  useTheme,
  type Breakpoint,
  type TableContainerProps,
  type TableProps,
} from '@mui/material';
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

/** A list as a table: an outlined container, one header row naming the columns (and the actions column), the rows. */
export function ListTable({
  label,
  columns,
  actions = false,
  container,
  table,
  children,
}: {
  label: string;
  columns: string[];
  /** Whether the last column holds the rows' icon buttons. */
  actions?: boolean;
  container?: Omit<TableContainerProps, 'component'>;
  table?: TableProps;
  children: ReactNode;
}) {
  return (
    <TableContainer component={Paper} variant="outlined" {...container}>
      <Table aria-label={label} {...table}>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c}>{c}</TableCell>
            ))}
            {actions && <ActionsHeaderCell />}
          </TableRow>
        </TableHead>
        <TableBody>{children}</TableBody>
      </Table>
    </TableContainer>
  );
}

/** A list as cards (narrow screens): one landmark list, each card a focusable item. */
export function ListCards({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box component="ul" aria-label={label} sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}>
      {children}
    </Box>
  );
}

/** One card of ListCards; its id lets focus land on it after a dialog. */
export function ListCard({
  id,
  label,
  testId,
  position,
  children,
}: {
  id: string;
  label: string;
  testId: string;
  /** 'relative' when something inside is positioned against the card. */
  position?: 'relative';
  children: ReactNode;
}) {
  return (
    <Paper component="li" variant="outlined" id={id} tabIndex={-1} aria-label={label} data-testid={testId} sx={{ p: 2, position }}>
      {children}
    </Paper>
  );
}
