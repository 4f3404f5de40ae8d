import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ThemeProvider } from '@mui/material';
import { MemoryRouter, Route, Routes } from 'react-router';
import userEvent from '@testing-library/user-event';
import { theme } from '../../theme';
import { gqlError, stubGraphQL } from '../../test/graphqlStub';
import { ApiKeyDetailPage } from './ApiKeyDetailPage';
import { ApiKeyDetailQuery } from './usageOperations';

const ID = '6f1c2a9e-3b1d-4c55-9a8e-2f0b7d1e4c21';

const key = {
  __typename: 'ApiKey',
  id: ID,
  name: 'CI pipeline',
  prefix: 'kw_AbC1',
  scope: 'READ_ONLY',
  status: 'ACTIVE',
  createdAt: '2026-11-01T10:00:00Z',
  expiresAt: '2027-11-01T10:00:00Z',
  lastUsedAt: null,
  lastUsedIp: null,
  lastUsedUserAgent: null,
  createdBy: { id: 'u1', name: 'Ada Admin', email: 'ada@example.com' },
  rotatedAt: null,
  previousSecretExpiresAt: null,
  revokedAt: null,
  revocationNote: null,
  insights: [],
  usage: [],
};
const noEvents = { about: { nodes: [] }, by: { nodes: [], totalCount: 0 } };

function renderPage(id = ID) {
  render(
    <ThemeProvider theme={theme}>
      <MemoryRouter initialEntries={[`/settings/api-keys/${id}`]}>
        <Routes>
          <Route path="/settings/api-keys/:id" element={<ApiKeyDetailPage />} />
        </Routes>
      </MemoryRouter>
    </ThemeProvider>,
  );
}

describe('API key detail page', () => {
  it('reads its one key by id, not the whole apiKeys list (whose cost grows with KEYWARD_MAX_API_KEYS)', async () => {
    const query = ApiKeyDetailQuery.toString();
    expect(query).toMatch(/node\(id: \$id\)/);
    expect(query).not.toMatch(/\bapiKeys\b/);

    const { calls } = stubGraphQL({ ApiKeyDetail: () => ({ data: { node: key, ...noEvents } }) });
    renderPage();
    expect(screen.getByLabelText('Loading the API key')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'CI pipeline' })).toBeInTheDocument();
    expect(screen.getByTestId('usage-empty')).toHaveTextContent('No requests in the last 30 days');
    expect(calls).toEqual([{ operation: 'ApiKeyDetail', variables: { id: ID } }]);
  });

  it.each([
    ['a deleted key', () => ({ ...gqlError(`Nothing with id "${ID}" in your organisation`, 'NOT_FOUND'), data: { node: null, ...noEvents } })],
    ['an id of something else', () => ({ data: { node: { __typename: 'Project' }, ...noEvents } })],
    ['a malformed id', () => gqlError('id must be a UUID', 'BAD_USER_INPUT')],
  ])('says "API key not found" for %s', async (_, answer) => {
    stubGraphQL({ ApiKeyDetail: answer });
    renderPage();
    expect(await screen.findByRole('heading', { name: 'API key not found' })).toBeInTheDocument();
  });

  it('offers to try again when loading fails, and then shows the key', async () => {
    let fail = true;
    stubGraphQL({
      ApiKeyDetail: () => (fail ? gqlError('The service is temporarily unavailable.', 'UNAVAILABLE') : { data: { node: key, ...noEvents } }),
    });
    renderPage();
    expect(await screen.findByText(/The service is temporarily unavailable/)).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'CI pipeline' })).toBeInTheDocument();
  });
});
