// Issue 15 (admin UX): keyboard-only runs, focus after dialogs, the focus
// ring, long names, limits, dates, search in the URL, the shared form errors,
// the user's own role and password, the playground, and the screenshot and
// axe matrix (360 px, 1280 px, 200% zoom; light and dark) for every page.
import assert from 'node:assert/strict';
import { test } from './lib/runner.mjs';
import { checkA11y } from './lib/axe.mjs';
import { gql, loginCookie } from './lib/gql.mjs';
import { describeFocus, tabTo, waitForFocusWithin } from './lib/keyboard.mjs';
import { SCHEMES, SIZES, assertWithinViewport, backgroundBehind, contrast, sidewaysOverflow } from './lib/layout.mjs';

const CREATE_KEY =
  'mutation($n:String!,$d:Int){ createApiKey(input:{name:$n, expiresInDays:$d}){ apiKey { id } secret } }';
const DELETE_KEY = 'mutation($id:ID!){ deleteApiKey(input:{id:$id}){ deletedApiKeyId } }';
const CREATE_USER = 'mutation($i: CreateUserInput!){ createUser(input:$i){ user { id } } }';

export function registerUxTests({ open, shot, baseURL, admin }) {
  const adminCookie = () => loginCookie(baseURL, admin.email, admin.password);

  /** A browser context already signed in (the session cookie from an API sign-in). */
  async function openSignedIn(opts = {}, who = admin) {
    const s = await open(opts);
    const cookie = await loginCookie(baseURL, who.email, who.password);
    const [name, value] = cookie.split('=');
    await s.context.addCookies([{ name, value, url: baseURL }]);
    return s;
  }

  async function createKeys(cookie, names, days = 30) {
    const ids = [];
    for (const n of names) {
      const r = await gql(baseURL, CREATE_KEY, {
        cookie,
        variables: { n, d: days },
      });
      assert.ok(r.body.data?.createApiKey, JSON.stringify(r.body));
      ids.push(r.body.data.createApiKey.apiKey.id);
    }
    return ids;
  }

  async function deleteAllKeys(cookie) {
    const r = await gql(baseURL, '{ apiKeys { id } }', { cookie });
    for (const { id } of r.body.data.apiKeys) await gql(baseURL, DELETE_KEY, { cookie, variables: { id } });
  }

  /**
   * A test that leaves the organisation with no keys, passed or failed, so
   * one failure does not cascade into the tests after it (the key limit).
   */
  const cleanTest = (name, fn, opts) =>
    test(
      name,
      async () => {
        try {
          await fn();
        } finally {
          await deleteAllKeys(await adminCookie());
        }
      },
      opts,
    );

  async function signInByKeyboard(page, who) {
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The email field has focus on arrival.
    await page.keyboard.type(who.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(who.password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/settings/**');
  }

  cleanTest(
    'keyboard only, clipboard blocked: create → copy by hand → "I copied the key" → delete; focus never falls to the page top',
    async () => {
      const { context, page, errors } = await open({ reducedMotion: 'reduce' });
      await context.addInitScript(() => {
        // A locked-down browser: the clipboard API refuses.
        Object.defineProperty(navigator.clipboard, 'writeText', {
          value: () => Promise.reject(new DOMException('blocked by policy', 'NotAllowedError')),
        });
        // Records what Ctrl+C copies from a field.
        document.addEventListener(
          'copy',
          () => {
            const el = document.activeElement;
            window.__copied =
              el && 'value' in el ? el.value.slice(el.selectionStart, el.selectionEnd) : String(getSelection());
          },
          true,
        );
      });
      await signInByKeyboard(page, admin);
      await page.goto('/settings/api-keys');
      await page.getByText('No API keys yet').waitFor();

      await tabTo(page, page.getByRole('button', { name: 'Create API key' }));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Create API key' });
      await dialog.waitFor();
      await page.keyboard.type('Keyboard key');
      // The lifetime says the date it ends on, and follows the choice.
      const expiresOn = dialog.getByTestId('key-expires-on');
      const before = await expiresOn.textContent();
      assert.match(before, /Expires on \w{3} \d{1,2}, \d{4}, \d{2}:\d{2} (UTC|GMT)/);
      await tabTo(page, dialog.getByLabel('Expires in'));
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(
        (b) => document.querySelector('[data-testid="key-expires-on"]')?.textContent !== b,
        before,
      );
      assert.equal(await dialog.getByLabel('Expires in').inputValue(), '60');
      await tabTo(page, dialog.getByRole('button', { name: 'Create API key' }));
      await page.keyboard.press('Enter');

      const shown = page.getByRole('dialog', { name: 'Copy your new API key' });
      await shown.waitFor();
      const field = shown.getByTestId('api-key-secret');
      const secret = await field.inputValue();
      assert.match(secret, /^kw_[0-9A-Za-z]{30,}$/);
      await tabTo(page, shown.getByRole('button', { name: 'Copy' }));
      await page.keyboard.press('Enter');
      await shown.getByText('Copying is blocked in this browser').waitFor();
      // The key field now has focus with the whole key selected: Ctrl+C copies it.
      const selection = () =>
        field.evaluate((el) => ({
          focused: el === document.activeElement,
          from: el.selectionStart,
          to: el.selectionEnd,
          readOnly: el.readOnly,
        }));
      assert.deepEqual(await selection(), {
        focused: true,
        from: 0,
        to: secret.length,
        readOnly: true,
      });
      await checkA11y(page, 'shown-once-copy-blocked', {
        include: '[role="dialog"]',
      });
      await shot(page, '15-01-copy-by-hand');
      await page.keyboard.press('Control+C');
      assert.equal(await page.evaluate(() => window.__copied), secret, 'Ctrl+C copied the whole key');
      // Typing cannot change it, and coming back with the keyboard selects it all again.
      await page.keyboard.type('x');
      assert.equal(await field.inputValue(), secret);
      await tabTo(page, shown.getByRole('button', { name: 'Copy' }));
      await page.keyboard.press('Shift+Tab');
      assert.deepEqual(await selection(), {
        focused: true,
        from: 0,
        to: secret.length,
        readOnly: true,
      });

      await tabTo(page, shown.getByRole('button', { name: 'I copied the key' }));
      await page.keyboard.press('Enter');
      await shown.waitFor({ state: 'detached' });
      // The first key: focus lands on its new row, not on the page top.
      await waitForFocusWithin(page, '[data-testid="api-key-row"]', 'Keyboard key');
      await shot(page, '15-02-focus-new-row');

      // From the row, Tab reaches its actions (Rotate, Edit, Delete) next.
      await page.keyboard.press('Tab');
      assert.match(await describeFocus(page), /Keyboard key/);
      await tabTo(page, page.getByRole('button', { name: 'Delete API key Keyboard key' }), { max: 4 });
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', {
        name: /Delete API key “Keyboard key”/,
      });
      await confirm.waitFor();
      assert.match(await describeFocus(page), /Cancel/, 'Cancel is the default');
      await tabTo(page, confirm.getByRole('button', { name: 'Delete' }));
      await page.keyboard.press('Enter');
      await confirm.waitFor({ state: 'detached' });
      await page.getByText('No API keys yet').waitFor();
      // The list is empty: focus goes to its heading.
      await page.waitForFunction(() => document.activeElement?.id === 'api-keys-heading');
      const toast = page.locator('.MuiSnackbar-root').filter({ hasText: 'Deleted API key “Keyboard key”.' });
      await toast.waitFor();
      assert.match(await toast.getAttribute('class'), /anchorOriginBottomCenter/);
      await shot(page, '15-03-focus-heading-after-delete');

      const left = await gql(baseURL, '{ whoami { kind } }', {
        bearer: secret,
      });
      assert.equal(left.status, 401, 'the deleted key no longer works');
      assert.deepEqual(errors, []);
      await context.close();
    },
    { timeoutMs: 90_000 },
  );

  cleanTest('focus: after a delete it moves to the next row; a solid 3:1 ring on every control; nothing pulses', async () => {
    const cookie = await adminCookie();
    await createKeys(cookie, ['Focus A', 'Focus B']); // newest first: B, then A
    const { context, page } = await openSignedIn({ reducedMotion: 'reduce' });
    await page.goto('/settings/api-keys');
    await page.getByTestId('api-key-row').nth(1).waitFor();

    const del = page.getByRole('button', { name: 'Delete API key Focus B' });
    await tabTo(page, del);
    const ring = await del.evaluate((el) => {
      const cs = getComputedStyle(el);
      return {
        style: cs.outlineStyle,
        width: parseFloat(cs.outlineWidth),
        color: cs.outlineColor,
      };
    });
    assert.equal(ring.style, 'solid', `focus outline is ${JSON.stringify(ring)}`);
    assert.ok(ring.width >= 2, `focus outline is ${ring.width}px`);
    const ratio = contrast(ring.color, await backgroundBehind(del));
    assert.ok(ratio >= 3, `focus ring contrast ${ratio.toFixed(2)}:1`);
    const endless = await page.evaluate(
      () => document.getAnimations().filter((a) => a.effect?.getTiming().iterations === Infinity).length,
    );
    assert.equal(endless, 0, 'no endless animation (the old focus pulse)');
    await shot(page, '15-04-focus-ring', {
      clip: { x: 0, y: 0, width: 1280, height: 560 },
    });

    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: /Focus B/ });
    await tabTo(page, confirm.getByRole('button', { name: 'Delete' }));
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await waitForFocusWithin(page, '[data-testid="api-key-row"]', 'Focus A');

    // The ring is on every kind of control: a tab, a link, a text field's frame.
    // note: only the selected tab is in the Tab order (arrow keys move between tabs).
    for (const target of [
      page.getByRole('link', { name: 'Read the API reference' }),
      page.getByRole('tab', { name: 'API keys' }),
    ]) {
      await tabTo(page, target, { back: true });
      const style = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.equal(style, 'solid', `${await describeFocus(page)} has outline ${style}`);
    }
    await deleteAllKeys(cookie);
    await context.close();
  });

  cleanTest('long unbroken names wrap in the delete dialog and the list, at 1280 and 360 px', async () => {
    const cookie = await adminCookie();
    const long = `Long${'x'.repeat(42)}Name`; // 50 characters, no spaces
    await createKeys(cookie, [long]);
    for (const width of [1280, 360]) {
      const { context, page } = await openSignedIn({ width, height: 760 });
      await page.goto('/settings/api-keys');
      await page.getByTestId('api-key-row').first().waitFor();
      assert.ok((await sidewaysOverflow(page)) <= 1, `list overflows at ${width}px`);
      await page.getByRole('button', { name: `Delete API key ${long}` }).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(long) });
      await dialog.waitFor();
      const paper = page.locator('.MuiDialog-paper');
      const fits = await paper.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      assert.ok(fits, `dialog content is wider than the dialog at ${width}px`);
      const box = await paper.boundingBox();
      for (const text of [long, 'This cannot be undone']) {
        const t = await dialog.getByText(text, { exact: false }).last().boundingBox();
        assert.ok(
          t.x >= box.x && t.x + t.width <= box.x + box.width + 1,
          `"${text.slice(0, 20)}…" is cut off at ${width}px`,
        );
      }
      await checkA11y(page, `long-name-dialog-${width}`, {
        include: '[role="dialog"]',
      });
      await shot(page, `15-05-long-name-${width}px`);
      await context.close();
    }
    await deleteAllKeys(cookie);
  });

  cleanTest(
    'key limit counter, search, status filter and sort kept in the URL, dates with time and zone',
    async () => {
      const cookie = await adminCookie();
      const batch = Array.from({ length: 17 }, (_, i) => `Batch ${String(i + 1).padStart(2, '0')}`);
      await createKeys(cookie, batch, 90);
      await createKeys(cookie, ['Soon one', 'Soon two'], 7);
      const [zulu] = await createKeys(cookie, ['Zulu'], 30);

      const { context, page } = await openSignedIn({
        timezoneId: 'Europe/Berlin',
      });
      await page.goto('/settings/api-keys');
      await page.getByTestId('key-count').filter({ hasText: '20 of 20 keys' }).waitFor();
      const create = page.getByRole('button', { name: 'Create API key' });
      assert.equal(await create.isDisabled(), true, 'Create is disabled at the limit');
      await page.getByTestId('key-limit-reached').getByText('Delete a key you no longer use').waitFor();
      await shot(page, '15-06-key-limit');

      // Created and Expires show date, time and zone without hovering.
      const first = page.getByTestId('api-key-row').first();
      const text = await first.innerText();
      assert.match(text, /\d{2}:\d{2} GMT\+1/, `no time zone in: ${text}`);

      await page.getByLabel('Search by name or prefix').fill('soon');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'soon');
      await page.getByText('Showing 2 of 20 keys').waitFor();
      assert.equal(await page.getByTestId('api-key-row').count(), 2);
      await page.getByLabel('Search by name or prefix').fill('');
      await page.getByLabel('Status').selectOption('expiring');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('status') === 'expiring');
      await page.getByLabel('Sort by').selectOption('name');
      await page.waitForFunction(() => {
        const p = new URLSearchParams(location.search);
        return p.get('status') === 'expiring' && p.get('sort') === 'name';
      });
      // The filtered view survives a reload, i.e. it can be shared as a link.
      await page.reload();
      await page.getByText('Showing 2 of 20 keys').waitFor();
      assert.deepEqual(
        await page.getByTestId('api-key-row').getByRole('link').filter({ hasText: /^Soon/ }).allTextContents(),
        ['Soon one', 'Soon two'],
      );
      assert.equal(await page.getByLabel('Status').inputValue(), 'expiring');
      await checkA11y(page, 'api-keys-filtered');
      await shot(page, '15-07-filtered');
      await page.getByLabel('Status').selectOption('all');
      await page.getByLabel('Sort by').selectOption('expires');
      await page.getByTestId('api-key-row').first().getByText('Soon one').waitFor();

      // Below the limit again, Create comes back.
      await gql(baseURL, DELETE_KEY, { cookie, variables: { id: zulu } });
      await page.reload();
      await page.getByTestId('key-count').filter({ hasText: '19 of 20 keys' }).waitFor();
      assert.equal(await create.isDisabled(), false);
      await deleteAllKeys(cookie);
      await context.close();
    },
    { timeoutMs: 90_000 },
  );

  cleanTest('a duplicate key name shows its error once, under the name field', async () => {
    const cookie = await adminCookie();
    await createKeys(cookie, ['Dup key']);
    const { context, page } = await openSignedIn();
    await page.goto('/settings/api-keys');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByLabel('Key name').fill('DUP KEY');
    await dialog.getByRole('button', { name: 'Create API key' }).click();
    const name = dialog.getByLabel('Key name');
    await page.waitForFunction(() => document.getElementById('key-name')?.getAttribute('aria-invalid') === 'true');
    const described = await name.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    );
    assert.match(described, /already exists/);
    assert.equal(await dialog.getByRole('alert').count(), 0, 'no second copy in an alert');
    assert.equal(await dialog.getByText(/already exists/).count(), 1);
    await shot(page, '15-08-duplicate-under-field');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await deleteAllKeys(cookie);
    await context.close();
  });

  cleanTest(
    'Users, keyboard only: add (duplicate email under its field), change a role, remove; an Admin stepping down confirms and lands on Account',
    async () => {
      const cookie = await adminCookie();
      const second = {
        email: 'second-admin@example.com',
        password: 'second-admin-pw',
        name: 'Second Admin',
      };
      const made = await gql(baseURL, CREATE_USER, {
        cookie,
        variables: { i: { ...second, role: 'ADMIN' } },
      });
      assert.ok(made.body.data?.createUser, JSON.stringify(made.body));

      const { context, page, errors } = await open({ reducedMotion: 'reduce' });
      await signInByKeyboard(page, second);
      await page.goto('/settings/users');
      await page.getByTestId('user-row').first().waitFor();

      await tabTo(page, page.getByRole('button', { name: 'Add user' }));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Add user' });
      await dialog.waitFor();
      await page.keyboard.type(admin.email); // taken
      await page.keyboard.press('Tab');
      await page.keyboard.type('KB Person');
      await page.keyboard.press('Tab');
      await page.keyboard.type('kb-person-pw');
      await page.keyboard.press('Enter');
      const email = dialog.getByLabel('Email');
      await page.waitForFunction(() => document.getElementById('user-email')?.getAttribute('aria-invalid') === 'true');
      assert.equal(await dialog.getByRole('alert').count(), 0, 'the error is not repeated above the form');
      assert.equal(await dialog.getByText(/already/i).count(), 1, 'the error shows once');
      await shot(page, '15-09-add-user-duplicate');
      await tabTo(page, email, { back: true });
      await page.keyboard.press('Control+A');
      await page.keyboard.type('kb-person@example.com');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await waitForFocusWithin(page, '[data-testid="user-row"]', 'kb-person@example.com');
      const added = page.locator('.MuiSnackbar-root').filter({ hasText: 'Added kb-person@example.com.' });
      await added.waitFor();
      assert.match(
        await added.getAttribute('class'),
        /anchorOriginBottomCenter/,
        'toasts sit where the API keys tab puts them',
      );

      // Role change by keyboard, announced with its article.
      await tabTo(page, page.getByLabel('Role of KB Person'));
      await page.keyboard.press('ArrowUp'); // Viewer → Editor
      await page.getByText('KB Person is now an Editor.').waitFor();

      // Remove by keyboard: focus goes to a remaining row, not the page top.
      await tabTo(page, page.getByRole('button', { name: 'Remove user KB Person' }));
      await page.keyboard.press('Enter');
      const remove = page.getByRole('dialog', { name: 'Remove KB Person?' });
      await tabTo(page, remove.getByRole('button', { name: 'Remove', exact: true }));
      await page.keyboard.press('Enter');
      await remove.waitFor({ state: 'detached' });
      await page.waitForFunction(() => {
        const el = document.activeElement;
        return el && el !== document.body && (el.closest('[data-testid="user-row"]') || el.id === 'users-heading');
      });
      assert.doesNotMatch(await describeFocus(page), /KB Person/);

      // Stepping down: a confirmation that says what is lost, then a page this role may see.
      await tabTo(page, page.getByLabel('Role of Second Admin'));
      await page.keyboard.press('ArrowDown'); // Admin → Editor
      const step = page.getByRole('dialog', {
        name: 'Change your own role to Editor?',
      });
      await step.getByText('You will no longer see or manage API keys and users').waitFor();
      assert.equal(await page.getByLabel('Role of Second Admin').inputValue(), 'ADMIN', 'nothing changed yet');
      await checkA11y(page, 'own-role-confirm', { include: '[role="dialog"]' });
      await shot(page, '15-10-own-role-confirm');
      await tabTo(page, step.getByRole('button', { name: 'Become an Editor' }));
      await page.keyboard.press('Enter');
      await page.waitForURL('**/settings/account');
      await page.getByText('You are now an Editor').waitFor();
      assert.equal(
        await page.getByRole('tab', { name: 'API keys' }).count(),
        0,
        'the tabs follow the new role at once',
      );
      assert.equal(await page.getByRole('tab', { name: 'Users' }).count(), 0);
      assert.equal(await page.getByText('Could not load users').count(), 0);
      await page.getByText('Editor', { exact: true }).first().waitFor();
      assert.equal(await page.title(), 'Account · Settings · Keyward');
      await shot(page, '15-11-stepped-down');
      assert.deepEqual(errors, []);
      await context.close();

      const users = await gql(baseURL, '{ users(first: 100) { nodes { id email } } }', { cookie });
      const id = users.body.data.users.nodes.find((u) => u.email === second.email).id;
      await gql(baseURL, 'mutation($id:ID!){ deleteUser(input:{id:$id}){ deletedUserId } }', {
        cookie,
        variables: { id },
      });
    },
    { timeoutMs: 90_000 },
  );

  cleanTest('Account: change your password; wrong current password under its field; your other session ends', async () => {
    const cookie = await adminCookie();
    const person = {
      email: 'pw-person@example.com',
      password: 'first-password',
      name: 'Pat Password',
    };
    await gql(baseURL, CREATE_USER, {
      cookie,
      variables: { i: { ...person, role: 'VIEWER' } },
    });
    const other = await openSignedIn({}, person);
    await other.page.goto('/settings/account');
    await other.page.getByText('Pat Password').first().waitFor();

    const { context, page } = await open();
    await signInByKeyboard(page, person);
    await page.goto('/settings/account');
    const form = page.getByRole('region', { name: 'Change password' });
    await form.locator('#account-currentPassword').fill('not-my-password');
    await form.locator('#account-newPassword').fill('second-password');
    await form.locator('#account-confirm').fill('second-password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.waitForFunction(
      () => document.getElementById('account-currentPassword')?.getAttribute('aria-invalid') === 'true',
    );
    await form.getByText('The current password is wrong').waitFor();
    assert.equal(await form.getByRole('alert').count(), 0);
    await shot(page, '15-12-password-wrong-current');

    await form.locator('#account-currentPassword').fill(person.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('1 other session was signed out').waitFor();
    await checkA11y(page, 'account-password-changed');
    await shot(page, '15-13-password-changed');

    await other.page.reload();
    await other.page.waitForURL('**/login');
    const old = await gql(baseURL, 'mutation($e:String!,$p:String!){ login(input:{email:$e,password:$p}){ user { id } } }', {
      variables: { e: person.email, p: person.password },
    });
    assert.equal(old.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    await loginCookie(baseURL, person.email, 'second-password');
    await page.reload();
    await page.getByText('Pat Password').first().waitFor(); // this browser stays signed in
    await other.context.close();
    await context.close();
  });

  cleanTest(
    'playground: stacks at 360 px, named editors, Esc leaves an editor (hint shown), follows a dark system theme',
    async () => {
      const { context, page, errors } = await openSignedIn({
        width: 360,
        height: 760,
        colorScheme: 'dark',
      });
      await page.goto('/playground');
      await page.locator('.graphiql-query-editor .view-lines').waitFor();
      assert.equal(await page.title(), 'GraphQL playground · Keyward');
      await page.getByText('Press Esc to step out of the editor').waitFor();
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.graphiql-response').getByText('USER').waitFor({ timeout: 15_000 });
      const response = await page.locator('.graphiql-response').boundingBox();
      assert.ok(response.width >= 240, `response pane is ${response.width}px wide`);
      assert.ok((await sidewaysOverflow(page)) <= 1, 'no sideways scroll');

      for (const name of ['Query editor', 'Variables editor', 'Headers editor']) {
        assert.equal(await page.locator(`textarea[aria-label="${name}"]`).count(), 1, `a text area named ${name}`);
      }
      assert.equal(await page.locator('textarea[aria-label="Editor content"]').count(), 0);

      // Into the query editor, then Esc steps out and Tab moves on.
      await page.locator('.graphiql-query-editor .view-lines').click();
      await page.keyboard.press('Escape');
      assert.match(await describeFocus(page), /DIV "Query editor"/);
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() =>
        Boolean(document.activeElement?.closest('.graphiql-query-editor .graphiql-editor')),
      );
      assert.equal(inside, false, `Tab stayed in the editor: ${await describeFocus(page)}`);

      const bg = await backgroundBehind(page.locator('.graphiql-container'));
      assert.ok(contrast(bg, 'rgb(255, 255, 255)') > 10, `playground background ${bg} is not dark`);
      await shot(page, '15-14-playground-360-dark', { fullPage: true });
      assert.deepEqual(errors, []);
      await context.close();
    },
    { timeoutMs: 90_000 },
  );

  cleanTest(
    "every page at 360 px, 1280 px and 200% zoom, light and dark: axe, no sideways scroll, page titles, the guide's words",
    async () => {
      const cookie = await adminCookie();
      const [pipeline] = await createKeys(cookie, ['Matrix CI pipeline', `Matrix${'y'.repeat(44)}`]);
      await createKeys(cookie, ['Matrix soon'], 7);
      const pages = [
        {
          path: '/login',
          title: 'Sign in · Keyward',
          ready: (p) => p.getByRole('heading', { name: 'Sign in' }),
          anonymous: true,
        },
        {
          path: '/settings/api-keys',
          title: 'API keys · Settings · Keyward',
          ready: (p) => p.getByTestId('api-key-row').first(),
          reachable: (p) =>
            p.getByRole('button', {
              name: 'Delete API key Matrix CI pipeline',
            }),
        },
        {
          path: `/settings/api-keys/${pipeline}`,
          label: 'settings-api-key-detail',
          title: 'API keys · Settings · Keyward',
          ready: (p) => p.getByRole('heading', { name: 'Matrix CI pipeline' }),
          reachable: (p) => p.getByRole('button', { name: 'Delete key' }),
        },
        {
          path: '/settings/audit-log',
          title: 'Audit log · Settings · Keyward',
          ready: (p) => p.getByTestId('audit-row').first(),
        },
        {
          path: '/settings/users',
          title: 'Users · Settings · Keyward',
          ready: (p) => p.getByTestId('user-row').first(),
          reachable: (p) => p.getByLabel('Role of Admin'),
        },
        {
          path: '/settings/account',
          title: 'Account · Settings · Keyward',
          ready: (p) => p.getByRole('heading', { name: 'Change password' }),
        },
        {
          path: '/docs/api',
          title: 'API reference · Keyward',
          ready: (p) => p.getByRole('heading', { name: 'Authentication' }),
        },
        {
          path: '/playground',
          title: 'GraphQL playground · Keyward',
          ready: (p) => p.locator('.graphiql-query-editor .view-lines'),
        },
      ];
      try {
        for (const size of SIZES) {
          for (const colorScheme of SCHEMES) {
            const anon = await open({
              ...size.viewport,
              deviceScaleFactor: size.deviceScaleFactor,
              colorScheme,
            });
            const signed = await openSignedIn({
              ...size.viewport,
              deviceScaleFactor: size.deviceScaleFactor,
              colorScheme,
            });
            for (const pg of pages) {
              const { page } = pg.anonymous ? anon : signed;
              const label = `${pg.label ?? pg.path.replace(/\W+/g, '-').replace(/^-/, '')}-${size.name}-${colorScheme}`;
              await page.goto(pg.path);
              await pg.ready(page).waitFor({ timeout: 15_000 });
              assert.equal(await page.title(), pg.title, pg.path);
              await checkA11y(page, label);
              const overflow = await sidewaysOverflow(page);
              assert.ok(overflow <= 1, `${label}: page is ${overflow}px wider than the viewport`);
              if (pg.reachable)
                await assertWithinViewport(page, pg.reachable(page), `${label}: the row's last control`);
              // Column headers stay on one line (not "La st us ed" in a tight table).
              const wrapped = await page.evaluate(() =>
                [...document.querySelectorAll('th.MuiTableCell-head')]
                  .filter((th) => {
                    const range = document.createRange();
                    range.selectNodeContents(th);
                    const lines = [...range.getClientRects()].filter((r) => r.width > 2).map((r) => Math.round(r.top));
                    return new Set(lines).size > 1;
                  })
                  .map((th) => th.textContent),
              );
              assert.deepEqual(wrapped, [], `${label}: column headers wrap`);
              const words = await page.evaluate(() => document.body.innerText);
              assert.doesNotMatch(words, /API Keys|Create new key/, `${label}: old words`);
              if (colorScheme === 'dark' && !pg.path.startsWith('/playground')) {
                const bg = await backgroundBehind(page.locator('body'));
                assert.ok(contrast(bg, 'rgb(255, 255, 255)') > 10, `${label}: background ${bg} is not dark`);
              }
              // note: the whole page on a phone; the API reference at 200% zoom is
              // tens of thousands of device pixels tall, so there only the first screen.
              await shot(page, `16-${label}`, {
                fullPage: size.name === '360px' || (size.name === 'zoom200' && pg.path.startsWith('/settings')),
                timeout: 30_000,
              });
            }
            await anon.context.close();
            await signed.context.close();
          }
        }
      } finally {
        await deleteAllKeys(cookie);
      }
    },
    { timeoutMs: 420_000 },
  );
}
