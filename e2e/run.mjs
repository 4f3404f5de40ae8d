// Browser tests: the real binary (KEYWARD_BIN, built with the SPA embedded) on a
// temporary SQLite database, driven by playwright-core through Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './lib/server.mjs';
import { run } from './lib/runner.mjs';
import { registerTests } from './tests.mjs';

// note: KEYWARD_CHROMIUM exists only to exercise the missing-browser path.
const CHROMIUM = process.env.KEYWARD_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');

async function main() {
  if (!existsSync(CHROMIUM)) {
    if (process.env.KEYWARD_REQUIRE_BROWSER === '1') {
      console.error(`BROWSER TESTS FAILED: ${CHROMIUM} not found and KEYWARD_REQUIRE_BROWSER=1 (apt-get install chromium)`);
      console.log('0 passed, 1 failed');
      return 1;
    }
    console.log('#'.repeat(72));
    console.log(`BROWSER TESTS SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`);
    console.log('#'.repeat(72));
    return 0;
  }
  const bin = process.env.KEYWARD_BIN && resolve(process.env.KEYWARD_BIN);
  if (!bin || !existsSync(bin)) {
    console.error('KEYWARD_BIN must name a server binary built with the SPA embedded (e.g. make build).');
    console.log('0 passed, 1 failed');
    return 1;
  }
  mkdirSync(artifacts, { recursive: true });

  const admin = { email: 'admin@example.com', password: `pw-${randomBytes(9).toString('base64url')}`, name: 'Admin' };
  // Usage counts and last uses reach the database every second, not every minute.
  process.env.KEYWARD_LAST_USED_FLUSH ??= '1s';
  const server = await startServer({
    bin,
    logFile: join(artifacts, 'server.log'),
    adminEmail: admin.email,
    adminPassword: admin.password,
    orgName: 'Acme',
  });
  let browser;
  const stopAll = async () => {
    await browser?.close().catch(() => {});
    await server.stop();
  };
  const onSignal = () => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Bounds the whole run, whatever hangs.
  const watchdog = setTimeout(() => {
    console.error('e2e: the whole run took over 15 minutes; stopping');
    console.log('0 passed, 1 failed');
    void stopAll().finally(() => process.exit(1));
  }, 15 * 60_000);
  watchdog.unref();

  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    registerTests({ browser, baseURL: server.baseURL, admin, artifacts, bin });
    const { passed, failed } = await run();
    console.log(`screenshots and server log: ${artifacts}`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 && passed > 0 ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
