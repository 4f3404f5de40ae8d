import { describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThemeProvider } from '@mui/material';
import { MemoryRouter } from 'react-router';
import { theme } from '../../theme';
import { SessionProvider, useSession } from '../../auth/session';
import { gqlError, stubGraphQL } from '../../test/graphqlStub';
import { apiKeyPages } from '../../test/apiKeysStub';
import { UsersTab } from './UsersTab';

// note: generous waits; these tests share two cores with several builds.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const org = { id: 'o1', name: 'Acme' };
const me = { id: 'u1', email: 'admin@example.com', name: 'Ada Admin', role: 'ADMIN', createdAt: '2026-01-01T00:00:00Z', organization: org };
const leaver = { id: 'u2', email: 'leo@example.com', name: 'Leo Leaver', role: 'ADMIN', createdAt: '2026-01-02T00:00:00Z', organization: org };
const quiet = { id: 'u3', email: 'quinn@example.com', name: 'Quinn Quiet', role: 'EDITOR', createdAt: '2026-01-03T00:00:00Z', organization: org };
const keys = [
  { id: 'k1', name: 'CI deploys', prefix: 'kw_AbC1', scope: 'READ_WRITE', createdBy: { id: 'u2' } },
  { id: 'k2', name: 'Nightly export', prefix: 'kw_XyZ9', scope: 'READ_ONLY', createdBy: { id: 'u2' } },
  { id: 'k3', name: "Ada's key", prefix: 'kw_Ada1', scope: 'READ_WRITE', createdBy: { id: 'u1' } },
];

/** The tab as the settings page shows it: only once the session is known. */
function SignedIn() {
  const { state } = useSession();
  return state.status === 'ready' && state.me ? <UsersTab /> : null;
}

/** The users connection in two pages: me first, then the others after cursor c1. */
function usersPage(v: Record<string, unknown>) {
  const first = v.after == null;
  const nodes = first ? [me] : [leaver, quiet];
  return { data: { users: { nodes, pageInfo: { hasNextPage: first, endCursor: first ? 'c1' : 'c2' } } } };
}

function renderTab(keysAnswer: (v: Record<string, unknown>) => unknown = apiKeyPages(() => keys)) {
  const stub = stubGraphQL({
    Session: () => ({ data: { setupRequired: false, me } }),
    Users: usersPage,
    KeysByCreator: keysAnswer,
    DeleteUser: () => ({ data: { deleteUser: true } }),
    UpdateUserRole: (v) => ({ data: { updateUserRole: { id: v.id, role: v.role } } }),
  });
  render(
    <ThemeProvider theme={theme}>
      <MemoryRouter>
        <SessionProvider>
          <SignedIn />
        </SessionProvider>
      </MemoryRouter>
    </ThemeProvider>,
  );
  return { stub, user: userEvent.setup() };
}

describe('Users tab offboarding', () => {
  it('lists the people of every page of the users connection', async () => {
    const { stub } = renderTab();
    expect(await screen.findByRole('button', { name: 'Remove user Quinn Quiet' })).toBeInTheDocument();
    expect(stub.calls.filter((c) => c.operation === 'Users').map((c) => c.variables)).toEqual([{ after: null }, { after: 'c1' }]);
  });

  it('lists the keys a person created when removing them, and deletes them only when asked', async () => {
    const { stub, user } = renderTab();
    await user.click(await screen.findByRole('button', { name: 'Remove user Leo Leaver' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Leo Leaver?' });
    expect(await within(dialog).findByText('CI deploys')).toBeInTheDocument();
    expect(within(dialog).getByText('Nightly export')).toBeInTheDocument();
    expect(within(dialog).getByText('kw_XyZ9… · Read only')).toBeInTheDocument();
    expect(within(dialog).queryByText("Ada's key")).not.toBeInTheDocument();
    const box = within(dialog).getByRole('checkbox', { name: 'Also delete these 2 API keys' });
    expect(box).not.toBeChecked();
    await user.click(box);
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(stub.calls.some((c) => c.operation === 'DeleteUser')).toBe(true));
    expect(stub.calls.find((c) => c.operation === 'DeleteUser')?.variables).toEqual({ id: 'u2', deleteApiKeys: true });
  });

  it('keeps the keys by default, and says so for a person without keys', async () => {
    const { stub, user } = renderTab();
    await user.click(await screen.findByRole('button', { name: 'Remove user Quinn Quiet' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Quinn Quiet?' });
    expect(await within(dialog).findByText('Quinn Quiet has not created any API keys.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(stub.calls.some((c) => c.operation === 'DeleteUser')).toBe(true));
    expect(stub.calls.find((c) => c.operation === 'DeleteUser')?.variables).toEqual({ id: 'u3', deleteApiKeys: false });
  });

  it('asks before demoting an Admin, with the same choice; other role changes apply at once', async () => {
    const { stub, user } = renderTab();
    await user.selectOptions(await screen.findByLabelText('Role of Leo Leaver'), 'VIEWER');
    const dialog = await screen.findByRole('dialog', { name: 'Make Leo Leaver Viewer?' });
    expect(stub.calls.some((c) => c.operation === 'UpdateUserRole')).toBe(false);
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Also delete these 2 API keys' }));
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(stub.calls.some((c) => c.operation === 'UpdateUserRole')).toBe(true));
    expect(stub.calls.find((c) => c.operation === 'UpdateUserRole')?.variables).toEqual({ id: 'u2', role: 'VIEWER', deleteApiKeys: true });

    await user.selectOptions(screen.getByLabelText('Role of Quinn Quiet'), 'VIEWER');
    await waitFor(() => expect(stub.calls.filter((c) => c.operation === 'UpdateUserRole')).toHaveLength(2));
    expect(screen.queryByRole('dialog', { name: /Make Quinn Quiet/ })).not.toBeInTheDocument();
  });

  it('shows an error with a retry when the keys cannot be loaded', async () => {
    const { user } = renderTab(() => gqlError('Something went wrong on our side.', 'INTERNAL'));
    await user.click(await screen.findByRole('button', { name: 'Remove user Leo Leaver' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Leo Leaver?' });
    expect(await within(dialog).findByText(/Could not load the API keys Leo Leaver created/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
  });
});
