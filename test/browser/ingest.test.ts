/**
 * The real built page in real Chromium: files go in through the file input,
 * figures are read back by their accessible labels and compared with the same
 * files loaded by the Node back end (same code, same SQL).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { EXPORT_COLUMNS } from '../../src/lib/columns.ts';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { memorySource } from '../../src/lib/ingest/source.ts';
import { ingestSummarySql, type IngestSummary } from '../../src/lib/sql/summary.ts';
import { freshDatabase } from '../helpers/db.ts';
import {
  launch,
  LOAD_MS,
  loadAndWait,
  loadedData,
  WAIT,
  watchedPage,
  type Watched,
  screenshotPath,
} from './chromium.ts';
import { sampleExportFiles } from './sample.ts';

const siteUrl = inject('siteUrl');
const SAMPLE = new URL('../../sample-data/small/', import.meta.url);
const FIXTURES = new URL('../fixtures/', import.meta.url);

const sampleFiles = sampleExportFiles();
const broken = { name: 'broken.csv', buffer: readFileSync(new URL('broken.csv', FIXTURES)) };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** What the Node back end makes of the same files: the figures the page must show. */
async function nodeSummary(
  files: { name: string; buffer: Buffer }[],
  reader: 'auto' | 'ours' = 'auto',
  sourceZone = 'UTC',
): Promise<IngestSummary> {
  const db = await freshDatabase();
  try {
    await loadFiles(
      db,
      files.map((f) => memorySource(f.name, new Uint8Array(f.buffer))),
      { reader, sourceZone },
    );
    return (await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql()))[0]!;
  } finally {
    await db.close();
  }
}

/** A figure of the "Loaded data" panel, read by its label. */
async function figure(page: Page, label: string): Promise<number> {
  const text = await (await loadedData(page)).getByLabel(label, { exact: true }).textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

async function chooseFiles(page: Page, files: { name: string; buffer: Buffer }[]) {
  await loadAndWait(page, () =>
    page.getByLabel('Choose files…').setInputFiles(files.map((f) => ({ ...f, mimeType: 'text/csv' }))),
  );
}

function expectClean(w: Watched) {
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
}

test('the sample and a broken file, through the file input, give the Node figures and every reject', async () => {
  const w = await watchedPage(browser, siteUrl);
  const { page } = w;
  await page.goto(siteUrl);
  await chooseFiles(page, [...sampleFiles, broken]);

  const expected = await nodeSummary([...sampleFiles, broken]);
  const shown = {
    files: await figure(page, 'Files'),
    rowsRead: await figure(page, 'Rows read'),
    accepted: await figure(page, 'Accepted'),
    rejected: await figure(page, 'Rejected'),
    duplicates: await figure(page, 'Duplicates'),
    licenseItems: await figure(page, 'License items'),
    products: await figure(page, 'Products'),
    users: await figure(page, 'Users'),
    openSessions: await figure(page, 'Open sessions'),
  };
  expect(shown).toEqual({
    files: expected.files,
    rowsRead: expected.rowsRead,
    accepted: expected.accepted,
    rejected: expected.rejected,
    duplicates: expected.duplicates,
    licenseItems: expected.licenseItems,
    products: expected.products,
    users: expected.users,
    openSessions: expected.openSessions,
  });
  expect(shown.files).toBe(3);
  expect(shown.rejected).toBeGreaterThanOrEqual(7);
  expect(shown.duplicates).toBeGreaterThan(0);
  expect(shown.rowsRead).toBe(shown.accepted + shown.rejected + shown.duplicates);

  // The rejects table names file, line and reason and keeps the raw text.
  const rejects = page.getByRole('table', { name: 'Rejected rows' });
  await expect.poll(() => rejects.locator('tbody tr').count(), WAIT).toBe(shown.rejected);
  const firstReject = rejects.locator('tbody tr').first();
  await expect.poll(() => firstReject.textContent(), WAIT).toContain('broken.csv');
  expect(await rejects.textContent()).toContain('allocation_id is empty');
  expect(await rejects.textContent()).toContain('=HYPERLINK(');

  // The naive timestamps of broken.csv were read as UTC, and the page says so.
  expect(await page.getByRole('list', { name: 'Notices' }).textContent()).toMatch(/no UTC offset and were read as UTC/);

  // The download keeps every reject and defuses the formula.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download rejects (CSV)' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('file,line,reason,message,raw');
  expect(csv).toContain(`"'=HYPERLINK(`);
  expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

  await page.screenshot({ path: screenshotPath('ingest.png'), fullPage: true });
  expectClean(w);
  await w.context.close();
});

test('the sample button loads sample-data/, its denials file included', async () => {
  const w = await watchedPage(browser, siteUrl);
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () => page.getByRole('button', { name: 'Try the sample data' }).click());
  const denials = { name: 'denials.csv', buffer: readFileSync(new URL('denials.csv', SAMPLE)) };
  const expected = await nodeSummary([...sampleFiles, denials]);
  expect(await figure(page, 'Files')).toBe(sampleFiles.length + 1);
  expect(await figure(page, 'Accepted')).toBe(expected.accepted);
  expect(await figure(page, 'Duplicates')).toBe(expected.duplicates);
  expectClean(w);
  await w.context.close();

  // The README's start link: `?sample` loads it without a click.
  const linked = await watchedPage(browser, siteUrl);
  await linked.page.goto(`${siteUrl}?sample`);
  await linked.page.getByRole('tab', { name: 'Loaded data', exact: true }).waitFor({ timeout: LOAD_MS });
  expect(await figure(linked.page, 'Accepted')).toBe(expected.accepted);
  expectClean(linked);
  await linked.context.close();
});

test('a file of another shape gets one message naming the expected columns; clear empties the page', async () => {
  const w = await watchedPage(browser, siteUrl);
  const { page } = w;
  await page.goto(siteUrl);
  await chooseFiles(page, [
    { name: 'not-an-export.csv', buffer: readFileSync(new URL('not-an-export.csv', FIXTURES)) },
  ]);
  const alert = page.getByRole('alert');
  await expect
    .poll(() => alert.textContent(), WAIT)
    .toContain('not-an-export.csv: this is not a License Vault allocation export');
  expect(await alert.textContent()).toContain('allocation_id, allocated_license, user_product, username');

  await chooseFiles(page, [broken]);
  expect(await figure(page, 'Files')).toBe(1);
  await page.getByRole('button', { name: 'Clear loaded data…' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await expect.poll(() => page.getByRole('region', { name: 'Loaded data' }).count(), WAIT).toBe(0);
  expectClean(w);
  await w.context.close();
});

test('a large export is read by DuckDB’s reader in the page and gives the figures of our reader in Node', async () => {
  const w = await watchedPage(browser, siteUrl);
  const { page } = w;
  await page.goto(siteUrl);
  // About 2 MB of the sample's rows, renamed per copy, with bad values and a short line among them.
  const header = sampleFiles[0]!.buffer.toString('utf8').split('\r\n')[0]!;
  const body = sampleFiles[0]!.buffer.toString('utf8').split('\r\n').slice(1, -1);
  const lines: string[] = [header];
  for (let copy = 0; lines.length < 15_000; copy++) lines.push(...body.map((l) => `d${copy}-${l}`));
  lines.splice(100, 0, lines[99]!.replace(/\d{4}-\d\d-\d\dT/, '2026-02-30T'), 'short,line', lines[98]!);
  const large = { name: 'large.csv', buffer: Buffer.from(lines.join('\r\n')) };
  await chooseFiles(page, [large]);

  const expected = await nodeSummary([large], 'ours');
  expect({
    rowsRead: await figure(page, 'Rows read'),
    accepted: await figure(page, 'Accepted'),
    rejected: await figure(page, 'Rejected'),
    duplicates: await figure(page, 'Duplicates'),
    users: await figure(page, 'Users'),
  }).toEqual({
    rowsRead: expected.rowsRead,
    accepted: expected.accepted,
    rejected: expected.rejected,
    duplicates: expected.duplicates,
    users: expected.users,
  });
  expect(expected.rejected).toBeGreaterThanOrEqual(2);
  expect(expected.duplicates).toBeGreaterThanOrEqual(1);
  // DuckDB's reader did read it: its step (with the rules, in UTC) is among the page's measures.
  const steps = await page.evaluate(() => performance.getEntries().map((e) => e.name));
  expect(steps).toContain('ingest: read_csv and rules in SQL');
  expect(steps.some((s) => s.startsWith('ingest: our reader'))).toBe(false);
  expectClean(w);
  await w.context.close();
});

test('a large export with times in the chosen source zone: DuckDB’s reader finds their days first, and gives our figures', async () => {
  const w = await watchedPage(browser, siteUrl);
  const { page } = w;
  await page.goto(siteUrl);
  const zone = 'Europe/Berlin';
  await page.getByLabel('Times without a UTC offset are in').selectOption(zone);
  // About 2 MB. Every tenth row's used_to has no offset: an hour earlier in Berlin than in UTC, before its used_from.
  const lines = [EXPORT_COLUMNS.join(',')];
  for (let i = 0; lines.length <= 16_000; i++) {
    const day = `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`;
    const to = i % 10 === 0 ? `${day}T09:00:00` : `${day}T09:00:00Z`;
    lines.push(
      `z${i},Pack,PyCharm,user${i % 300},user${i % 300}@example.com,10.0.0.1,host-${i % 300},,${day}T08:30:00Z,${to}`,
    );
  }
  const large = { name: 'zoned.csv', buffer: Buffer.from(lines.join('\n')) };
  await chooseFiles(page, [large]);

  const expected = await nodeSummary([large], 'ours', zone);
  expect({
    rowsRead: await figure(page, 'Rows read'),
    accepted: await figure(page, 'Accepted'),
    rejected: await figure(page, 'Rejected'),
  }).toEqual({ rowsRead: expected.rowsRead, accepted: expected.accepted, rejected: expected.rejected });
  // The zone was applied: in UTC the same rows all pass.
  expect(expected.rejected).toBe(1_600);
  expect((await nodeSummary([large], 'ours')).rejected).toBe(0);
  const steps = await page.evaluate(() => performance.getEntries().map((e) => e.name));
  expect(steps).toEqual(
    expect.arrayContaining(['ingest: days of offset-less times', 'ingest: read_csv and rules in SQL']),
  );
  expectClean(w);
  await w.context.close();
});

test('cancel stops a large load, keeps nothing of it, and the page stays usable', async () => {
  const w = await watchedPage(browser, siteUrl);
  const { page } = w;
  await page.goto(siteUrl);
  await chooseFiles(page, [broken]);
  const before = await figure(page, 'Rows read');

  // About 40 MB: long enough to be cancelled mid-way.
  const header = sampleFiles[0]!.buffer.toString('utf8').split('\r\n')[0]!;
  const body = sampleFiles[0]!.buffer.toString('utf8').split('\r\n').slice(1, -1);
  const lines: string[] = [header];
  for (let copy = 0; lines.length < 300_000; copy++) lines.push(...body.map((l) => `c${copy}-${l}`));
  const big = { name: 'big.csv', buffer: Buffer.from(lines.join('\n')) };

  // Cancel from inside the page, at the first progress showing rows read and bytes still to read. Clicked
  // from the test instead, the click trailed the page by a round trip that a busy machine stretched past the
  // end of the reading (a cancel after the last chunk comes too late to stop the file).
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const group = document.querySelector('[role="group"][aria-label="Loading"]');
      const text = group?.querySelector('.load-progress__text')?.textContent ?? '';
      const m = /^big\.csv .*: (.+) of (.+) · [1-9][\d,]* rows$/.exec(text);
      if (!m || m[1] === m[2]) return;
      observer.disconnect();
      document.body.dataset['cancelledAt'] = text;
      [...group!.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await loadAndWait(page, () => page.getByLabel('Choose files…').setInputFiles({ ...big, mimeType: 'text/csv' }));
  expect(await page.locator('body').getAttribute('data-cancelled-at')).toMatch(/^big\.csv .* [1-9][\d,]* rows$/);
  await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('big.csv: loading was cancelled');
  expect(await figure(page, 'Rows read')).toBe(before);
  expect(await figure(page, 'Files')).toBe(1);

  // Still usable: the next load works.
  await chooseFiles(page, sampleFiles);
  expect(await figure(page, 'Files')).toBe(1 + sampleFiles.length);
  expectClean(w);
  await w.context.close();
});
