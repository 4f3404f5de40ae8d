import { describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThemeProvider } from '@mui/material';
import { MemoryRouter } from 'react-router';
import { theme } from '../theme';
import { SessionProvider } from '../auth/session';
import { stubGraphQL } from '../test/graphqlStub';
import { LoginPage } from './LoginPage';

// note: generous waits; these tests share two cores with several builds.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

describe('Sign-in with accounts in several organisations', () => {
  it('asks which organisation only after the password matched several, then signs in to the chosen one', async () => {
    const stub = stubGraphQL({
      Session: () => ({ data: { setupRequired: false, me: null } }),
      Login: (v) =>
        v.organizationId
          ? { data: { login: { user: { id: 'u2' } } } }
          : {
              data: { login: null },
              errors: [
                {
                  message: 'You have accounts in 2 organisations with this email and password. Choose one and sign in again.',
                  extensions: {
                    code: 'BAD_USER_INPUT',
                    field: ['input', 'organizationId'],
                    organizations: [
                      { id: 'o1', name: 'Acme' },
                      { id: 'o2', name: 'Globex' },
                    ],
                  },
                },
              ],
            },
    });
    const user = userEvent.setup();
    render(
      <ThemeProvider theme={theme}>
        <MemoryRouter initialEntries={['/login']}>
          <SessionProvider>
            <LoginPage />
          </SessionProvider>
        </MemoryRouter>
      </ThemeProvider>,
    );
    await user.type(await screen.findByLabelText(/Email/), 'both@example.com');
    await user.type(screen.getByLabelText(/Password/), 'same-pass-1');
    expect(screen.queryByLabelText(/Organisation/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText(/accounts in several organisations/)).toBeInTheDocument();
    await user.click(screen.getByLabelText(/Organisation/));
    await user.click(await screen.findByRole('option', { name: 'Globex' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(stub.calls.filter((c) => c.operation === 'Login')).toHaveLength(2));
    expect(stub.calls.filter((c) => c.operation === 'Login').map((c) => c.variables)).toEqual([
      { email: 'both@example.com', password: 'same-pass-1', organizationId: null },
      { email: 'both@example.com', password: 'same-pass-1', organizationId: 'o2' },
    ]);
  });
});
