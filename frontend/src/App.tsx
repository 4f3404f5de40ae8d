import { Suspense, lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Box, CircularProgress, Typography } from '@mui/material';
import { RequireAuth } from './auth/RequireAuth';
import { LoginPage } from './pages/LoginPage';
import { SetupPage } from './pages/SetupPage';
import { AppShell } from './shell/AppShell';
import { RoleGate, SettingsIndex, SettingsPage } from './settings/SettingsPage';
import { ApiKeysTab } from './settings/apikeys/ApiKeysTab';
import { UsersTab } from './settings/users/UsersTab';
import { AccountTab } from './settings/AccountTab';
import { useDocumentTitle } from './shell/title';
import { ApiKeyDetailPage } from './settings/apikeys/ApiKeyDetailPage';
import { AuditLogTab } from './settings/audit/AuditLogTab';

// note: loaded on first visit, so the markdown renderer stays out of the main chunk.
const ApiReferencePage = lazy(() => import('./docs/ApiReferencePage'));

function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <Typography component="h1" variant="h5" sx={{ py: 6, textAlign: 'center' }}>
      Page not found
    </Typography>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/settings" replace />} />
        <Route path="settings" element={<SettingsPage />}>
          <Route index element={<SettingsIndex />} />
          <Route
            path="api-keys"
            element={
              <RoleGate roles={['ADMIN']}>
                <ApiKeysTab />
              </RoleGate>
            }
          />
          <Route
            path="api-keys/:id"
            element={
              <RoleGate roles={['ADMIN']}>
                <ApiKeyDetailPage />
              </RoleGate>
            }
          />
          <Route
            path="audit-log"
            element={
              <RoleGate roles={['ADMIN']}>
                <AuditLogTab />
              </RoleGate>
            }
          />
          <Route
            path="users"
            element={
              <RoleGate roles={['ADMIN']}>
                <UsersTab />
              </RoleGate>
            }
          />
          <Route path="account" element={<AccountTab />} />
        </Route>
        <Route
          path="docs/api"
          element={
            <Suspense
              fallback={
                <Box sx={{ display: 'grid', placeItems: 'center', py: 8 }} role="status" aria-live="polite">
                  <CircularProgress aria-label="Loading the API reference" />
                </Box>
              }
            >
              <ApiReferencePage />
            </Suspense>
          }
        />
        <Route
          path="*"
          element={<NotFound />}
        />
      </Route>
    </Routes>
  );
}
