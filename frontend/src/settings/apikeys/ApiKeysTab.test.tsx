import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render as rtlRender, screen, waitFor, within } from '@testing-library/react';
import { ThemeProvider } from '@mui/material';
import { MemoryRouter } from 'react-router';
import type { ReactElement } from 'react';
import { theme } from '../../theme';
import userEvent from '@testing-library/user-event';
import { ApiKeysTab } from './ApiKeysTab';
import { gqlError, stubGraphQL } from '../../test/graphqlStub';
import { apiKeyPages } from '../../test/apiKeysStub';

const render = (ui: ReactElement) =>
  rtlRender(
    <ThemeProvider theme={theme}>
      <MemoryRouter>{ui}</MemoryRouter>
    </ThemeProvider>,
  );

const DAY = 24 * 60 * 60 * 1000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

const activeKey = {
  id: '1',
  name: 'CI pipeline',
  prefix: 'kw_AbC1',
  scope: 'READ_WRITE',
  status: 'ACTIVE',
  createdAt: iso(-2),
  expiresAt: iso(28),
  lastUsedAt: null,
  createdBy: { id: 'u1', name: 'Ada Admin', email: 'ada@example.com' },
  usage: [] as { date: string; requests: number }[],
  insights: [] as { kind: string; message: string }[],
};
const expiredKey = {
  id: '2',
  name: 'Old billing job',
  prefix: 'kw_XyZ9',
  scope: 'READ_ONLY',
  status: 'EXPIRED',
  createdAt: iso(-40),
  expiresAt: iso(-10),
  lastUsedAt: iso(-12),
  createdBy: null,
  usage: [],
  insights: [],
};
const soonKey = {
  ...activeKey,
  id: '3',
  name: 'Nightly export',
  expiresAt: iso(3),
  lastUsedAt: iso(0),
  usage: [
    { date: '2026-11-25', requests: 40 },
    { date: '2026-11-26', requests: 1200 },
  ],
  insights: [{ kind: 'EXPIRES_SOON', message: 'Expires in 3 days. Create a new key, move the applications to it, then delete this one.' }],
};

const SECRET = 'kw_5ecretS3cretSecretSecretSecretSecretSecret1';

function renderTab(keys: unknown[]) {
  let current = keys;
  const stub = stubGraphQL({
    ApiKeys: apiKeyPages(() => current),
    CreateApiKey: (v) => {
      const input = v.input as { name: string; scope: string };
      if (input.name === 'taken') {
        return gqlError(
          'A key named "taken" already exists. Choose another name, or delete the existing key first.',
          'DUPLICATE_NAME',
          'name',
        );
      }
      const created = { ...activeKey, id: '9', name: input.name, scope: input.scope };
      current = [created, ...current];
      return { data: { createApiKey: { apiKey: { id: '9', name: input.name, scope: input.scope }, secret: SECRET } } };
    },
  });
  const user = userEvent.setup();
  render(<ApiKeysTab />);
  return { user, stub };
}

async function openCreateDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /create api key/i }));
  return screen.findByRole('dialog', { name: 'Create API key' });
}

describe('API keys tab', () => {
  it('explains API keys and offers "Create API key" when there are none', async () => {
    renderTab([]);
    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
    expect(screen.getByText(/call the Keyward GraphQL API/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create API key' })).toBeInTheDocument();
    const links = screen.getAllByRole('link', { name: 'Read the API reference' });
    expect(links).toHaveLength(2); // beside the tab's description and in the empty state
    for (const link of links) expect(link).toHaveAttribute('href', '/docs/api');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a loading state, then an error with a retry when the request fails', async () => {
    stubGraphQL({ ApiKeys: () => gqlError('Something went wrong on our side.', 'INTERNAL') });
    render(<ApiKeysTab />);
    expect(screen.getByLabelText('Loading API keys')).toBeInTheDocument();
    expect(await screen.findByText(/Could not load API keys/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('lists keys with both statuses, expiry, "Never" and named delete buttons', async () => {
    renderTab([activeKey, expiredKey, soonKey]);
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(screen.getByRole('button', { name: 'Create API key' })).toBeInTheDocument();
    expect(screen.getByTestId('key-count')).toHaveTextContent('3 of 20 keys');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 6)).toEqual(['Name', 'Status and scope', 'Created', 'Expires', 'Last used', 'Usage (30 days)']);

    const rows = within(table).getAllByTestId('api-key-row');
    expect(rows).toHaveLength(3);
    // Newest first: the expired key was created longest ago.
    const [active, soon, expired] = rows;
    expect(within(active).getByText('Active')).toBeInTheDocument();
    expect(within(active).getByText('in 28 days')).toBeInTheDocument();
    expect(within(active).getByText('Never')).toBeInTheDocument();
    expect(within(active).getByText('by Ada Admin')).toBeInTheDocument();
    expect(within(active).getByText('Read and write')).toBeInTheDocument();
    expect(within(expired).getByText('Read only')).toBeInTheDocument();
    expect(within(soon).getByText('Read and write')).toBeInTheDocument();
    expect(within(expired).getByText('Expired')).toBeInTheDocument();
    expect(within(expired).getByTestId('WarningAmberIcon')).toBeInTheDocument();
    expect(within(expired).getByText('expired 10 days ago')).toBeInTheDocument();
    expect(within(expired).getByText('12 days ago')).toBeInTheDocument();
    expect(within(soon).getByText('Expires in 3 days')).toBeInTheDocument();
    expect(within(soon).getByText('Expiring soon')).toBeInTheDocument();
    expect(within(active).queryByText(/Expires in|Expiring soon/)).not.toBeInTheDocument();

    expect(screen.getByRole('button', { name: 'Delete API key CI pipeline' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete API key Old billing job' })).toBeInTheDocument();
  });

  it('shows cards with the scope on a phone-sized screen', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }));
    renderTab([activeKey, expiredKey]);
    const list = await screen.findByRole('list', { name: 'API keys' });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const [active, expired] = within(list).getAllByTestId('api-key-row');
    expect(within(active).getByText('Scope')).toBeInTheDocument();
    expect(within(active).getByText('Read and write')).toBeInTheDocument();
    expect(within(expired).getByText('Read only')).toBeInTheDocument();
  });

  it('validates the key name live, counting code points', async () => {
    const { user, stub } = renderTab([]);
    const dialog = await openCreateDialog(user);
    const name = within(dialog).getByLabelText(/Key name/);
    expect(within(dialog).getByLabelText('Expires in')).toHaveValue('30');

    await user.type(name, 'ab');
    expect(within(dialog).getByText(/Use at least 3 characters \(now 2\)/)).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await user.type(name, 'c');
    expect(within(dialog).queryByText(/Use at least 3/)).not.toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'false');

    await user.clear(name);
    await user.type(name, '     ');
    expect(within(dialog).getByText(/Enter a name/)).toBeInTheDocument();

    await user.clear(name);
    fireEvent.change(name, { target: { value: 'x'.repeat(51) } });
    expect(within(dialog).getByText(/Use at most 50 characters \(now 51\)/)).toBeInTheDocument();
    fireEvent.change(name, { target: { value: 'x'.repeat(50) } });
    expect(within(dialog).queryByText(/Use at most 50/)).not.toBeInTheDocument();

    fireEvent.change(name, { target: { value: '🔑🔑' } });
    expect(within(dialog).getByText(/Use at least 3 characters \(now 2\)/)).toBeInTheDocument();
    fireEvent.change(name, { target: { value: '🔑'.repeat(50) } });
    expect(within(dialog).queryByText(/Use at (least|most)/)).not.toBeInTheDocument();

    // An invalid name is never sent.
    fireEvent.change(name, { target: { value: 'ab' } });
    await user.click(within(dialog).getByRole('button', { name: 'Create API key' }));
    expect(stub.calls.some((c) => c.operation === 'CreateApiKey')).toBe(false);
  });

  it('shows DUPLICATE_NAME once, under the name field, and clears it on edit', async () => {
    const { user } = renderTab([]);
    const dialog = await openCreateDialog(user);
    const name = within(dialog).getByLabelText(/Key name/);
    await user.type(name, 'taken');
    await user.click(within(dialog).getByRole('button', { name: 'Create API key' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription(/A key named "taken" already exists/));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dialog).getAllByText(/already exists/)).toHaveLength(1);
    await user.type(name, '2');
    expect(within(dialog).queryByText(/already exists/)).not.toBeInTheDocument();
  });

  it('counts keys against the limit and disables Create at the limit, saying what to do', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...activeKey, id: String(100 + i), name: `Key ${i}` }));
    renderTab(many);
    expect(await screen.findByTestId('key-count')).toHaveTextContent('20 of 20 keys');
    const create = screen.getByRole('button', { name: 'Create API key' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription('20 of 20 keys');
    expect(screen.getByTestId('key-limit-reached')).toHaveTextContent(/Delete a key you no longer use/);
  });

  it('shows the secret once: Escape and backdrop do not close it, "I copied the key" does', async () => {
    const { user, stub } = renderTab([]);
    const dialog = await openCreateDialog(user);
    await user.type(within(dialog).getByLabelText(/Key name/), '  Billing service ');
    await user.selectOptions(within(dialog).getByLabelText('Expires in'), '90');
    await user.click(within(dialog).getByRole('button', { name: 'Create API key' }));

    const shown = await screen.findByRole('dialog', { name: 'Copy your new API key' });
    expect(stub.calls.find((c) => c.operation === 'CreateApiKey')?.variables).toEqual({
      input: { name: 'Billing service', expiresInDays: 90, scope: 'READ_WRITE' },
    });
    expect(within(shown).getByText(/\(Read and write\)/)).toBeInTheDocument();
    const secret = within(shown).getByTestId('api-key-secret');
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveAttribute('readonly');
    expect(getComputedStyle(secret).fontFamily).toMatch(/monospace/);
    expect(within(shown).getByText(/will not be shown again/)).toBeInTheDocument();

    // Copy puts the secret on the clipboard and says so.
    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(await within(shown).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(SECRET);

    // Escape does not close it.
    await user.keyboard('{Escape}');
    fireEvent.keyDown(shown, { key: 'Escape' });
    // Clicking the backdrop does not close it.
    const container = document.querySelector('.MuiDialog-container') as HTMLElement;
    const backdrop = document.querySelector('.MuiBackdrop-root') as HTMLElement;
    fireEvent.mouseDown(container);
    fireEvent.click(container);
    fireEvent.mouseDown(backdrop);
    fireEvent.click(backdrop);
    await new Promise((r) => setTimeout(r, 400));
    expect(screen.getByRole('dialog', { name: 'Copy your new API key' })).toBeInTheDocument();
    expect(screen.getByDisplayValue(SECRET)).toBeInTheDocument();

    // The list behind it already shows the new key.
    expect(await screen.findByRole('button', { name: 'Delete API key Billing service', hidden: true })).toBeTruthy();

    await user.click(within(shown).getByRole('button', { name: 'I copied the key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(screen.getByRole('button', { name: 'Create API key' })).toBeInTheDocument();
  });

  it('offers a keyboard-operable scope choice, "Read and write" by default, and sends READ_ONLY when chosen', async () => {
    const { user, stub } = renderTab([]);
    const dialog = await openCreateDialog(user);
    const group = within(dialog).getByRole('radiogroup', { name: 'Scope' });
    const readWrite = within(group).getByRole('radio', { name: 'Read and write' });
    const readOnly = within(group).getByRole('radio', { name: 'Read only' });
    expect(readWrite).toBeChecked();
    expect(readOnly).not.toBeChecked();
    expect(readWrite).toHaveAccessibleDescription(/read and change governance data.*Editor/);
    expect(readOnly).toHaveAccessibleDescription(/only read.*Viewer/);

    // Arrow keys move the choice, as in any radio group.
    await user.click(readWrite);
    await user.keyboard('{ArrowDown}');
    expect(readOnly).toBeChecked();
    expect(readOnly).toHaveFocus();

    await user.type(within(dialog).getByLabelText(/Key name/), 'Reporting export');
    await user.click(within(dialog).getByRole('button', { name: 'Create API key' }));
    const shown = await screen.findByRole('dialog', { name: 'Copy your new API key' });
    expect(stub.calls.find((c) => c.operation === 'CreateApiKey')?.variables).toEqual({
      input: { name: 'Reporting export', expiresInDays: 30, scope: 'READ_ONLY' },
    });
    expect(within(shown).getByText(/\(Read only\)/)).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'I copied the key' }));
    const row = (await screen.findAllByTestId('api-key-row'))[0];
    expect(within(row).getByText('Reporting export')).toBeInTheDocument();
    expect(within(row).getByText('Read only')).toBeInTheDocument();
  });

  it('confirms a delete by naming the key and its consequences', async () => {
    let keys = [activeKey];
    const stub = stubGraphQL({
      ApiKeys: apiKeyPages(() => keys),
      DeleteApiKey: () => {
        keys = [];
        return { data: { deleteApiKey: { deletedApiKeyId: '1' } } };
      },
    });
    const user = userEvent.setup();
    render(<ApiKeysTab />);
    await user.click(await screen.findByRole('button', { name: 'Delete API key CI pipeline' }));
    const dialog = await screen.findByRole('dialog', { name: /Delete API key “CI pipeline”/ });
    expect(dialog).toHaveTextContent('lose access immediately');
    expect(dialog).toHaveTextContent('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
    expect(stub.calls.find((c) => c.operation === 'DeleteApiKey')?.variables).toEqual({ id: '1' });
  });

  it('shows 30 days of usage, insight chips with their advice, and links each key to its page', async () => {
    renderTab([soonKey, activeKey]);
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(within(table).getByRole('columnheader', { name: 'Usage (30 days)' })).toBeInTheDocument();
    const rows = within(table).getAllByTestId('api-key-row');
    expect(within(rows[0]).getByText('1,240')).toBeInTheDocument();
    expect(within(rows[0]).getByText(/requests in the last 2 days; busiest day 2026-11-26 with 1,200/)).toBeInTheDocument();
    const chip = within(rows[0]).getByTestId('insight-EXPIRES_SOON');
    expect(chip).toHaveTextContent('Expires soon');
    expect(chip).toHaveAccessibleDescription(/Expires in 3 days/);
    expect(within(rows[1]).getByText('No requests')).toBeInTheDocument();
    expect(within(rows[1]).queryByRole('list', { name: 'Insights' })).toBeNull();
    expect(within(rows[0]).getByRole('link', { name: 'Nightly export' })).toHaveAttribute('href', '/settings/api-keys/3');
  });

  it('reads the list page by page to its end, so every key shows with its usage whatever the key limit', async () => {
    // 120 keys: three pages of 50, as the server pages apiKeyConnection.
    const keys = Array.from({ length: 120 }, (_, i) => ({
      ...soonKey,
      id: `k${i}`,
      name: `Key ${String(i).padStart(3, '0')}`,
      createdAt: iso(-i),
      expiresAt: iso(60),
      insights: [],
    }));
    const stub = stubGraphQL({ ApiKeys: apiKeyPages(() => keys, { limit: 10000 }) });
    render(<ApiKeysTab />);
    const table = await screen.findByRole('table', { name: 'API keys' });
    // The table shows with the first page; the rest follow.
    await waitFor(() => expect(within(table).getAllByTestId('api-key-row')).toHaveLength(120));
    const rows = within(table).getAllByTestId('api-key-row');
    expect(within(rows[119]).getByText('Key 119')).toBeInTheDocument();
    expect(within(rows[119]).getByTestId('usage-sparkline')).toHaveTextContent('1,240');
    expect(screen.getByTestId('key-count')).toHaveTextContent('120 of 10000 keys');
    expect(stub.calls.filter((c) => c.operation === 'ApiKeys').map((c) => c.variables.after)).toEqual([
      null,
      'cursor-50',
      'cursor-100',
    ]);
  });

  it('shows the first page while the rest load, says how far it got, and resumes after a failed page', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => ({ ...activeKey, id: `k${i}`, name: `Key ${i}`, createdAt: iso(-i) }));
    const pages = apiKeyPages(() => keys, { limit: 10000 });
    // The second page answers only when the test says so, and fails the first time.
    let answerSecond = () => {};
    let secondFails = true;
    const stub = stubGraphQL({
      ApiKeys: async (v) => {
        if (v.after !== 'cursor-50') return pages(v);
        await new Promise<void>((resolve) => (answerSecond = resolve));
        if (!secondFails) return pages(v);
        secondFails = false;
        return gqlError('Something went wrong on our side.', 'INTERNAL');
      },
    });
    render(<ApiKeysTab />);
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(within(table).getAllByTestId('api-key-row')).toHaveLength(50);
    await waitFor(() => expect(stub.calls.map((c) => c.variables.after)).toEqual([null, 'cursor-50']));
    expect(screen.getByRole('status')).toHaveTextContent('Loading keys… 50 of 120');
    expect(screen.getByTestId('key-count')).toHaveTextContent('Counting keys…');

    await userEvent.type(screen.getByRole('searchbox'), 'Key 1');
    expect(screen.getByRole('status')).toHaveTextContent('Showing 11 of 50 keys loaded so far. Loading keys… 50 of 120');
    await userEvent.clear(screen.getByRole('searchbox'));

    answerSecond();
    expect(await screen.findByText(/Could not load the rest of the API keys/)).toBeInTheDocument();
    expect(within(table).getAllByTestId('api-key-row')).toHaveLength(50);
    expect(screen.getByRole('status')).not.toHaveTextContent('Loading keys');

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(stub.calls).toHaveLength(3));
    answerSecond();
    await waitFor(() => expect(within(table).getAllByTestId('api-key-row')).toHaveLength(120));
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/^$/);
    expect(screen.getByTestId('key-count')).toHaveTextContent('120 of 10000 keys');
    // Retry went on from the failed page: the first page was read once.
    expect(stub.calls.map((c) => c.variables.after)).toEqual([null, 'cursor-50', 'cursor-50', 'cursor-100']);
  });
});
