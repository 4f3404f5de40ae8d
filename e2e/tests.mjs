import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { test } from './lib/runner.mjs';
import { checkA11y } from './lib/axe.mjs';
import { gql, loginCookie } from './lib/gql.mjs';
import { registerUxTests } from './ux.mjs';
import { registerUsageTests } from './usage.mjs';

const WAIT = 10_000;

/** Registers the browser scenarios; they share one server and run in order. */
export function registerTests({ browser, baseURL, admin, artifacts, bin }) {
  const origin = new URL(baseURL).origin;
  const shot = (page, name, opts = {}) => page.screenshot({ path: join(artifacts, `${name}.png`), ...opts });
  const state = {};
  // Every page the suite opens reports Content-Security-Policy refusals here.
  const cspViolations = [];

  /** A fresh context that records every request to a host other than the server. */
  async function open({ width = 1280, height = 860, deviceScaleFactor = 1, colorScheme = 'light', reducedMotion, timezoneId } = {}) {
    const context = await browser.newContext({
      viewport: { width, height },
      deviceScaleFactor,
      colorScheme,
      reducedMotion,
      timezoneId,
      baseURL,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const foreign = [];
    context.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) foreign.push(url);
    });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.setDefaultNavigationTimeout(WAIT);
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
    });
    return { context, page, foreign, errors };
  }

  async function signIn(page, email, password) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  test('sign-in page: accessible, clear error on a wrong password', async () => {
    const { context, page, foreign } = await open();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkA11y(page, 'sign-in');
    await shot(page, '01-sign-in');
    await signIn(page, admin.email, 'wrong-password');
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await shot(page, '02-sign-in-error');
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('admin: sign-in returns to the requested API Keys page, empty state', async () => {
    const s = await open();
    state.admin = s;
    const { page } = s;
    await page.goto('/settings/api-keys');
    await page.waitForURL('**/login');
    await signIn(page, admin.email, admin.password);
    await page.waitForURL('**/settings/api-keys');
    await page.getByText('No API keys yet').waitFor();
    assert.equal(await page.getByTestId('org-name').textContent(), 'Acme');
    await page.getByRole('tab', { name: 'API keys' }).waitFor();
    await page.getByRole('tab', { name: 'Users' }).waitFor();
    await checkA11y(page, 'api-keys-empty');
    await shot(page, '03-api-keys-empty');
  });

  test('admin: create a Read only key, copy it, "I copied the key", key listed Active', async () => {
    const { page } = state.admin;
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.waitFor();
    await dialog.getByLabel('Key name').fill('ab');
    await dialog.getByText('Use at least 3 characters').waitFor();
    await dialog.getByLabel('Key name').fill('E2E pipeline');
    assert.equal(await dialog.getByLabel('Expires in').inputValue(), '30');
    await dialog.getByLabel('Expires in').selectOption('7');
    const scope = dialog.getByRole('radiogroup', { name: 'Scope' });
    assert.equal(await scope.getByRole('radio', { name: 'Read and write' }).isChecked(), true, 'READ_WRITE is the default');
    // Keyboard only: focus the checked radio, then an arrow key moves the choice.
    await scope.getByRole('radio', { name: 'Read and write' }).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await scope.getByRole('radio', { name: 'Read only' }).isChecked(), true);
    await checkA11y(page, 'create-dialog', { include: '[role="dialog"]' });
    await shot(page, '04-create-dialog');
    await dialog.getByRole('button', { name: 'Create API key' }).click();

    const shown = page.getByRole('dialog', { name: 'Copy your new API key' });
    await shown.waitFor();
    await shown.getByText('(Read only)').waitFor();
    const secret = (await shown.getByTestId('api-key-secret').inputValue()).trim();
    assert.match(secret, /^kw_[0-9A-Za-z]{30,}$/);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, secret, 'clipboard holds the secret');
    state.secret = copied;
    await checkA11y(page, 'shown-once-dialog', { include: '[role="dialog"]' });
    await shot(page, '05-shown-once');

    // Neither Escape nor a click outside closes it.
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await page.waitForTimeout(400);
    assert.equal(await shown.isVisible(), true, 'shown-once dialog stays open');

    await shown.getByRole('button', { name: 'I copied the key' }).click();
    await shown.waitFor({ state: 'detached' });
    assert.equal((await page.content()).includes(secret), false, 'secret gone from the page');
    const row = page.getByTestId('api-key-row').filter({ hasText: 'E2E pipeline' });
    // A 7-day key expires within 7 days: amber "Expiring soon", not "Active".
    await row.getByText('Expiring soon').waitFor();
    await row.getByText('Read only').waitFor();
    await row.getByText('Expires in 7 days').waitFor();
    await row.getByText('Never').waitFor();
    await page.getByRole('button', { name: 'Create API key' }).waitFor();
    await checkA11y(page, 'api-keys-list');
    await shot(page, '06-api-keys-list');
  });

  test('the copied Read only key reads but gets FORBIDDEN on a mutation; a Read and write key may write', async () => {
    const res = await gql(baseURL, '{ whoami { kind organization { name } apiKey { name scope } } }', { bearer: state.secret });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.data?.whoami?.kind, 'API_KEY');
    assert.equal(res.body.data?.whoami?.organization?.name, 'Acme');
    assert.deepEqual(res.body.data?.whoami?.apiKey, { name: 'E2E pipeline', scope: 'READ_ONLY' });

    const createProject = 'mutation { createProject(input: { title: "E2E scope check" }) { project { id title } } }';
    const read = await gql(baseURL, '{ projects { totalCount } }', { bearer: state.secret });
    assert.equal(typeof read.body.data?.projects?.totalCount, 'number', JSON.stringify(read.body));
    const refused = await gql(baseURL, createProject, { bearer: state.secret });
    assert.equal(refused.status, 200, JSON.stringify(refused.body));
    assert.equal(refused.body.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(refused.body));
    assert.match(refused.body.errors[0].message, /read-only/);
    assert.equal(refused.body.data?.createProject ?? null, null);

    // The same mutation with a key of the default scope succeeds.
    const cookie = await loginCookie(baseURL, admin.email, admin.password);
    const made = await gql(
      baseURL,
      'mutation{ createApiKey(input:{name:"E2E writer", expiresInDays:7}) { apiKey { id scope } secret } }',
      { cookie },
    );
    const writer = made.body.data?.createApiKey;
    assert.equal(writer?.apiKey?.scope, 'READ_WRITE', JSON.stringify(made.body));
    const allowed = await gql(baseURL, createProject, { bearer: writer.secret });
    assert.equal(allowed.body.data?.createProject?.project?.title, 'E2E scope check', JSON.stringify(allowed.body));
    const gone = await gql(baseURL, 'mutation($id: ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }', {
      cookie,
      variables: { id: writer.apiKey.id },
    });
    assert.equal(gone.body.data?.deleteApiKey?.deletedApiKeyId, writer.apiKey.id, JSON.stringify(gone.body));
  });

  test('layout at 360 px wide: no sideways page scroll', async () => {
    const { page } = state.admin;
    await page.setViewportSize({ width: 360, height: 760 });
    await page.reload();
    await page.getByTestId('api-key-row').first().waitFor();
    await page.getByTestId('api-key-row').getByText('Read only').waitFor();
    await shot(page, '07-api-keys-360px', { fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
    // The delete button is reachable without scrolling sideways.
    const box = await page.getByRole('button', { name: 'Delete API key E2E pipeline' }).boundingBox();
    assert.ok(box && box.x + box.width <= 360, `delete button at x=${box?.x}`);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  test('admin: delete with confirmation, then the secret gets 401', async () => {
    const { page } = state.admin;
    await page.getByRole('button', { name: 'Delete API key E2E pipeline' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete API key “E2E pipeline”/ });
    await dialog.waitFor();
    await dialog.getByText('lose access immediately').waitFor();
    await dialog.getByText('cannot be undone').waitFor();
    await checkA11y(page, 'delete-dialog', { include: '[role="dialog"]' });
    await shot(page, '08-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No API keys yet').waitFor();
    const res = await gql(baseURL, '{ whoami { kind } }', { bearer: state.secret });
    assert.equal(res.status, 401, JSON.stringify(res.body));
    assert.equal(res.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    state.secret = undefined;
  });

  registerUxTests({ open, shot, baseURL, admin });

  test('API reference: linked from API Keys, renders docs/api.md, accessible, #anchors work, fits 360 px', async () => {
    const { page, errors } = state.admin;
    await page.getByRole('link', { name: 'Read the API reference' }).first().click();
    await page.waitForURL('**/docs/api');
    await page.getByRole('heading', { level: 1, name: 'Keyward API reference' }).waitFor();
    await page.getByRole('heading', { name: 'Authentication' }).waitFor();
    await page.getByRole('heading', { name: 'Scopes and roles' }).waitFor();
    assert.ok((await page.getByRole('table').count()) >= 2, 'tables are rendered');
    const codeFont = await page.locator('article pre').first().evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(codeFont, /monospace/);
    assert.equal(await page.locator('article script').count(), 0);
    await checkA11y(page, 'api-reference');
    await shot(page, '13-api-reference-top');

    // The table of contents links jump to the section.
    await page.getByRole('link', { name: 'Limits', exact: true }).first().click();
    await page.waitForURL('**/docs/api#limits');
    await page.waitForFunction(() => {
      const top = document.getElementById('limits')?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < 200;
    });
    // A deep link works on a fresh load too.
    await page.goto('/settings/account');
    await page.goto('/docs/api#errors');
    await page.getByRole('heading', { name: 'Errors' }).waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById('errors')?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < 200;
    });
    await shot(page, '13-api-reference-errors');

    await page.setViewportSize({ width: 360, height: 760 });
    await page.goto('/docs/api');
    await page.getByRole('heading', { name: 'Authentication' }).waitFor();
    await shot(page, '14-api-reference-360px');
    await page.getByRole('link', { name: 'Scopes and roles' }).first().click();
    await page.waitForURL('**/docs/api#scopes-and-roles');
    await shot(page, '14-api-reference-360px-table');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
    await checkA11y(page, 'api-reference-360px');
    await page.setViewportSize({ width: 1280, height: 860 });
    assert.deepEqual(errors, []);
    await page.goto('/settings/api-keys');
    await page.getByText('No API keys yet').waitFor();
  });

  /** Runs axe on the page (or an open dialog) at 1280 px, then again at 360 px. */
  async function checkBothWidths(page, label, opts) {
    await checkA11y(page, `${label}-1280`, opts);
    await shot(page, `${label}-1280`);
    await page.setViewportSize({ width: 360, height: 760 });
    await checkA11y(page, `${label}-360`, opts);
    await shot(page, `${label}-360`, { fullPage: !opts });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${label}: page is ${overflow}px wider than 360 px`);
    await page.setViewportSize({ width: 1280, height: 860 });
  }

  test('admin: rotate a key; the old and the new secret both work during the grace period', async () => {
    const { page } = state.admin;
    const cookie = await loginCookie(baseURL, admin.email, admin.password);
    state.cookie = cookie;
    const made = await gql(baseURL, 'mutation{ createApiKey(input:{name:"E2E rotate", expiresInDays:90}){ secret } }', { cookie });
    const oldSecret = made.body.data?.createApiKey?.secret;
    assert.ok(oldSecret, JSON.stringify(made.body));
    await page.reload();
    const row = page.getByTestId('api-key-row').filter({ hasText: 'E2E rotate' });
    await row.getByText('Active').waitFor();

    await page.getByRole('button', { name: 'Rotate API key E2E rotate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate API key “E2E rotate”' });
    await dialog.waitFor();
    const grace = dialog.getByRole('radiogroup', { name: 'The old secret keeps working for' });
    assert.equal(await grace.getByRole('radio', { name: /24 hours/ }).isChecked(), true, '24 hours is the default');
    for (const label of ['None', '1 hour', '7 days']) await grace.getByRole('radio', { name: new RegExp(label) }).waitFor();
    await checkBothWidths(page, '20-rotate-dialog', { include: '[role="dialog"]' });
    await dialog.getByRole('button', { name: 'Rotate' }).click();

    const shown = page.getByRole('dialog', { name: 'Copy the new secret' });
    await shown.waitFor();
    await shown.getByText(/The previous secret works until/).waitFor();
    const newSecret = (await shown.getByTestId('api-key-secret').inputValue()).trim();
    assert.match(newSecret, /^kw_[0-9A-Za-z]{39}$/);
    assert.notEqual(newSecret, oldSecret);
    await checkBothWidths(page, '21-rotated-shown-once', { include: '[role="dialog"]' });
    await shown.getByRole('button', { name: 'I copied the key' }).click();
    await shown.waitFor({ state: 'detached' });
    await row.getByTestId('previous-secret-note').getByText(/^Previous secret works until /).waitFor();

    // Both secrets work against /graphql; the old one announces its end.
    const viaOld = await gql(baseURL, '{ whoami { apiKey { name } } }', { bearer: oldSecret });
    assert.equal(viaOld.status, 200, JSON.stringify(viaOld.body));
    assert.equal(viaOld.body.data?.whoami?.apiKey?.name, 'E2E rotate');
    assert.ok(viaOld.headers.get('sunset'), 'the old secret gets a Sunset header');
    assert.equal(viaOld.body.extensions?.warnings?.[0]?.code, 'KEY_ROTATED', JSON.stringify(viaOld.body));
    const viaNew = await gql(baseURL, '{ whoami { apiKey { name } } }', { bearer: newSecret });
    assert.equal(viaNew.body.data?.whoami?.apiKey?.name, 'E2E rotate', JSON.stringify(viaNew.body));
    assert.equal(viaNew.headers.get('sunset'), null);
    assert.ok(viaNew.headers.get('keyward-key-expires-at'));
    state.rotated = newSecret;
  });

  test('admin: edit a key: rename it and switch it to Read only', async () => {
    const { page } = state.admin;
    await page.getByRole('button', { name: 'Edit API key E2E rotate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit API key' });
    await dialog.waitFor();
    await dialog.getByLabel('Key name').fill('E2E rotated');
    await dialog.getByRole('checkbox', { name: 'Read only' }).check();
    await checkBothWidths(page, '22-edit-dialog', { include: '[role="dialog"]' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('api-key-row').filter({ hasText: 'E2E rotated' });
    await row.getByText('Read only').waitFor();
    const refused = await gql(baseURL, 'mutation { createProject(input: { title: "after narrowing" }) { project { id } } }', { bearer: state.rotated });
    assert.equal(refused.body.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(refused.body));
  });

  test('expiring soon: badge and banner with Rotate; a revoked key shows where it was found', async () => {
    const { page } = state.admin;
    const { cookie } = state;
    await gql(baseURL, 'mutation{ createApiKey(input:{name:"E2E short-lived", expiresInDays:7}){ secret } }', { cookie });
    const leaked = await gql(baseURL, 'mutation{ createApiKey(input:{name:"E2E leaked", expiresInDays:30}){ secret } }', { cookie });
    const secret = leaked.body.data?.createApiKey?.secret;
    const report = await fetch(`${baseURL}/api/leaked-keys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ token: secret, type: 'keyward_api_key', url: 'https://github.com/acme/app/blob/main/.env', source: 'e2e' }]),
    });
    assert.deepEqual(await report.json(), [{ token_raw: secret, token_type: 'keyward_api_key', label: 'true_positive' }]);
    await page.reload();

    const soon = page.getByTestId('api-key-row').filter({ hasText: 'E2E short-lived' });
    await soon.getByText('Expiring soon').waitFor();
    await soon.getByTestId('expiry-badge').getByText(/Expires in [67] days/).waitFor();
    const banner = page.getByTestId('expiring-banner');
    await banner.getByText('1 key expires within 7 days.').waitFor();
    await banner.getByRole('button', { name: 'Rotate E2E short-lived' }).waitFor();

    const revoked = page.getByTestId('api-key-row').filter({ hasText: 'E2E leaked' });
    await revoked.getByText('Revoked', { exact: true }).waitFor();
    await revoked.getByText(/https:\/\/github.com\/acme\/app\/blob\/main\/.env/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Rotate API key E2E leaked' }).count(), 0, 'a revoked key offers no Rotate');
    const refused = await gql(baseURL, '{ whoami { kind } }', { bearer: secret });
    assert.equal(refused.status, 401);
    assert.match(refused.body.errors?.[0]?.message ?? '', /revoked/);
    await checkBothWidths(page, '23-expiring-and-revoked');

    // Rotate from the banner opens the same dialog.
    await banner.getByRole('button', { name: 'Rotate E2E short-lived' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate API key “E2E short-lived”' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('admin: Users tab lists users and shows the last-admin rule', async () => {
    const { page } = state.admin;
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.waitForURL('**/settings/users');
    const me = page.getByTestId('user-row').filter({ hasText: admin.email });
    await me.waitFor();
    await me.getByLabel(/Role of/).selectOption('VIEWER');
    // Changing your own role asks first, and the server's last-admin rule answers inside the dialog.
    const confirm = page.getByRole('dialog', { name: 'Change your own role to Viewer?' });
    await confirm.getByText('You will no longer see or manage API keys and users').waitFor();
    await confirm.getByRole('button', { name: 'Become a Viewer' }).click();
    const alert = confirm.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /last Admin/i, `expected the last-admin error, got: ${text}`);
    await shot(page, '09-users-last-admin');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await me.getByLabel(/Role of/).inputValue(), 'ADMIN');
    await page.getByRole('tab', { name: 'API keys' }).waitFor(); // still an Admin
  });

  test('admin: removing a person lists the keys they created and deletes them in the same step', async () => {
    const { page } = state.admin;
    const cookie = await loginCookie(baseURL, admin.email, admin.password);
    const leaver = { email: 'leaver@example.com', password: 'pw-leaver-12345' };
    const created = await gql(baseURL, 'mutation($i: CreateUserInput!){ createUser(input:$i){ user { id } } }', {
      cookie, variables: { i: { ...leaver, name: 'Leo Leaver', role: 'ADMIN' } },
    });
    assert.ok(created.body.data?.createUser?.user?.id, JSON.stringify(created.body));
    const leaverCookie = await loginCookie(baseURL, leaver.email, leaver.password);
    const key = await gql(baseURL, 'mutation{ createApiKey(input:{name:"Leo CI deploys"}){ secret } }', { cookie: leaverCookie });
    const secret = key.body.data?.createApiKey?.secret;
    assert.ok(secret, JSON.stringify(key.body));
    assert.equal((await gql(baseURL, '{ whoami { kind } }', { bearer: secret })).status, 200);

    await page.reload();
    const row = page.getByTestId('user-row').filter({ hasText: leaver.email });
    await row.getByRole('button', { name: 'Remove user Leo Leaver' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Leo Leaver?' });
    await dialog.getByText('Leo CI deploys').waitFor();
    const box = dialog.getByRole('checkbox', { name: 'Also delete this API key' });
    assert.equal(await box.isChecked(), false);
    await box.check();
    await checkA11y(page, 'remove-user-with-keys', { include: '[role="dialog"]' });
    await shot(page, '15-remove-user-with-keys');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    assert.equal((await gql(baseURL, '{ whoami { kind } }', { bearer: secret })).status, 401);
  });

  for (const role of ['EDITOR', 'VIEWER']) {
    test(`${role.toLowerCase()}: no API Keys tab, the route says not available`, async () => {
      const email = `${role.toLowerCase()}@example.com`;
      const password = `pw-${role.toLowerCase()}-12345`;
      const cookie = await loginCookie(baseURL, admin.email, admin.password);
      const created = await gql(
        baseURL,
        'mutation($i: CreateUserInput!){ createUser(input:$i) { user { id role } } }',
        { cookie, variables: { i: { email, name: `${role[0]}${role.slice(1).toLowerCase()} User`, password, role } } },
      );
      assert.equal(created.body.data?.createUser?.user?.role, role, JSON.stringify(created.body));

      const { context, page, foreign } = await open();
      await page.goto('/');
      await page.waitForURL('**/login');
      await signIn(page, email, password);
      await page.waitForURL('**/settings/account');
      await page.getByRole('tab', { name: 'Account' }).waitFor();
      assert.equal(await page.getByRole('tab', { name: 'API keys' }).count(), 0);
      assert.equal(await page.getByRole('tab', { name: 'Users' }).count(), 0);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API reference' }).waitFor();
      await page.goto('/settings/api-keys');
      await page.getByText('This page is not available for your role').waitFor();
      assert.equal(await page.getByRole('table').count(), 0);
      await shot(page, `10-${role.toLowerCase()}-not-available`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/login');
      assert.deepEqual(foreign, []);
      await context.close();
    });
  }

  test('playground: no external requests, runs whoami with a pasted Bearer key', async () => {
    const cookie = await loginCookie(baseURL, admin.email, admin.password);
    const created = await gql(
      baseURL,
      'mutation{ createApiKey(input:{name:"Playground e2e", expiresInDays:7}) { secret } }',
      { cookie },
    );
    const secret = created.body.data?.createApiKey?.secret;
    assert.ok(secret, JSON.stringify(created.body));

    const { context, page, foreign, errors } = await open();
    await page.goto('/playground');
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('link', { name: /Back to Keyward admin/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'API reference' }).getAttribute('href'), '/docs/api');
    // The schema loads by introspection: the docs explorer button becomes usable.
    await page.locator('.graphiql-query-editor .view-lines').waitFor();

    const headersEditor = page.locator('.graphiql-editor-tool .graphiql-editor').last();
    await headersEditor.waitFor();
    await headersEditor.click();
    await page.evaluate((h) => navigator.clipboard.writeText(h), JSON.stringify({ Authorization: `Bearer ${secret}` }));
    await page.keyboard.press('Control+V');
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response').getByText('API_KEY').waitFor({ timeout: 15_000 });
    await checkA11y(page, 'playground');
    await shot(page, '11-playground');

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!stored.includes(secret), 'the pasted key is not kept in browser storage');
    assert.deepEqual(foreign, [], `requests to other hosts: ${foreign.join(', ')}`);
    assert.deepEqual(errors, []);
    await context.close();
  }, { timeoutMs: 90_000 });

  test('admin: sign out ends the session', async () => {
    const { page, context, foreign } = state.admin;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/settings/api-keys');
    await page.waitForURL('**/login');
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('setup: the one-time link creates the organisation and its first admin', async () => {
    const logFile = join(artifacts, 'server-setup.log');
    const fresh = await startServer({ bin, logFile });
    try {
      let token;
      for (let i = 0; i < 50 && !token; i++) {
        token = /\/setup\?token=([^\s]+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
        if (!token) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(token, 'the server printed a setup link');
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT);
      await page.goto(`${fresh.baseURL}/login`);
      await page.getByText('No administrator exists yet').waitFor();
      await page.goto(`${fresh.baseURL}/setup`);
      await page.getByText('This setup link has no token').waitFor();
      await page.goto(`${fresh.baseURL}/setup?token=${token}`);
      await page.getByLabel('Organisation name').fill('Globex');
      await page.getByLabel('Your name').fill('Grace Admin');
      await page.getByLabel('Email').fill('grace@example.com');
      await page.getByLabel('Password').fill('correct horse battery');
      await checkA11y(page, 'setup');
      await shot(page, '12-setup');
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.waitForURL('**/settings/api-keys');
      assert.equal(await page.getByTestId('org-name').textContent(), 'Globex');
      await page.getByText('No API keys yet').waitFor();
      await context.close();
    } finally {
      await fresh.stop();
    }
  });

  registerUsageTests({ baseURL, admin, open, signIn, shot, browser, bin, artifacts });

  test('no page broke the Content-Security-Policy', async () => {
    assert.deepEqual(cspViolations, []);
  });
}
