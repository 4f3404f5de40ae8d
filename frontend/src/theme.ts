import { createTheme } from '@mui/material/styles';

// note: the default MUI palette's warning/success text colours fail WCAG
// contrast on white, so the darker shades are used for text.
export const theme = createTheme({
  palette: {
    primary: { main: '#1f4fd1' },
    success: { main: '#1b7f3b' },
    warning: { main: '#b45309' },
    error: { main: '#c62828' },
    background: { default: '#f6f7f9' },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
  },
});
