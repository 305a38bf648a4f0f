/**
 * Hostile text from files on the built page: a right-to-left override, a
 * terminal escape and a bell in names and rejected rows are shown as visible
 * escapes (`\u202E`), never as the characters themselves; and files dropped
 * while a load runs are said to be turned away, not silently ignored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, loadAndWait, loadedData, WAIT, watchedPage } from './chromium.ts';

const siteUrl = inject('siteUrl');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = readFileSync(join(ROOT, 'sample-data', 'small', 'allocations-2026-09.csv'), 'utf8');
const HEADER = SAMPLE.split(/\r?\n/)[0]!;
// eslint-disable-next-line no-control-regex -- what must never reach the screen as itself
const STEERING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

test('direction overrides and escapes from a file are shown as \\u escapes', async () => {
  const w = await watchedPage(browser, siteUrl, 'UTC');
  const { page } = w;
  await page.goto(siteUrl);
  const csv = [
    HEADER,
    'a1,GoLand\u202Eexe.gpj,GoLand,ann,ann@example.com,10.0.0.1,pc,e1,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z',
    'a2,GoLand,GoLand,bob\u001b[2J\u0007,b@example.com,10.0.0.1,pc,e1,2026-03-02T08:00:00Z,\u202Elater',
  ].join('\n');
  await loadAndWait(page, () =>
    page
      .getByLabel('Choose files…')
      .setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }),
  );
  // Rejected rows are shown on the Loaded data tab.
  await loadedData(page);
  const raw = page.getByRole('table', { name: 'Rejected rows' }).locator('code.raw');
  await expect.poll(() => raw.count(), WAIT).toBe(1);
  const rawText = (await raw.textContent()) ?? '';
  expect(rawText).toContain('bob\\u001B[2J\\u0007');
  expect(rawText).toContain('\\u202Elater');
  expect(rawText).not.toMatch(STEERING);
  const option = page.getByLabel('License item', { exact: true }).locator('option', { hasText: 'exe.gpj' });
  await expect.poll(() => option.textContent(), WAIT).toBe('GoLand\\u202Eexe.gpj');
  // The option still selects the item by its real name.
  expect(await option.getAttribute('value')).toBe('GoLand\u202Eexe.gpj');
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});

test('files dropped while a load runs are said to be turned away', async () => {
  const w = await watchedPage(browser, siteUrl, 'UTC');
  const { page } = w;
  await page.goto(siteUrl);
  const body = SAMPLE.split(/\r?\n/).slice(1).filter(Boolean);
  const lines = [HEADER];
  for (let copy = 0; lines.length < 200_000; copy++) lines.push(...body.map((l) => `c${copy}-${l}`));
  const big = { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) };

  // Drop two files from inside the page at the first sign of the load, while it is surely still running.
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[role="group"][aria-label="Loading"]')) return;
      observer.disconnect();
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'late-1.csv', { type: 'text/csv' }));
      data.items.add(new File(['y'], 'late-2.csv', { type: 'text/csv' }));
      const zone = document.querySelector('section.dropzone')!;
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      document.body.dataset['droppedWhileBusy'] = document.querySelector('.app')?.getAttribute('aria-busy') ?? '';
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
  await loadAndWait(page, () => page.getByLabel('Choose files…').setInputFiles(big));
  expect(await page.locator('body').getAttribute('data-dropped-while-busy')).toBe('true');
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'dropped while a load' }).textContent(), WAIT)
    .toBe('2 files dropped while a load was running were not loaded: drop them again once the load has finished.');
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});
