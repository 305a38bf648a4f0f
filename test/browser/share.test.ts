/**
 * Sharing on the built site in Chromium: a snapshot link made on one page
 * opens in a fresh browser with no files and shows the same cards; a view
 * link lands on the same drill-down once the same files are dropped, and
 * warns when they are not the same; a report file opens when dropped;
 * tampered links are refused without breaking the page or running anything.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { allCards, launch, loadAndWait, settled, WAIT, watchedPage, type Watched } from './chromium.ts';
import { SAMPLE_EXPORTS, sampleFile } from './sample.ts';

const siteUrl = inject('siteUrl');
const ZONE = 'Europe/Berlin';
const sampleFiles = [...SAMPLE_EXPORTS, 'denials.csv'].map(sampleFile);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

function clean(w: Watched) {
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
}

/** Fails the test if anything on the page ever opens a dialog (as injected script would). */
function noDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

async function openWithSample(zone = ZONE): Promise<Watched> {
  const w = await watchedPage(browser, siteUrl, zone);
  await w.page.goto(siteUrl);
  await loadAndWait(w.page, () => w.page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await settled(w.page, 'All license items');
  return w;
}

/** Drills the allocation chart from the period to the busiest day, then to its busiest hour. */
async function drillToBusiestHour(page: Page): Promise<{ day: string; hour: string }> {
  await page.getByRole('tab', { name: 'Allocation' }).click();
  const bars = page.getByRole('table', { name: 'Bars' });
  await page.getByText('Show the bars as a table').click();
  const busiest = async () => {
    const rows = await bars.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.querySelector('th')?.textContent ?? '',
        peak: Number(tr.querySelector('td')?.textContent),
      })),
    );
    return rows.reduce((a, b) => (b.peak > a.peak ? b : a)).key;
  };
  // The table renders after the click: read it only once it has rows.
  await expect.poll(() => bars.locator('tbody tr').count(), WAIT).toBeGreaterThan(0);
  const day = await busiest();
  await bars.getByRole('button', { name: day, exact: true }).click();
  await expect.poll(() => page.getByRole('navigation', { name: 'Drill-down' }).textContent(), WAIT).toContain(day);
  // The day's hours (23 to 25 rows, labelled 13:00+02:00), not the period's days still on screen.
  await expect.poll(() => bars.locator('tbody th').first().textContent(), WAIT).toMatch(/^\d\d:00[+-]\d\d:\d\d$/);
  const hour = await busiest();
  await bars.getByRole('button', { name: hour, exact: true }).click();
  await expect.poll(() => bars.locator('tbody tr').count(), WAIT).toBe(60);
  return { day, hour };
}

const levelStats = async (page: Page) => ({
  crumbs: ((await page.getByRole('navigation', { name: 'Drill-down' }).textContent()) ?? '').trim(),
  peak: await page.getByLabel('Level peak').textContent(),
  average: await page.getByLabel('Level average').textContent(),
  users: await page.getByLabel('Level distinct users').textContent(),
});

test('a snapshot link opens in a fresh browser with no files and shows the same cards; its report file too', async () => {
  const source = await openWithSample();
  const { page } = source;
  const item = (await page.getByLabel('License item', { exact: true }).locator('option').nth(1).textContent())!;
  await page.getByLabel('License item', { exact: true }).selectOption(item);
  await settled(page, item);
  await drillToBusiestHour(page);
  const cards = await allCards(page, [
    'Average daily license usage',
    'Peak license usage',
    'Days over license threshold',
    'Days at capacity',
    'In use now',
    'Denied users',
    'Days with denials',
  ]);
  const asOf = ((await page.locator('.period-line').textContent()) ?? '').match(/as of (\S+ \S+)/)![1]!;

  await page.getByRole('button', { name: 'Share…' }).click();
  expect(await page.getByLabel('Replace user names, e-mails, host names and IPs by pseudonyms').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Make snapshot link' }).click();
  const link = await page.getByLabel('Snapshot link', { exact: true }).inputValue();
  expect(link).toMatch(/^http:\/\/[^#]+\/vaultlens\/#snapshot=[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(32 * 1024);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Or save it as a report file' }).click();
  const reportPath = await (await download).path();

  // A fresh browser: no files, not even the sample, and another zone of its own.
  const fresh = await watchedPage(browser, siteUrl, 'America/New_York');
  const requested: string[] = [];
  fresh.context.on('request', (r) => requested.push(r.url()));
  const dialogs = noDialogs(fresh.page);
  await fresh.page.goto(link);
  const banner = fresh.page.getByRole('note', { name: 'About this snapshot' });
  await expect.poll(() => banner.textContent(), WAIT).toContain('Snapshot');
  expect(await banner.textContent()).toContain('Names, e-mails, host names and IPs are pseudonyms');
  expect(await fresh.page.getByLabel('Snapshot as of').textContent()).toBe(
    asOf.replace(/^(\S+ \d\d:\d\d)(?::\d\d(?:\.\d+)?)?/, '$1'),
  );
  expect(await fresh.page.getByLabel('License item', { exact: true }).inputValue()).toBe(item);
  expect(await allCards(fresh.page, Object.keys(cards))).toEqual(cards);
  // The chart on screen went along: the hour's minutes.
  expect(await fresh.page.getByRole('figure').count()).toBe(2);
  const topUser = await fresh.page.getByRole('table', { name: 'Top users' }).locator('tbody th').first().textContent();
  expect(topUser).toMatch(/^user-[0-9A-Z]{10}$/);
  expect(requested.filter((u) => /\.csv|sample-data/.test(u))).toEqual([]);
  expect(dialogs).toEqual([]);

  // Every item's cards came along too.
  await fresh.page.getByLabel('License item', { exact: true }).selectOption('*');
  await page.getByLabel('License item', { exact: true }).selectOption('*');
  await settled(page, 'All license items');
  expect(await allCards(fresh.page)).toEqual(await allCards(page));

  // The report file, dropped on a third page, is the same snapshot.
  const third = await watchedPage(browser, siteUrl, ZONE);
  await third.page.goto(siteUrl);
  await third.page
    .getByLabel('Choose files…')
    .setInputFiles({ name: 'shared-report.json', mimeType: 'application/json', buffer: readFileSync(reportPath) });
  await expect.poll(() => third.page.getByRole('note', { name: 'About this snapshot' }).count(), WAIT).toBe(1);
  expect(await allCards(third.page, Object.keys(cards))).toEqual(cards);
  await third.page.getByRole('button', { name: 'Close the snapshot' }).click();
  await expect.poll(() => third.page.getByRole('region', { name: 'Load License Vault exports' }).count(), WAIT).toBe(1);
  expect(new URL(third.page.url()).hash).toBe('');

  clean(source);
  clean(fresh);
  clean(third);
  await Promise.all([source.context.close(), fresh.context.close(), third.context.close()]);
});

test('a view link lands on the same drill-down once the same files are dropped, and warns when they differ', async () => {
  const source = await openWithSample();
  const { page } = source;
  const item = (await page.getByLabel('License item', { exact: true }).locator('option').nth(2).textContent())!;
  await page.getByLabel('License item', { exact: true }).selectOption(item);
  await settled(page, item);
  await page.getByRole('button', { name: 'Threshold settings' }).click();
  await page.getByLabel('Threshold (% of capacity)').fill('60');
  const { day, hour } = await drillToBusiestHour(page);
  const there = await levelStats(page);
  // The Active users tab with a search: the tab's filter goes into the link too.
  await page.getByRole('tab', { name: 'Active users' }).click();
  const heading = (p: Page) => p.getByRole('heading', { name: /^Active users/ }).textContent();
  await expect.poll(() => heading(page), WAIT).toMatch(/^Active users \(\d+\)$/);
  const everyone = await heading(page);
  await page.getByLabel('Search users or products').fill('.02');
  await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('q'), WAIT).toBe('.02');
  // While the search is asked the heading has no count (the last one is not this search's): wait for the new one.
  const counted = async () => {
    const h = await heading(page);
    return h !== everyone && /^Active users \(\d+\)$/.test(h ?? '');
  };
  await expect.poll(counted, WAIT).toBe(true);
  const users = await heading(page);
  expect(users).toMatch(/^Active users \([1-9]\d*\)$/);
  const link = page.url();
  expect(new URL(link).hash).toMatch(/^#v=1&/);
  expect(link).toContain('tab=users');
  expect(new URLSearchParams(new URL(link).hash.slice(1)).get('drill')).toBe(`hour:${day}T${hour}`);
  expect(link).toMatch(/&fp=\d+\.\d+\.[0-9a-f]{16}/);
  // The share panel offers the same address.
  await page.getByRole('button', { name: 'Share…' }).click();
  expect(await page.getByLabel('Link to this view').inputValue()).toBe(link);

  // A fresh browser in another zone: the link's zone wins; first it asks for the files.
  const fresh = await watchedPage(browser, siteUrl, 'America/New_York');
  await fresh.page.goto(link);
  await expect.poll(() => fresh.page.getByText('This link opens a view of license data').count(), WAIT).toBe(1);
  await loadAndWait(fresh.page, () => fresh.page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await settled(fresh.page, item);
  expect(await fresh.page.getByLabel('Time zone', { exact: true }).inputValue()).toBe(ZONE);
  expect(await fresh.page.getByRole('tab', { name: 'Active users' }).getAttribute('aria-selected')).toBe('true');
  expect(await fresh.page.getByLabel('Search users or products').inputValue()).toBe('.02');
  await expect.poll(() => heading(fresh.page), WAIT).toBe(users);
  await fresh.page.getByRole('tab', { name: 'Allocation' }).click();
  await expect.poll(() => levelStats(fresh.page), WAIT).toEqual(there);
  expect(
    await fresh.page.getByRole('alert').filter({ hasText: 'differ from the data this link was made on' }).count(),
  ).toBe(0);
  expect(await allCards(fresh.page)).toEqual(await allCards(page));
  expect(new URL(fresh.page.url()).hash).toBe(new URL(link).hash.replace('tab=users', 'tab=allocation'));

  // Other files: the same view, with a warning that says how the data differ.
  const other = await watchedPage(browser, siteUrl, ZONE);
  await other.page.goto(link);
  await loadAndWait(other.page, () =>
    other.page.getByLabel('Choose files…').setInputFiles([sampleFile(SAMPLE_EXPORTS[0]!)]),
  );
  await expect
    .poll(() => other.page.getByRole('alert').filter({ hasText: 'differ from the data' }).textContent(), WAIT)
    .toMatch(
      /differ from the data this link was made on \(it was made on \d+ sessions and \d+ denials; \d+ sessions and 0 denials are loaded\)/,
    );

  clean(source);
  clean(fresh);
  clean(other);
  await Promise.all([source.context.close(), fresh.context.close(), other.context.close()]);
});

test('tampered, truncated and outdated links are refused with a message, and the page still works', async () => {
  const w = await watchedPage(browser, siteUrl, ZONE);
  const dialogs = noDialogs(w.page);
  const cases: [string, RegExp][] = [
    ['#snapshot=AAAA', /snapshot link cannot be opened: it is damaged, edited or cut short/],
    [`#snapshot=${'x'.repeat(60_000)}`, /longer than any snapshot link/],
    ['#snapshot=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /characters a snapshot link never has/],
    ['#v=2&tab=costs', /newer version of vaultlens/],
    ['#v=1&zone=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', /“zone” is not a time zone/],
  ];
  for (const [fragment, message] of cases) {
    await w.page.goto(`${siteUrl}${fragment}`);
    await w.page.reload();
    await expect.poll(() => w.page.getByRole('alert').first().textContent(), WAIT).toMatch(message);
  }
  // Markup in a valid place is only ever text.
  await w.page.goto(`${siteUrl}#v=1&item=${encodeURIComponent('<img src=x onerror=alert(1)>')}&tab=projects`);
  await w.page.reload();
  await loadAndWait(w.page, () => w.page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await settled(w.page, 'All license items');
  expect(await w.page.locator('img[src="x"]').count()).toBe(0);
  // Dismissing a refusal leaves a working page.
  await w.page.goto(`${siteUrl}#snapshot=AAAA`);
  await w.page.reload();
  await w.page.getByRole('button', { name: 'Dismiss' }).click();
  await loadAndWait(w.page, () => w.page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await settled(w.page, 'All license items');
  expect(dialogs).toEqual([]);
  clean(w);
  await w.context.close();
});

test('anchors, report files and hostile periods leave the view as it was', async () => {
  const w = await openWithSample();
  const { page } = w;
  const item = (await page.getByLabel('License item', { exact: true }).locator('option').nth(1).textContent())!;
  await page.getByLabel('License item', { exact: true }).selectOption(item);
  await settled(page, item);
  const { day } = await drillToBusiestHour(page);
  const crumbs = async () => ((await page.getByRole('navigation', { name: 'Drill-down' }).textContent()) ?? '').trim();
  const before = await crumbs();
  expect(before).toContain(day);

  // The skip link's #main is an anchor, not a link to open: nothing starts again.
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).hash, WAIT).toBe('#main');
  expect(await crumbs()).toBe(before);
  expect(await page.getByLabel('License item', { exact: true }).inputValue()).toBe(item);

  // A report file opened over loaded data, then closed: the data and the view are as they were.
  await page.getByRole('button', { name: 'Share…' }).click();
  await page.getByRole('button', { name: 'Make snapshot link' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Or save it as a report file' }).click();
  const file = readFileSync(await (await download).path());
  await page
    .getByLabel('Choose files…')
    .setInputFiles({ name: 'report.json', mimeType: 'application/json', buffer: file });
  await expect.poll(() => page.getByRole('note', { name: 'About this snapshot' }).count(), WAIT).toBe(1);
  await page.getByRole('button', { name: 'Close the snapshot' }).click();
  await expect.poll(() => crumbs(), WAIT).toBe(before);
  expect(await page.getByLabel('License item', { exact: true }).inputValue()).toBe(item);
  await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('drill'), WAIT).toMatch(/^hour:/);

  // A period reaching back to year 1 is refused with a message, not computed.
  const hostile = await watchedPage(browser, siteUrl, ZONE);
  await hostile.page.goto(`${siteUrl}#v=1&period=custom&from=0001-01-01`);
  await loadAndWait(hostile.page, () => hostile.page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await expect
    .poll(() => hostile.page.getByRole('alert').filter({ hasText: 'longer than ten years' }).count(), WAIT)
    .toBe(1);

  clean(w);
  clean(hostile);
  await Promise.all([w.context.close(), hostile.context.close()]);
});
