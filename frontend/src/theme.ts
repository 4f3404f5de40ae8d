import { createTheme } from '@mui/material/styles';

/**
 * The focus ring every control shows when reached by keyboard. note: MUI's
 * default is a 30%-opacity ripple that pulses forever (about 1.5:1 on an
 * icon, under the 3:1 WCAG 1.4.11 asks for); a solid outline in the primary
 * colour has 6:1 on the light and 8:1 on the dark background.
 */
export const FOCUS_RING = {
  outline: '3px solid var(--kw-focus)',
  outlineOffset: '2px',
} as const;

// note: the default MUI palette's warning/success text colours fail WCAG
// contrast on white, so the darker shades are used for text; on the dark
// background the lighter shades are the readable ones.
export const theme = createTheme({
  // note: the browser's prefers-color-scheme picks the scheme in CSS alone,
  // so there is no flash of the wrong theme and no script to run first.
  cssVariables: { colorSchemeSelector: 'media' },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#1f4fd1' },
        success: { main: '#1b7f3b' },
        warning: { main: '#b45309' },
        error: { main: '#c62828' },
        background: { default: '#f6f7f9' },
      },
    },
    dark: {
      palette: {
        primary: { main: '#8fb0ff' },
        success: { main: '#6fd08c' },
        warning: { main: '#f5b461' },
        error: { main: '#ff8a80' },
        background: { default: '#101318', paper: '#171b22' },
      },
    },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        ':root': { '--kw-focus': '#1f4fd1' },
        '@media (prefers-color-scheme: dark)': { ':root': { '--kw-focus': '#8fb0ff' } },
        // One visible ring for keyboard focus on every native control, link and
        // focused heading or row; MUI's buttons get it below.
        ':focus-visible': FOCUS_RING,
        // Inputs show focus with their own thick border; the ring would double it.
        '.MuiInputBase-input:focus-visible': { outline: 'none' },
        // The pulsing focus ripple is replaced by the ring above.
        '.MuiTouchRipple-ripplePulsate': { display: 'none' },
        '@media (prefers-reduced-motion: reduce)': {
          '*, *::before, *::after': {
            animationDuration: '0.01ms !important',
            animationIterationCount: '1 !important',
            transitionDuration: '0.01ms !important',
            scrollBehavior: 'auto !important',
          },
        },
      },
    },
    // note: in the component's own styles, so it beats ButtonBase's "outline: 0".
    MuiButtonBase: { styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING } } },
    MuiButton: { defaultProps: { disableElevation: true, disableFocusRipple: true } },
    MuiIconButton: { defaultProps: { disableFocusRipple: true } },
    MuiTab: { defaultProps: { disableFocusRipple: true } },
    // note: long names without spaces (a 50-character key name) wrap instead
    // of pushing a dialog or a table wider than the screen.
    MuiDialogTitle: { styleOverrides: { root: { overflowWrap: 'anywhere' } } },
    MuiDialogContent: { styleOverrides: { root: { overflowWrap: 'anywhere' } } },
    // note: not 'anywhere' in table cells: it lets a column shrink to one
    // letter ("La st us ed", dates a character a line) when the table is
    // tight. Cells that hold a long name opt in themselves (KeyName,
    // UserList, AuditEventTable); headers never wrap.
    MuiTableCell: {
      styleOverrides: {
        root: { overflowWrap: 'break-word' },
        head: { whiteSpace: 'nowrap' },
      },
    },
  },
});
