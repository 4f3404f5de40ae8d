// A tiny sequential test runner: each test has a time limit, and the run
// ends with the line "N passed, M failed" that CI reads.

const tests = [];

export function test(name, fn, { timeoutMs = 60_000 } = {}) {
  tests.push({ name, fn, timeoutMs });
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs every registered test in order; later tests still run after a failure.
 * KEYWARD_E2E_ONLY (a regular expression) runs only the tests whose names
 * match, e.g. KEYWARD_E2E_ONLY='^usage:'; mind that a group's later tests
 * may need its first.
 */
export async function run() {
  let passed = 0;
  let failed = 0;
  const only = process.env.KEYWARD_E2E_ONLY ? new RegExp(process.env.KEYWARD_E2E_ONLY) : null;
  for (const t of tests) {
    if (only && !only.test(t.name)) continue;
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${t.name} (${Date.now() - started} ms)`);
      const message = String(err?.message ?? err);
      const where = String(err?.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 3);
      console.log(`     ${[...message.split('\n').slice(0, 60), ...where].join('\n     ')}`);
    }
  }
  return { passed, failed };
}
