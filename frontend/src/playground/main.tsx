import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './playground.css';
import { fetcher, memoryOnlyStorage } from './fetcher';
import { EDITOR_HINT_ID, fixGraphiQLAccessibility } from './a11yFixes';
import { API_REFERENCE_PATH } from '../docs/paths';

const DEFAULT_QUERY = `# Keyward GraphQL playground
#
# Signed in? Requests use your admin session.
# Using an API key? Paste into Headers below:
#   {"Authorization": "Bearer kw_…"}
# Headers are never saved in the browser.

{
  whoami {
    kind
    organization {
      name
    }
  }
}
`;

function Playground() {
  return (
    <div className="kw-playground">
      <header className="kw-bar">
        <a className="kw-back" href="/settings">
          ← Back to Keyward admin
        </a>
        <h1 className="kw-title">GraphQL playground</h1>
        <a className="kw-back kw-docs" href={API_REFERENCE_PATH}>
          API reference
        </a>
        <p className="kw-hint" id={EDITOR_HINT_ID}>
          Keyboard: in an editor, Tab indents. Press <kbd>Esc</kbd> to step out of the editor, then <kbd>Tab</kbd> to
          move on; <kbd>Enter</kbd> goes back in.
        </p>
      </header>
      <main className="kw-graphiql">
        <GraphiQL
          fetcher={fetcher}
          storage={memoryOnlyStorage}
          shouldPersistHeaders={false}
          showPersistHeadersSettings={false}
          isHeadersEditorEnabled
          defaultEditorToolsVisibility="headers"
          defaultQuery={DEFAULT_QUERY}
          initialQuery={DEFAULT_QUERY}
          initialHeaders=""
        >
          <GraphiQL.Logo>
            <span className="kw-logo">Keyward</span>
          </GraphiQL.Logo>
        </GraphiQL>
      </main>
    </div>
  );
}

const container = document.getElementById('playground')!;
fixGraphiQLAccessibility(container);
createRoot(container).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
