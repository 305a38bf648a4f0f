/**
 * Debian's Chromium driven by playwright-core (browser downloads cannot work
 * here). Every page is watched: console errors, page errors and any request
 * outside the site's own origin are collected for the test to assert on.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM, launchChromium } from '../../scripts/chromium.ts';

export { CHROMIUM };

/** Where the browser tests' screenshots go (test-results/screenshots), the folder made when first asked. */
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The path of screenshot `name` in the screenshots' folder. */
export function screenshotPath(name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  return `${SHOTS}${name}`;
}

/**
 * Every wait in the browser tests. The machine may be busy (two cores shared
 * with other work): a slow page must make a test slow, never red. vitest's
 * expect.poll waits 1 s by default and playwright's actions 30 s; both are far
 * too short under load. vitest.config.ts gives each browser test longer than
 * any one of these waits.
 */
export const WAIT_MS = 90_000;
export const WAIT = { timeout: WAIT_MS } as const;
/** A load of files (parse, insert, first report) and a CLI run: the slowest single step. */
export const LOAD_MS = 180_000;

export function launch(): Promise<Browser> {
  return launchChromium();
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  foreignRequests: string[];
  /** Requests that failed or were answered with an error status (a missing file is a 404 here). */
  failedRequests: string[];
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export async function watchedPage(
  browser: Browser,
  siteUrl: string,
  timezoneId?: string,
  options: PageOptions = {},
): Promise<Watched> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.colorScheme && { colorScheme: options.colorScheme }),
    ...(timezoneId && { timezoneId }),
  });
  // Every action, locator wait, waitForEvent and navigation on the context's pages.
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = await context.newPage();
  const origin = new URL(siteUrl).origin;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  // Context-wide, so worker requests (DuckDB's) are seen too.
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
  });
  // A download is reported as an aborted request: it is not a failure.
  context.on('requestfailed', (r) => {
    if (!/net::ERR_ABORTED/.test(r.failure()?.errorText ?? ''))
      failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`);
  });
  context.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.url()}: HTTP ${r.status()}`);
  });
  return { page, context, consoleErrors, foreignRequests, failedRequests };
}

/** Runs `action` (which starts a load) and waits until that load has ended. */
export async function loadAndWait(page: Page, action: () => Promise<void>, timeout = LOAD_MS): Promise<void> {
  const app = page.locator('.app');
  const before = Number(await app.getAttribute('data-loads-done'));
  await action();
  await page.waitForFunction(
    (n) => Number(document.querySelector('.app')?.getAttribute('data-loads-done')) > n,
    before,
    { timeout },
  );
}

/** The statistics cards, each read by its accessible label. */
export const CARD_LABELS = [
  'Average daily license usage',
  'Peak license usage',
  'Days over license threshold',
  'Days at capacity',
  'In use now',
] as const;

export async function card(page: Page, label: string): Promise<string> {
  return (
    (await page.getByRole('region', { name: 'Statistics cards' }).getByLabel(label, { exact: true }).textContent()) ??
    ''
  ).trim();
}

export async function allCards(page: Page, labels: readonly string[] = CARD_LABELS): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const l of labels) out[l] = await card(page, l);
  return out;
}

/** Waits until the dashboard shows `heading` (an item, or all items) with no recomputation pending. */
export async function settled(page: Page, heading: string): Promise<void> {
  await expect
    .poll(() => page.locator('.period-line').textContent(), WAIT)
    .toMatch(new RegExp(`^${heading} · .*computed in`));
  await expect.poll(() => page.locator('.controls').getAttribute('aria-busy'), WAIT).toBe('false');
  // The report's second step (the days' sessions and users) redraws the charts when it comes: waited for too.
  await expect.poll(() => page.locator('.dashboard').getAttribute('data-people'), WAIT).not.toBe('pending');
}

/**
 * The "Loaded data" panel: on its own tab once the dashboard stands, on the
 * page itself when there is no dashboard (nothing accepted yet).
 */
export async function loadedData(page: Page): Promise<Locator> {
  const tab = page.getByRole('tab', { name: 'Loaded data', exact: true });
  if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  return page.getByRole('region', { name: 'Loaded data' });
}
