import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { Alert, Box, Button, CircularProgress, Paper } from '@mui/material';
import { renderMarkdown } from './markdown';
import { API_REFERENCE_SOURCE } from './paths';
import { useDocumentTitle } from '../shell/title';
import { WORDS } from '../words';

type DocState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; markdown: string };

const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/** The API reference (docs/api.md), fetched from the server and rendered as HTML. */
export default function ApiReferencePage() {
  const [state, setState] = useState<DocState>({ status: 'loading' });
  const { hash } = useLocation();
  useDocumentTitle(WORDS.apiReference);

  const load = useCallback(async (signal?: AbortSignal) => {
    setState({ status: 'loading' });
    try {
      const res = await fetch(API_REFERENCE_SOURCE, { headers: { Accept: 'text/markdown' }, signal });
      if (!res.ok) throw new Error(`The server answered with HTTP ${res.status}.`);
      setState({ status: 'ready', markdown: await res.text() });
    } catch (err) {
      if (signal?.aborted) return;
      const detail = err instanceof TypeError ? 'Cannot reach the server. Check your connection.' : String((err as Error).message);
      setState({ status: 'error', message: detail });
    }
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  const html = useMemo(() => (state.status === 'ready' ? renderMarkdown(state.markdown) : ''), [state]);

  // note: the browser jumps to #limits before the text has arrived; jump again once it is there.
  useLayoutEffect(() => {
    if (!html || !hash) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [html, hash]);

  if (state.status === 'loading') {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', py: 8 }} role="status" aria-live="polite">
        <CircularProgress aria-label="Loading the API reference" />
      </Box>
    );
  }
  if (state.status === 'error') {
    return (
      <Box sx={{ maxWidth: 640, mx: 'auto', py: 4 }}>
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void load()}>
              Try again
            </Button>
          }
        >
          Could not load the API reference. {state.message}
        </Alert>
      </Box>
    );
  }
  return (
    <Paper
      component="article"
      variant="outlined"
      data-testid="api-reference"
      sx={docStyles}
      // The HTML comes from renderMarkdown, which escapes raw HTML and sanitises the result.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

const docStyles = {
  px: { xs: 2, sm: 5 },
  py: { xs: 2, sm: 4 },
  lineHeight: 1.6,
  overflowWrap: 'break-word',
  '& h1': { typography: 'h4', fontWeight: 600, fontSize: { xs: 26, sm: 32 }, mt: 0, mb: 2 },
  '& h2': {
    typography: 'h5',
    fontWeight: 600,
    fontSize: { xs: 21, sm: 24 },
    mt: 5,
    mb: 1.5,
    pb: 0.75,
    borderBottom: 1,
    borderColor: 'divider',
  },
  '& h3': { typography: 'h6', fontWeight: 600, mt: 3, mb: 1 },
  '& h1, & h2, & h3': { scrollMarginTop: '16px' },
  '& p, & ul, & ol': { my: 1.5 },
  '& li + li': { mt: 0.5 },
  '& a': { color: 'primary.main' },
  '& code': {
    fontFamily: mono,
    fontSize: '0.875em',
    // note: theme colours, not fixed greys, so code stays readable in the dark scheme.
    bgcolor: 'action.hover',
    border: 1,
    borderColor: 'divider',
    borderRadius: 0.5,
    px: 0.5,
    py: 0.125,
  },
  '& pre': {
    fontFamily: mono,
    fontSize: 13.5,
    lineHeight: 1.5,
    bgcolor: 'action.hover',
    border: 1,
    borderColor: 'divider',
    borderRadius: 1,
    p: 2,
    my: 2,
    overflowX: 'auto',
  },
  '& pre code': { bgcolor: 'transparent', border: 0, p: 0, fontSize: 'inherit' },
  '& .kw-table': { overflowX: 'auto', my: 2 },
  '& table': { borderCollapse: 'collapse', fontSize: 14, minWidth: '100%' },
  '& th, & td': { border: 1, borderColor: 'divider', px: 1.5, py: 0.75, textAlign: 'left', verticalAlign: 'top' },
  '& th': { bgcolor: 'action.selected', fontWeight: 600 },
  '& tr:nth-of-type(even) td': { bgcolor: 'action.hover' },
  '& pre:focus-visible, & .kw-table:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
} as const;
