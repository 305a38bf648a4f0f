/**
 * The built page under its own Content-Security-Policy (a <meta> Astro writes,
 * astro.config.mjs): the policy is the strict one, the page loads the sample,
 * draws its charts, makes a snapshot link and opens it, and Chromium reports
 * no violation on the way (neither a `securitypolicyviolation` event nor a
 * "Refused to …" console message). An inline script injected at run time is
 * refused, which shows both that the policy is in force and that violations
 * are seen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, loadAndWait, settled, WAIT, watchedPage, type Watched } from './chromium.ts';

const siteUrl = inject('siteUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Collects the page's CSP violations from the first script on, in every document the page opens. */
async function watchViolations(page: Page): Promise<void> {
  // Evaluated by the browser before any script of the page, outside the page's policy.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

async function policyOf(page: Page): Promise<Map<string, string[]>> {
  const content = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  const directives = new Map<string, string[]>();
  for (const part of (content ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

function clean(w: Watched) {
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
}

test('the page carries a strict policy and works under it: sample, charts, snapshot link', async () => {
  const w = await watchedPage(browser, siteUrl, 'Europe/Berlin');
  const { page } = w;
  await watchViolations(page);
  await page.goto(siteUrl);

  const policy = await policyOf(page);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('connect-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(policy.get('form-action')).toEqual(["'none'"]);
  const scripts = policy.get('script-src') ?? [];
  expect(scripts.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  // Inline scripts only by hash: never 'unsafe-inline', 'unsafe-eval', a scheme or another host.
  expect(scripts.slice(2).every((s) => /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
  expect(scripts.length).toBeGreaterThan(2);

  await loadAndWait(page, () => page.getByRole('button', { name: 'Try the sample data' }).click());
  // A refused script or eval stops the page short: say what was refused, not only that it never settled.
  await settled(page, 'All license items').catch(async (e: unknown) => {
    throw new Error(`the sample did not load; refused: ${JSON.stringify(await violations(page))}`, { cause: e });
  });
  // The sample inventory is a file of the build, fetched from the page's own origin.
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Use the sample inventory' }).click();
  await expect.poll(() => page.getByLabel('Projects for GoLand').inputValue(), WAIT).not.toBe('');
  // The allocation chart is an SVG drawn by Observable Plot.
  await page.getByRole('tab', { name: 'Allocation' }).click();
  await expect.poll(() => page.locator('figure.chart svg').count(), WAIT).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Share…' }).click();
  await page.getByRole('button', { name: 'Make snapshot link' }).click();
  const field = page.getByLabel('Snapshot link', { exact: true });
  await expect.poll(() => field.count(), WAIT).toBe(1);
  const link = await field.inputValue();
  expect(link).toMatch(/#snapshot=[A-Za-z0-9_-]+$/);
  // Downloads are blob: links the page clicks: allowed too.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Or save it as a report file' }).click();
  expect((await download).suggestedFilename()).toMatch(/^vaultlens-report-.*\.json$/);

  // The snapshot opens under the same policy, its chart drawn.
  const reader = await watchedPage(browser, siteUrl, 'Europe/Berlin');
  await watchViolations(reader.page);
  await reader.page.goto(link);
  await expect
    .poll(() => reader.page.getByRole('note', { name: 'About this snapshot' }).textContent(), WAIT)
    .toContain('Snapshot');
  await expect.poll(() => reader.page.locator('figure.chart svg').count(), WAIT).toBeGreaterThan(0);

  expect(await violations(page)).toEqual([]);
  expect(await violations(reader.page)).toEqual([]);
  clean(w);
  clean(reader);

  // The policy is in force: an inline script added now does not run, and the refusal is seen.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedRan = true';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { injectedRan?: boolean }).injectedRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations(page), WAIT).toEqual([expect.stringMatching(/^script-src-elem blocked inline/)]);
  await w.context.close();
  await reader.context.close();
});
