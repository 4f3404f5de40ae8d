import { useEffect } from 'react';
import { documentTitle } from '../words';

/** Sets the browser tab's title for the page (WCAG 2.4.2), e.g. "API keys · Settings · Keyward". */
export function useDocumentTitle(...parts: string[]) {
  const title = documentTitle(...parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
