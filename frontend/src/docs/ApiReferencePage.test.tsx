import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import ApiReferencePage from './ApiReferencePage';

const DOC = `# Keyward API reference

- [Authentication](#authentication)

## Authentication

Send \`Authorization: Bearer kw_…\`.

\`\`\`sh
curl -s "$KEYWARD_URL/graphql"
\`\`\`

| Caller | Mutations |
|---|---|
| Key with scope \`READ_ONLY\` | no — \`FORBIDDEN\` |

<script>window.pwned = true</script>
`;

function stubDoc(...answers: Array<() => Response>) {
  const fetchMock = vi.fn(async () => (answers.length > 1 ? answers.shift()! : answers[0])());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const renderPage = () =>
  render(
    <MemoryRouter initialEntries={['/docs/api']}>
      <ApiReferencePage />
    </MemoryRouter>,
  );

describe('API reference page', () => {
  it('loads /docs/api.md and renders headings with ids, code, tables; raw HTML stays text', async () => {
    const fetchMock = stubDoc(() => new Response(DOC, { headers: { 'Content-Type': 'text/markdown' } }));
    renderPage();
    expect(screen.getByLabelText('Loading the API reference')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Keyward API reference' })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/docs/api.md', expect.anything());
    expect(screen.getByRole('heading', { level: 2, name: 'Authentication' })).toHaveAttribute('id', 'authentication');
    expect(screen.getByRole('link', { name: 'Authentication' })).toHaveAttribute('href', '#authentication');
    expect(screen.getByRole('table')).toHaveTextContent('FORBIDDEN');
    expect(screen.getByText(/curl -s/).closest('pre')).not.toBeNull();
    expect(document.querySelector('article script')).toBeNull();
    expect(screen.getByText(/window.pwned = true/)).toBeInTheDocument();
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('shows an error with a retry that works', async () => {
    stubDoc(
      () => new Response('nope', { status: 500 }),
      () => new Response(DOC),
    );
    renderPage();
    expect(await screen.findByText(/Could not load the API reference/)).toHaveTextContent('HTTP 500');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Authentication' })).toBeInTheDocument();
  });
});
