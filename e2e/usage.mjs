// Browser tests for key usage: real traffic is made against /graphql first
// (the server flushes counts every second in e2e), then the API Keys list,
// a key's detail page and the audit log are checked, with axe at 1280 and 360 px.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { test } from './lib/runner.mjs';
import { checkA11y } from './lib/axe.mjs';
import { gql, loginCookie } from './lib/gql.mjs';

export function registerUsageTests({ baseURL, admin, open, signIn, shot, browser, bin, artifacts }) {
  const state = {};

  test('usage: real traffic with keys shows in the list (sparkline, totals, insight chips)', async () => {
    const cookie = await loginCookie(baseURL, admin.email, admin.password);
    state.cookie = cookie;
    const create = async (name, days) => {
      const r = await gql(baseURL, 'mutation($n:String!,$d:Int){ createApiKey(input:{name:$n, expiresInDays:$d}){ apiKey { id } secret } }', {
        cookie,
        variables: { n: name, d: days },
      });
      assert.ok(r.body.data?.createApiKey, JSON.stringify(r.body));
      return r.body.data.createApiKey;
    };
    const busy = await create('Busy service', 90);
    const soon = await create('Expiring job', 3);
    const quiet = await create('Quiet key', 30);
    Object.assign(state, { busy, soon, quiet });
    for (let i = 0; i < 5; i++) {
      const r = await gql(baseURL, '{ projects { totalCount } }', { bearer: busy.secret });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    for (const title of ['Usage one', 'Usage two']) {
      const r = await gql(baseURL, 'mutation($t:String!){ createProject(input:{title:$t}){ project { id } } }', { bearer: busy.secret, variables: { t: title } });
      assert.equal(r.body.errors, undefined, JSON.stringify(r.body));
    }
    const forbidden = await gql(baseURL, '{ apiKeys { id } }', { bearer: busy.secret });
    assert.equal(forbidden.body.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    await gql(baseURL, '{ whoami { kind } }', { bearer: soon.secret });

    // Counts reach the database within a flush (1 s here, 1 min by default).
    let total = 0;
    for (let i = 0; i < 50 && total !== 8; i++) {
      const r = await gql(baseURL, '{ apiKeys { id usage { requests } } }', { cookie });
      const row = r.body.data.apiKeys.find((k) => k.id === busy.apiKey.id);
      total = row.usage.reduce((n, d) => n + d.requests, 0);
      if (total !== 8) await new Promise((res) => setTimeout(res, 200));
    }
    assert.equal(total, 8, 'the busy key has 8 requests after a flush');

    const s = await open();
    state.page = s;
    const { page } = s;
    await page.goto('/settings/api-keys');
    await signIn(page, admin.email, admin.password);
    const table = page.getByRole('table', { name: 'API keys' });
    await table.getByRole('columnheader', { name: 'Usage (30 days)' }).waitFor();
    const busyRow = page.getByTestId('api-key-row').filter({ hasText: 'Busy service' });
    await busyRow.getByTestId('usage-sparkline').getByText('8', { exact: true }).waitFor();
    await busyRow.getByTestId('usage-sparkline').locator('svg').first().waitFor();
    await page.getByTestId('api-key-row').filter({ hasText: 'Quiet key' }).getByText('No requests').waitFor();
    const chip = page.getByTestId('api-key-row').filter({ hasText: 'Expiring job' }).getByTestId('insight-EXPIRES_SOON');
    await chip.waitFor();
    await chip.hover();
    await page.getByRole('tooltip').filter({ hasText: 'Expires in 3 days' }).waitFor();
    await page.mouse.move(0, 0);
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await checkA11y(page, 'api-keys-usage');
    await shot(page, '20-api-keys-usage');
    await page.setViewportSize({ width: 360, height: 760 });
    await busyRow.getByText('Usage (30 days)').waitFor();
    await checkA11y(page, 'api-keys-usage-360');
    await shot(page, '21-api-keys-usage-360px', { fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  test('usage: key detail page shows fields, last use, a stacked chart with legend and table, and audit events', async () => {
    const { page } = state.page;
    await page.getByRole('link', { name: 'Busy service' }).click();
    await page.waitForURL(`**/settings/api-keys/${state.busy.apiKey.id}`);
    await page.getByRole('heading', { name: 'Busy service' }).waitFor();
    await page.getByText('127.0.0.1').waitFor();
    await page.getByTestId('usage-summary').getByText(/8 requests: reads 6, writes 2, errors 1, rate-limited 0, refused 0/).waitFor();
    const chart = page.getByTestId('usage-chart');
    await chart.locator('svg').first().waitFor();
    for (const label of ['Succeeded', 'Errors', 'Rate-limited', 'Refused']) await chart.getByText(label, { exact: true }).first().waitFor();
    // The text alternative: every day with traffic as a table row.
    const hidden = page.getByRole('table', { name: 'Requests per day' });
    assert.equal(await hidden.getByRole('row').count(), 2, 'a header row and today');
    await page.getByRole('table', { name: 'Events about this key' }).getByText('API key created').waitFor();
    const writes = page.getByRole('table', { name: 'Changes made with this key' });
    assert.equal(await writes.getByText('Project created').count(), 2);
    await checkA11y(page, 'api-key-detail');
    await shot(page, '22-api-key-detail', { fullPage: true });
    await page.setViewportSize({ width: 360, height: 760 });
    await page.getByRole('heading', { name: 'Busy service' }).waitFor();
    await checkA11y(page, 'api-key-detail-360');
    await shot(page, '23-api-key-detail-360px', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  test('usage: a quiet key says so; an expiring key shows its advice; Delete from the detail page', async () => {
    const { page } = state.page;
    await page.goto(`/settings/api-keys/${state.soon.apiKey.id}`);
    await page.getByTestId('insight-EXPIRES_SOON').getByText(/Expires in 3 days/).waitFor();
    await page.goto(`/settings/api-keys/${state.quiet.apiKey.id}`);
    await page.getByTestId('usage-empty').getByText('No requests in the last 30 days').waitFor();
    await page.getByText('This key has not changed any data.').waitFor();
    await checkA11y(page, 'api-key-detail-empty');
    await shot(page, '24-api-key-detail-empty');
    await page.getByRole('button', { name: 'Delete key' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete API key “Quiet key”/ });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL('**/settings/api-keys');
    await page.getByTestId('api-key-row').filter({ hasText: 'Busy service' }).waitFor();
    assert.equal(await page.getByTestId('api-key-row').filter({ hasText: 'Quiet key' }).count(), 0);
    await page.goto(`/settings/api-keys/${state.quiet.apiKey.id}`);
    await page.getByText('API key not found').waitFor();
  });

  test('audit log tab: newest first, filters by action and actor, pages of 50', async () => {
    for (let i = 0; i < 50; i++) {
      const r = await gql(baseURL, 'mutation($t:String!){ createProject(input:{title:$t}){ project { id } } }', {
        cookie: state.cookie,
        variables: { t: `Audit page ${i}` },
      });
      assert.equal(r.body.errors, undefined, JSON.stringify(r.body));
    }
    const { page } = state.page;
    // Opens a select, picks an option, and waits for the menu to close.
    const choose = async (label, option) => {
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    };
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.waitForURL('**/settings/audit-log');
    const log = page.getByRole('table', { name: 'Audit log' });
    await log.getByText('Audit page 49').waitFor();
    assert.equal(await log.getByTestId('audit-row').count(), 50);
    const range = await page.getByTestId('audit-range').textContent();
    assert.match(range, /^1–50 of \d+$/);
    await checkA11y(page, 'audit-log');
    await shot(page, '25-audit-log');
    await page.getByRole('button', { name: 'Older' }).click();
    await page.getByTestId('audit-range').getByText(/^51–/).waitFor();
    await page.getByRole('button', { name: 'Newer' }).click();
    await page.getByTestId('audit-range').getByText(/^1–50/).waitFor();

    await choose('Action', 'API key deleted');
    await log.getByText('Quiet key').waitFor();
    const deleted = await log.getByTestId('audit-row').count();
    assert.ok(deleted >= 1, 'at least the Quiet key deletion');
    assert.equal(await log.getByTestId('audit-row').filter({ hasText: 'API key deleted' }).count(), deleted, 'only deletions');
    await choose('Action', 'All actions');
    await choose('Actor', 'API key: Busy service');
    await page.getByTestId('audit-range').getByText('1–2 of 2').waitFor();
    await choose('Action', 'Risk deleted');
    await page.getByTestId('audit-empty').getByText('No events match these filters.').waitFor();
    await checkA11y(page, 'audit-log-empty');
    await page.setViewportSize({ width: 360, height: 760 });
    await choose('Action', 'All actions');
    await choose('Actor', 'Anyone');
    await page.getByRole('table', { name: 'Audit log' }).waitFor();
    await checkA11y(page, 'audit-log-360');
    await shot(page, '26-audit-log-360px', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    assert.deepEqual(state.page.errors, []);
    assert.deepEqual(state.page.foreign, []);
    await state.page.context.close();
  });

  /** A server of its own whose organisations may hold 100 keys, with the same admin. */
  const startAllowing100 = (log, orgName) =>
    startServer({
      bin,
      logFile: join(artifacts, log),
      adminEmail: admin.email,
      adminPassword: admin.password,
      orgName,
      env: { KEYWARD_MAX_API_KEYS: '100' },
    });

  // The detail page reads its one key by id (node), so its cost does not grow
  // with the key limit; reading it out of the whole apiKeys list cost more
  // than the 3000 limit from about 40 keys allowed.
  test('usage: a key detail page loads on a server that allows 100 keys per organisation', async () => {
    const many = await startAllowing100('server-many-keys.log', 'Many');
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: many.baseURL });
    try {
      const cookie = await loginCookie(many.baseURL, admin.email, admin.password);
      const r = await gql(many.baseURL, 'mutation{ createApiKey(input:{name:"One of many"}){ apiKey { id } } }', { cookie });
      const id = r.body.data?.createApiKey?.apiKey?.id;
      assert.ok(id, JSON.stringify(r.body));
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`/settings/api-keys/${id}`);
      await signIn(page, admin.email, admin.password);
      await page.getByRole('heading', { name: 'One of many' }).waitFor();
      await page.getByTestId('usage-empty').waitFor();
      // A key that is not there (deleted, or a mistyped link) is an empty state, not an error.
      await page.goto('/settings/api-keys/00000000-0000-0000-0000-000000000000');
      await page.getByRole('heading', { name: 'API key not found' }).waitFor();
      await page.goto('/settings/api-keys/not-a-key');
      await page.getByRole('heading', { name: 'API key not found' }).waitFor();
    } finally {
      await context.close();
      await many.stop();
    }
  });

  // The list reads apiKeyConnection a page at a time: the whole apiKeys list
  // is priced at KEYWARD_MAX_API_KEYS keys, and with 100 allowed the tab's
  // query was refused (COST_LIMIT_EXCEEDED) and showed only an error.
  test('usage: the API Keys list shows more than 75 keys with sparklines on a server that allows 100', async () => {
    const many = await startAllowing100('server-key-list.log', 'Many keys');
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: many.baseURL });
    try {
      const cookie = await loginCookie(many.baseURL, admin.email, admin.password);
      const create = async (name) => {
        const r = await gql(many.baseURL, 'mutation($n:String!){ createApiKey(input:{name:$n}){ apiKey { id } secret } }', { cookie, variables: { n: name } });
        assert.ok(r.body.data?.createApiKey, JSON.stringify(r.body));
        return r.body.data.createApiKey;
      };
      // The oldest key is listed last, on the list's second page of 50.
      const busy = await create('Oldest busy key');
      for (let i = 1; i < 80; i++) await create(`Key ${String(i).padStart(2, '0')}`);
      for (let i = 0; i < 3; i++) {
        const r = await gql(many.baseURL, '{ whoami { kind } }', { bearer: busy.secret });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      // Counts reach the database within a flush (1 s in e2e).
      let total = 0;
      for (let i = 0; i < 50 && total !== 3; i++) {
        const r = await gql(many.baseURL, 'query($id:ID!){ node(id:$id) { ... on ApiKey { usage { requests } } } }', { cookie, variables: { id: busy.apiKey.id } });
        total = r.body.data.node.usage.reduce((n, d) => n + d.requests, 0);
        if (total !== 3) await new Promise((res) => setTimeout(res, 200));
      }
      assert.equal(total, 3, 'the busy key has 3 requests after a flush');

      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors = [];
      page.on('pageerror', (err) => errors.push(String(err)));
      // The list's second page waits until the first is checked: the table
      // shows with the first page, and says how far the list has loaded.
      let releaseSecond;
      const secondHeld = new Promise((res) => (releaseSecond = res));
      await page.route('**/graphql', async (route) => {
        const body = route.request().postDataJSON();
        if (/query ApiKeys\b/.test(body?.query ?? '') && body.variables?.after) await secondHeld;
        await route.continue();
      });
      await page.goto('/settings/api-keys');
      await signIn(page, admin.email, admin.password);
      const table = page.getByRole('table', { name: 'API keys' });
      await page.getByText('Loading keys… 50 of 80').waitFor();
      assert.equal(await table.getByTestId('api-key-row').count(), 50);
      await shot(page, '27-api-keys-first-page-of-80');
      releaseSecond();
      await page.getByTestId('key-count').getByText('80 of 100 keys').waitFor();
      assert.equal(await table.getByTestId('api-key-row').count(), 80);
      assert.equal(await page.getByText(/Loading keys…/).count(), 0);
      assert.equal(await page.getByText(/Could not load API keys/).count(), 0);
      const busyRow = table.getByTestId('api-key-row').filter({ hasText: 'Oldest busy key' });
      await busyRow.getByTestId('usage-sparkline').getByText('3', { exact: true }).waitFor();
      await busyRow.getByTestId('usage-sparkline').locator('svg').first().waitFor();
      await table.getByTestId('api-key-row').filter({ hasText: 'Key 79' }).getByText('No requests').waitFor();
      await shot(page, '27-api-keys-80-of-100');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await many.stop();
    }
  });
}
