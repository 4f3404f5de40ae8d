import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Injects axe-core into the page and fails on serious or critical violations.
 * `include` limits the check to part of the page, e.g. an open dialog.
 */
export async function checkA11y(page, label, { include } = {}) {
  // Dialogs fade in: checking contrast mid-transition reports false failures.
  // note: endless animations (a keyboard-focus ripple's pulse, a spinner) never end, so they do not count.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    null,
    { timeout: 5000 },
  );
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  // note: evaluated through the DevTools protocol, not as a <script> tag,
  // which the server's Content-Security-Policy (script-src 'self') refuses.
  if (!hasAxe) await page.evaluate(axeSource);
  const results = await page.evaluate(async (inc) => {
    const context = inc ? { include: [inc] } : document;
    const r = await window.axe.run(context, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  }, include ?? null);
  const bad = results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`     axe (${label}): minor: ${minor.map((v) => `${v.id}(${v.impact})`).join(', ')}`);
  if (bad.length) {
    throw new Error(`axe (${label}): ${bad.length} serious/critical violation(s):\n${JSON.stringify(bad, null, 2)}`);
  }
}
