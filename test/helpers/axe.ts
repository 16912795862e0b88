/**
 * Test helper: axe-core run inside a page of the hub. The pages' policy allows no script, so axe is
 * evaluated through the DevTools protocol (not a <script> element), then asked for violations.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Violations of impact serious or critical, as `id: target` strings. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  return found;
}

/** Where a test saves its screenshots: the test output dir (gitignored). */
export const shotPath = (name: string): string => `test-output/web/${name}.png`;
