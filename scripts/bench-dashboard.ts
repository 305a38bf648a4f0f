/**
 * How fast the dashboard answers on the sample, in headless Chromium on the
 * built site: the first report after loading, a period change, a zone change,
 * a threshold change, an item change, and a drill-down to a day and an hour.
 * Prints figures; it is a benchmark, not a test.
 *
 *   npm run bench:dashboard
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { startStaticServer } from './static-server.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'test-results/bench-site');
const SAMPLE = join(ROOT, 'sample-data', 'small');
const RUNS = 5;

rmSync(OUT, { recursive: true, force: true });
await build({ root: ROOT, outDir: OUT, logLevel: 'warn' });
const server = await startStaticServer({ root: OUT, base: '/' });
const browser = await launchChromium();

/** Waits until the dashboard shows `heading` and nothing is being recomputed. */
async function settled(page: Page, heading: string) {
  await page.waitForFunction(
    (h) => {
      const line = document.querySelector('.period-line')?.textContent ?? '';
      return (
        line.startsWith(`${h} · `) &&
        !line.includes('updating') &&
        document.querySelector('.controls')?.getAttribute('aria-busy') === 'false'
      );
    },
    heading,
    { timeout: 60_000, polling: 'raf' },
  );
}

async function timed(action: () => Promise<void>, done: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await action();
  await done();
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = new Map<string, number[]>();
const note = (name: string, ms: number) => results.set(name, [...(results.get(name) ?? []), ms]);

const files = readdirSync(SAMPLE)
  .filter((f) => /^allocations-.*\.csv$/.test(f))
  .sort()
  .map((name) => ({ name, mimeType: 'text/csv', buffer: readFileSync(join(SAMPLE, name)) }));
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('.db-state')?.textContent === 'Database ready', undefined, {
    timeout: 60_000,
  });
  note(
    'load the sample, first cards shown',
    await timed(
      () => page.getByLabel('Choose files…').setInputFiles(files),
      () => settled(page, 'All license items'),
    ),
  );
  note(
    'period: all → last 30 days',
    await timed(
      () =>
        page
          .getByLabel('Period', { exact: true })
          .selectOption('30')
          .then(() => undefined),
      () => settled(page, 'All license items'),
    ),
  );
  note(
    'zone: Berlin → New York',
    await timed(
      () =>
        page
          .getByLabel('Time zone', { exact: true })
          .selectOption('America/New_York')
          .then(() => undefined),
      () => settled(page, 'All license items'),
    ),
  );
  await page.getByRole('button', { name: 'Threshold settings' }).click();
  note(
    'threshold: 80 → 60 %',
    await timed(
      () => page.getByLabel('Threshold (% of capacity)').fill('60'),
      () => settled(page, 'All license items'),
    ),
  );
  note(
    'license item: all → ReSharper',
    await timed(
      () =>
        page
          .getByLabel('License item', { exact: true })
          .selectOption('ReSharper')
          .then(() => undefined),
      () => settled(page, 'ReSharper'),
    ),
  );
  await page.getByRole('tab', { name: 'Allocation' }).click();
  await page.getByText('Show the bars as a table').click();
  const bars = page.getByRole('table', { name: 'Bars' });
  await bars.locator('tbody tr').first().waitFor();
  const rows = (n: number) => async () => {
    await page.waitForFunction(
      (count) => document.querySelectorAll('table[aria-label="Bars"] tbody tr').length === count,
      n,
      { polling: 'raf' },
    );
  };
  note('drill-down: a day → its hours', await timed(() => bars.getByRole('button').nth(10).click(), rows(24)));
  note(
    'drill-down: an hour → its minutes',
    await timed(() => bars.getByRole('button', { name: /^10:00/ }).click(), rows(60)),
  );
  await context.close();
}
await browser.close();
await server.close();

console.log(
  `dashboard benchmark · sample-data (${files.length} files) · headless Chromium · ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB · median of ${RUNS} runs`,
);
for (const [name, ms] of results)
  console.log(
    `${name.padEnd(38)} ${median(ms).toFixed(0).padStart(6)} ms   (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)})`,
  );
