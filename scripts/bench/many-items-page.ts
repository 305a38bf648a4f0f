/**
 * The page at many distinct license items (BENCHMARKS.md, "Many license
 * items"): the export of many-items.ts at each size, loaded in the built site
 * in headless Chromium, timed by the page itself (browser.ts's marks):
 *
 *   cards      the input's change event → the statistics cards are on screen
 *   longest    the longest main-thread task (PerformanceObserver 'longtask') in that time
 *   threshold  a threshold edit → the cards settled again, and its longest task
 *   profile    where the main thread's time went from the drop to the cards:
 *              the functions with the most self time (CDP Profiler.start/stop)
 *
 *   node scripts/bench/many-items-page.ts [--sizes 20000,100000] [--no-build] [--no-minify]
 *
 * The site is built from the working tree into test-results/items-site
 * (--no-build reuses it). A benchmark: nothing here passes or fails on time.
 */
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'astro';
import type { Page } from 'playwright-core';
import { startStaticServer } from '../static-server.mjs';
import { launchChromium, pageHelpers, type Helpers } from './browser.ts';
import { manyItemsCsv } from './many-items.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'test-results/items-site');
const DATA = join(ROOT, 'bench-data');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,100000' },
    'no-build': { type: 'boolean', default: false },
    // Functions by their own names in the profile (slower code: for finding where the time goes, not for the figures).
    'no-minify': { type: 'boolean', default: false },
  },
});
const log = (s: string) => console.error(s);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per script file (GC, idle and the like by their own names), the largest first, ms. */
function byFile(profile: Profile, top = 8): { file: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = f.url.split('/').at(-1) || f.functionName || '(native)';
    ms.set(key, (ms.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...ms.entries()]
    .map(([file, t]) => ({ file, ms: Math.round(t) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/** Self time per function (name and file), the largest first, ms. */
function selfTimes(profile: Profile, top = 15): { fn: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url.split('/').at(-1) ?? '';
    const key = `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`.trim();
    ms.set(key, (ms.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...ms.entries()]
    .map(([fn, t]) => ({ fn, ms: Math.round(t) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

const bench = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Helpers }).__bench.marks);
const longest = (page: Page, from: number, to: number) =>
  page.evaluate(
    ([from, to]) =>
      Math.round(
        Math.max(
          0,
          ...(window as unknown as { __bench: Helpers }).__bench.longTasks
            .filter((t) => t.start + t.duration > from! && t.start < to!)
            .map((t) => t.duration),
        ),
      ),
    [from, to],
  );

async function measure(url: string, items: number) {
  const file = join(DATA, `items-${items}.csv`);
  if (!existsSync(file)) writeFileSync(file, manyItemsCsv(items));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(pageHelpers);
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('.db-state')?.textContent === 'Database ready', undefined, {
      timeout: 120_000,
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    await page.getByLabel('Choose files…').setInputFiles(file);
    await page.waitForFunction(
      () => (window as unknown as { __bench: Helpers }).__bench.marks.cards !== undefined,
      undefined,
      {
        timeout: 30 * 60_000,
        polling: 1000,
      },
    );
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const m = await bench(page);
    const result = {
      items,
      mb: Math.round(statSync(file).size / 1e5) / 10,
      ingestS: Math.round(m.loaded! - m.change!) / 1000,
      cardsS: Math.round(m.cards! - m.change!) / 1000,
      longestMs: await longest(page, m.change!, m.cards!),
      thresholdMs: 0,
      thresholdLongestMs: 0,
      files: byFile(profile),
      profile: selfTimes(profile),
    };
    // A threshold edit: applied without a query (useReport.ts); until the cards show it.
    await page.getByRole('button', { name: 'Threshold settings' }).click();
    const t0 = await page.evaluate(() => performance.now());
    await page.getByLabel('Threshold (% of capacity)').fill('70');
    const t1 = await page.evaluate(() => {
      const b = (window as unknown as { __bench: Helpers }).__bench;
      return b
        .until(() => b.settled())
        .then(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
    });
    result.thresholdMs = Math.round(t1 - t0);
    result.thresholdLongestMs = await longest(page, t0, t1 + 1);
    await context.close();
    return result;
  } finally {
    await browser.close();
  }
}

mkdirSync(DATA, { recursive: true });
if (!values['no-build']) {
  log('building the site from the working tree…');
  await build({
    root: ROOT,
    outDir: OUT,
    logLevel: 'warn',
    ...(values['no-minify'] && { vite: { build: { minify: false } } }),
  });
}
const server = await startStaticServer({ root: OUT, base: '/' });
try {
  for (const items of values.sizes.split(',').map(Number)) {
    log(`${items} items…`);
    console.log(JSON.stringify(await measure(server.url, items), null, 1));
  }
} finally {
  await server.close();
}
