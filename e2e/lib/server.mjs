import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the real binary on a fresh SQLite file and a free port, and waits
 * (bounded) for /healthz. The returned stop() kills it and removes the files.
 */
export async function startServer({ bin, logFile, adminEmail, adminPassword, orgName, env: extra = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-e2e-'));
  const port = await freePort();
  const out = openSync(logFile, 'w');
  const env = {
    ...process.env,
    KEYWARD_ADDR: `127.0.0.1:${port}`,
    KEYWARD_DATABASE_URL: `sqlite:${join(dir, 'k.db')}`,
    ...extra,
  };
  delete env.DATABASE_URL;
  // Without an admin, the server prints a one-time setup link instead.
  for (const [name, value] of [
    ['KEYWARD_ADMIN_EMAIL', adminEmail],
    ['KEYWARD_ADMIN_PASSWORD', adminPassword],
    ['KEYWARD_ORG_NAME', orgName],
  ]) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(bin, [], { env, stdio: ['ignore', out, out] });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const baseURL = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(`server exited early (${JSON.stringify(exited)}); see ${logFile}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return { baseURL, stop, pid: child.pid };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`server did not answer /healthz within 20 s; see ${logFile}`);
}
