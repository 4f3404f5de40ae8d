import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { Link } from '@mui/material';
import { API_REFERENCE_PATH } from './paths';

/** A link to the API reference, e.g. "Read the API reference"; `hash` jumps to a section. */
export function ApiReferenceLink({ children, hash }: { children: ReactNode; hash?: string }) {
  return (
    <Link component={RouterLink} to={hash ? `${API_REFERENCE_PATH}#${hash}` : API_REFERENCE_PATH} sx={{ whiteSpace: 'nowrap' }}>
      {children}
    </Link>
  );
}
