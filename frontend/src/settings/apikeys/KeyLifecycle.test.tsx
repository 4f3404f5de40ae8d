import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ThemeProvider } from '@mui/material';
import { MemoryRouter } from 'react-router';
import { theme } from '../../theme';
import { ApiKeysTab } from './ApiKeysTab';
import { gqlError, stubGraphQL } from '../../test/graphqlStub';
import { apiKeyPages } from '../../test/apiKeysStub';

const DAY = 24 * 60 * 60 * 1000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

const base = {
  prefix: 'kw_AbC1',
  scope: 'READ_WRITE',
  status: 'ACTIVE',
  createdAt: iso(-2),
  lastUsedAt: null,
  createdBy: null,
  rotatedAt: null,
  previousSecretExpiresAt: null,
  revokedAt: null,
  revocationNote: null,
  usage: [],
  insights: [],
};
const active = { ...base, id: '1', name: 'CI pipeline', expiresAt: iso(60) };
const soon = { ...base, id: '2', name: 'Nightly export', expiresAt: iso(5) };
const revoked = {
  ...base,
  id: '3',
  name: 'Leaky bot',
  status: 'REVOKED',
  expiresAt: iso(20),
  revokedAt: iso(-1),
  revocationNote: 'Reported as leaked at https://github.com/acme/app/blob/main/.env by github',
};
const SECRET = 'kw_5ecretS3cretSecretSecretSecretSecretSecret1';

function renderTab(keys: unknown[]) {
  let current = keys;
  const stub = stubGraphQL({
    ApiKeys: apiKeyPages(() => current),
    RotateApiKey: (v) => {
      const { id, graceHours: grace } = v.input as { id: string; graceHours: number };
      const until = grace > 0 ? new Date(Date.now() + grace * 3600_000).toISOString() : null;
      current = current.map((k) => ((k as { id: string }).id === id ? { ...(k as object), previousSecretExpiresAt: until } : k));
      return {
        data: {
          rotateApiKey: {
            apiKey: { id, name: 'CI pipeline', scope: 'READ_WRITE', expiresAt: iso(60), previousSecretExpiresAt: until },
            secret: SECRET,
          },
        },
      };
    },
    UpdateApiKey: (v) => {
      const input = v.input as { id: string; name?: string; scope?: string };
      if (input.name === 'Taken') return gqlError('A key named "Taken" already exists. Choose another name.', 'DUPLICATE_NAME', 'name');
      return { data: { updateApiKey: { apiKey: { id: input.id, name: input.name ?? 'CI pipeline', scope: input.scope ?? 'READ_WRITE' } } } };
    },
  });
  render(
    <ThemeProvider theme={theme}>
      <MemoryRouter>
        <ApiKeysTab />
      </MemoryRouter>
    </ThemeProvider>,
  );
  return stub;
}

// note: generous timeout: these drive whole dialogs, and CI machines are shared.
describe('key lifecycle in the API Keys tab', { timeout: 30_000 }, () => {
  it('rotates with a chosen grace period, shows the new secret once, then "Previous secret works until"', async () => {
    const stub = renderTab([active]);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate API key CI pipeline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate API key “CI pipeline”' });
    // 24 hours is the default; choose 7 days and a 90-day lifetime.
    expect(within(dialog).getByRole('radio', { name: /24 hours/ })).toBeChecked();
    fireEvent.click(within(dialog).getByRole('radio', { name: /7 days/ }));
    fireEvent.change(within(dialog).getByLabelText('New secret expires in'), { target: { value: '90' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));

    const shown = await screen.findByRole('dialog', { name: 'Copy the new secret' });
    expect(within(shown).getByTestId('api-key-secret')).toHaveTextContent(SECRET);
    expect(within(shown).getByText(/The previous secret works until/)).toBeInTheDocument();
    expect(stub.calls.find((c) => c.operation === 'RotateApiKey')?.variables).toEqual({
      input: { id: '1', graceHours: 168, expiresInDays: 90 },
    });
    fireEvent.click(within(shown).getByRole('button', { name: 'I copied the key' }));
    await waitFor(() => expect(screen.queryByTestId('api-key-secret')).not.toBeInTheDocument());
    expect(await screen.findByTestId('previous-secret-note')).toHaveTextContent(/^Previous secret works until /);
  });

  it('rotating with no grace period says the old secret stopped; same lifetime sends no expiry', async () => {
    const stub = renderTab([active]);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate API key CI pipeline' }));
    const dialog = await screen.findByRole('dialog', { name: /Rotate API key/ });
    fireEvent.click(within(dialog).getByRole('radio', { name: /None/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    const shown = await screen.findByRole('dialog', { name: 'Copy the new secret' });
    expect(within(shown).getByText(/The previous secret has stopped working/)).toBeInTheDocument();
    expect(stub.calls.find((c) => c.operation === 'RotateApiKey')?.variables).toEqual({ input: { id: '1', graceHours: 0 } });
  });

  it('edits: a duplicate name shows on the field, then narrowing to Read only sends only the scope', async () => {
    const stub = renderTab([active]);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit API key CI pipeline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit API key' });
    const name = within(dialog).getByLabelText(/Key name/);
    fireEvent.change(name, { target: { value: 'Taken' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText(/already exists/)).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(name, { target: { value: 'CI pipeline' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Read only' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit API key' })).not.toBeInTheDocument());
    expect(stub.calls.filter((c) => c.operation === 'UpdateApiKey').at(-1)?.variables).toEqual({
      input: { id: '1', scope: 'READ_ONLY' },
    });
  });

  it('a Read only key cannot be widened in the form', async () => {
    renderTab([{ ...active, scope: 'READ_ONLY' }]);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit API key CI pipeline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit API key' });
    const box = within(dialog).getByRole('checkbox', { name: 'Read only' });
    expect(box).toBeChecked();
    expect(box).toBeDisabled();
    expect(within(dialog).getByText(/cannot be widened/)).toBeInTheDocument();
  });

  it('statuses read Active, Expiring soon and Revoked, each with an icon; the banner offers Rotate', async () => {
    renderTab([active, soon, revoked]);
    const rows = await screen.findAllByTestId('api-key-row');
    const [a, s, r] = rows;
    expect(within(a).getByTestId('key-status')).toHaveTextContent('Active');
    expect(within(a).getByTestId('CheckCircleOutlinedIcon')).toBeInTheDocument();
    expect(within(s).getByTestId('key-status')).toHaveTextContent('Expiring soon');
    expect(within(s).getByTestId('ScheduleIcon')).toBeInTheDocument();
    expect(within(s).getByTestId('expiry-badge')).toHaveTextContent('Expires in 5 days');
    expect(within(r).getByTestId('key-status')).toHaveTextContent('Revoked');
    expect(within(r).getByTestId('BlockIcon')).toBeInTheDocument();
    expect(within(r).getByTestId('revocation-note')).toHaveTextContent('https://github.com/acme/app/blob/main/.env');
    // A revoked key cannot be rotated; it can be renamed or deleted.
    expect(within(r).queryByRole('button', { name: /Rotate/ })).not.toBeInTheDocument();
    expect(within(r).getByRole('button', { name: 'Delete API key Leaky bot' })).toBeInTheDocument();

    const banner = screen.getByTestId('expiring-banner');
    expect(banner).toHaveTextContent('1 key expires within 7 days.');
    fireEvent.click(within(banner).getByRole('button', { name: 'Rotate Nightly export' }));
    expect(await screen.findByRole('dialog', { name: 'Rotate API key “Nightly export”' })).toBeInTheDocument();
  });
});
