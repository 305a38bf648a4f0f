/**
 * The real page path in headless Chromium, on the built site: the export is
 * set on the page's file input (as a drop or the file picker gives it), then
 * the page is timed by itself (performance.now() in the page, marks taken by
 * a MutationObserver the moment the DOM shows each state):
 *
 *   ingest   the input's change event → the load has ended (summary known)
 *   cards    the load has ended → the statistics cards are on screen, settled
 *   people   the load has ended → the days' sessions and users counted too (the
 *            report's second step: no card shows them); the steps below start after it
 *   chart    click on the Allocation tab → the daily chart is drawn
 *   hour     click on a day → its 24 hours are shown; minute: an hour → 60 minutes
 *   item     license item changed → cards settled; period: all → last 30 days
 *
 * Memory, sampled every 250 ms while the page works: the page's JS heap (CDP
 * Performance.getMetrics JSHeapUsedSize; the main thread only, DuckDB's
 * worker not included) and the resident set of Chromium's renderer process
 * (from /proc; it holds the page, DuckDB's worker and its WASM memory).
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { measureReportChanges, type ReportChanges } from './report-rows.ts';

export { launchChromium } from '../chromium.ts';

export interface BrowserMeasurement {
  ingestS: number | null;
  /** Load ended → cards settled, seconds. */
  cardsS: number | null;
  /** Load ended → the days' people counted as well (the report's second step), seconds. */
  peopleS?: number | null;
  /** The page's own "computed in" figure for the first report, ms. */
  computedMs: number | null;
  chartMs: number | null;
  hourMs: number | null;
  minuteMs: number | null;
  itemMs: number | null;
  periodMs: number | null;
  peakJsHeapMB: number;
  peakRendererRssMB: number;
  /**
   * The renderer's peak up to the end of the load (samples every 250 ms): what
   * the load itself took, beside the anchor's, which only loads; the whole
   * run's peak (peakRendererRssMB) has the report and its changes on top.
   */
  peakRendererRssLoadMB?: number | null;
  peak: number | null;
  /** The longest task on the page's main thread from the drop to the end of the load's last step (PerformanceObserver 'longtask'), ms. */
  longestTaskMs: number | null;
  /** The longest task on the page's main thread from the end of the load to the cards settled (the first report), ms. */
  reportLongestTaskMs?: number | null;
  /** The page's own `ingest: …` measures and marks (ingest/duckdb-read.ts): where the load's time went, ms. */
  steps?: { name: string; ms: number }[];
  /** What the page said instead of a report (a memory guard, an error), if anything. */
  message: string | null;
  crashed: boolean;
  /** The anchor sweep, a zone change and a hold-delay change (bench/report-rows.ts). */
  report?: ReportChanges | undefined;
}

/** Runs in the page before its scripts: marks and a wait-for helper. */
export function pageHelpers() {
  type Pred = () => boolean;
  const w = window as unknown as { __bench: Record<string, unknown> };
  const waiters: { pred: Pred; resolve: (t: number) => void }[] = [];
  const check = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.pred()) {
        const t = performance.now();
        waiters[i]!.resolve(t);
        waiters.splice(i, 1);
      }
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  const until = (pred: Pred) =>
    new Promise<number>((resolve) => {
      if (pred()) resolve(performance.now());
      else waiters.push({ pred, resolve });
    });
  const text = (sel: string) => document.querySelector(sel)?.textContent ?? '';
  const settled = () => {
    const line = text('.period-line');
    return (
      line !== '' &&
      !line.includes('updating') &&
      document.querySelector('.controls')?.getAttribute('aria-busy') === 'false' &&
      document.querySelector('.cards .card__value') !== null
    );
  };
  const loadsDone = () => Number(document.querySelector('.app')?.getAttribute('data-loads-done') ?? 0);
  const marks: Record<string, number> = {};
  // Tasks of 50 ms and more on the main thread, for the longest one during the load.
  const longTasks: { start: number; duration: number }[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'change',
    (e) => {
      if ((e.target as HTMLInputElement).type !== 'file') return;
      marks.change = performance.now();
      const before = loadsDone();
      void until(() => loadsDone() > before).then((t) => {
        marks.loaded = t;
        return until(settled).then((t2) => {
          marks.cards = t2;
          // The report's second step (its people), watched from the cards on, so its time is when it ended.
          const counted = () => document.querySelector('.dashboard')?.getAttribute('data-people') !== 'pending';
          return until(counted).then((t3) => (marks.people = t3));
        });
      });
    },
    true,
  );
  w.__bench = { marks, until, settled, text, longTasks };
}

export type Helpers = {
  marks: Record<string, number>;
  longTasks: { start: number; duration: number }[];
  until: (pred: () => boolean) => Promise<number>;
  settled: () => boolean;
  text: (sel: string) => string;
};

/** Clicks (or changes) in the page and resolves with the ms until `pred` holds. */
async function timedInPage(
  page: Page,
  act: string,
  arg: string,
  done: string,
  doneArg: string | number,
): Promise<number> {
  return page.evaluate(
    async ({ act, arg, done, doneArg }) => {
      const b = (window as unknown as { __bench: Helpers }).__bench;
      const rows = () => document.querySelectorAll('table[aria-label="Bars"] tbody tr').length;
      const before = b.text('.period-line');
      const preds: Record<string, () => boolean> = {
        chart: () =>
          // A long period's caption goes on to say its bars are weeks ("…, by week …").
          [...document.querySelectorAll('figure.chart figcaption')].some((f) =>
            f.textContent?.startsWith('Licenses in use per day'),
          ) && document.querySelector('figure.chart svg') !== null,
        rows: () => rows() === doneArg,
        changed: () => b.text('.period-line') !== before && b.settled(),
      };
      const t0 = performance.now();
      if (act === 'click-tab')
        [...document.querySelectorAll<HTMLButtonElement>('[role=tab]')].find((t) => t.textContent === arg)!.click();
      else if (act === 'click-bar')
        [...document.querySelectorAll<HTMLButtonElement>('table[aria-label="Bars"] tbody button')]
          .find((x) => x.textContent?.startsWith(arg))!
          .click();
      else {
        const select = [...document.querySelectorAll('label')].find((l) => l.textContent === act)!
          .control as HTMLSelectElement;
        select.value = arg;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return (await b.until(preds[done]!)) - t0;
    },
    { act, arg, done, doneArg },
  );
}

/** Renderer processes of the browser we launched: descendants of this Node process with --type=renderer. */
function rendererRssMB(): number {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const ours = (pid: number) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let max = 0;
  for (const pid of parent.keys()) {
    if (!ours(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) max = Math.max(max, Number(rss[1]) / 1024);
    } catch {
      // gone
    }
  }
  return max;
}

export async function measureBrowser(
  browser: Browser,
  url: string,
  file: string,
  day: string,
  item: string,
  timeoutMs: number,
): Promise<BrowserMeasurement> {
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(pageHelpers);
  let crashed = false;
  page.on('crash', () => (crashed = true));
  const result: BrowserMeasurement = {
    ingestS: null,
    cardsS: null,
    computedMs: null,
    chartMs: null,
    hourMs: null,
    minuteMs: null,
    itemMs: null,
    periodMs: null,
    peakJsHeapMB: 0,
    peakRendererRssMB: 0,
    peak: null,
    longestTaskMs: null,
    message: null,
    crashed: false,
  };
  const memory = await sampleMemory(context, page);
  try {
    await page.goto(`${url}?bench`);
    await page.waitForFunction(() => document.querySelector('.db-state')?.textContent === 'Database ready', undefined, {
      timeout: 60_000,
    });
    await page.getByLabel('Choose files…').setInputFiles(file);
    // Ends with the cards, a message instead of them, or a crash.
    await page.waitForFunction(
      () => {
        const m = (window as unknown as { __bench: Helpers }).__bench.marks;
        return m.cards !== undefined || (m.loaded !== undefined && document.querySelector('[role=alert]') !== null);
      },
      undefined,
      { timeout: timeoutMs, polling: 1000 },
    );
    const marks = await page.evaluate(() => (window as unknown as { __bench: Helpers }).__bench.marks);
    result.ingestS = (marks.loaded! - marks.change!) / 1000;
    const origin = await page.evaluate(() => performance.timeOrigin);
    result.peakRendererRssLoadMB = memory.rssPeakUntil(origin + marks.loaded!);
    const steps = await page.evaluate(() =>
      performance
        .getEntries()
        .filter((e) => e.name.startsWith('ingest: '))
        .map((e) => ({ name: e.name.slice(8), start: e.startTime, end: e.startTime + e.duration })),
    );
    result.steps = steps.map((e) => ({ name: e.name, ms: Math.round(e.end - e.start) }));
    // The load itself: from the drop to the end of its last step (the merge), before
    // the page turns to the report, whose work is the cards' column.
    const loadEnd = Math.max(marks.change!, ...steps.map((e) => e.end));
    const tasks = await page.evaluate(() => (window as unknown as { __bench: Helpers }).__bench.longTasks);
    const during = tasks.filter((t) => t.start + t.duration > marks.change! && t.start < loadEnd);
    result.longestTaskMs = Math.max(0, ...during.map((t) => t.duration));
    const alert = await page.locator('[role=alert]').allTextContents();
    if (alert.length > 0) result.message = alert.join(' ');
    if (marks.cards === undefined) return result;
    result.cardsS = (marks.cards - marks.loaded!) / 1000;
    const inReport = tasks.filter((t) => t.start + t.duration > marks.loaded! && t.start < marks.cards!);
    result.reportLongestTaskMs = Math.max(0, ...inReport.map((t) => t.duration));
    console.error(`  longest main-thread task in the first report: ${result.reportLongestTaskMs} ms`);
    // The people after the cards (a page without that step has none pending): the drill-downs are timed after them.
    const people = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const b = (window as unknown as { __bench: Helpers }).__bench;
          const wait = () => (b.marks.people !== undefined ? resolve(b.marks.people) : setTimeout(wait, 50));
          wait();
        }),
    );
    // A page without the second step (no data-people) had its people with its cards.
    const twoSteps = await page.evaluate(() => document.querySelector('.dashboard')?.hasAttribute('data-people'));
    result.peopleS = twoSteps ? (Math.max(people, marks.cards) - marks.loaded!) / 1000 : result.cardsS;
    console.error(
      `  people counted ${result.peopleS.toFixed(2)} s after the load (cards ${result.cardsS.toFixed(2)} s)`,
    );
    // The report's own steps (usage/steps.ts), from the end of the load: where the cards' time went.
    const reportSteps = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((e) => e.name.startsWith('report: '))
        .map((e) => ({ name: e.name.slice(8), start: e.startTime, ms: e.duration })),
    );
    for (const s of reportSteps)
      console.error(`    ${((s.start - marks.loaded!) / 1000).toFixed(2)} s +${s.ms.toFixed(0)} ms  ${s.name}`);
    const computed = /computed in ([\d,]+) ms/.exec((await page.locator('.period-line').textContent()) ?? '');
    result.computedMs = computed ? Number(computed[1]!.replace(/,/g, '')) : null;
    const peakCard = await page
      .getByLabel('Peak license usage')
      .first()
      .textContent()
      .catch(() => null);
    result.peak = peakCard === null ? null : Number(peakCard.replace(/[^\d]/g, '')) || null;
    result.chartMs = await timedInPage(page, 'click-tab', 'Allocation', 'chart', 0);
    await page.getByText('Show the bars as a table').click();
    result.hourMs = await timedInPage(page, 'click-bar', day, 'rows', 24);
    result.minuteMs = await timedInPage(page, 'click-bar', '10:00', 'rows', 60);
    result.itemMs = await timedInPage(page, 'License item', item, 'changed', 0);
    result.periodMs = await timedInPage(page, 'Period', '30', 'changed', 0);
    const periodLine = (await page.locator('.period-line').textContent()) ?? '';
    console.error(
      `  period change ${result.periodMs.toFixed(0)} ms, of which gathering: ${/computed in ([\d,]+) ms/.exec(periodLine)?.[1] ?? '?'} ms`,
    );
    // The period change's own steps: the last report's.
    const changeSteps = await page.evaluate((ms) => {
      const since = performance.now() - ms - 50;
      return performance
        .getEntriesByType('measure')
        .filter((e) => e.name.startsWith('report: ') && e.startTime >= since)
        .map((e) => `${e.name.slice(8)} +${e.duration.toFixed(0)} ms`);
    }, result.periodMs);
    console.error(`    ${changeSteps.join(', ')}`);
    result.report = await measureReportChanges(page);
    return result;
  } catch (e) {
    if (!crashed)
      result.message = `${result.message ?? ''} benchmark error: ${(e as Error).message.split('\n')[0]}`.trim();
    return result;
  } finally {
    const peaks = await memory.stop();
    result.peakJsHeapMB = peaks.heapMB;
    result.peakRendererRssMB = peaks.rssMB;
    result.crashed = crashed;
    await context.close().catch(() => undefined);
  }
}

/**
 * Samples memory every 250 ms until stopped: the page's JS heap (CDP) and the
 * peak resident set of our Chromium's renderer processes.
 */
export async function sampleMemory(
  context: BrowserContext,
  page: Page,
): Promise<{
  stop: () => Promise<{ heapMB: number; rssMB: number }>;
  /** The peak resident set among the samples taken up to `epochMs` (Date.now's clock). */
  rssPeakUntil: (epochMs: number) => number;
}> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const peaks = { heapMB: 0, rssMB: 0 };
  const samples: { at: number; rssMB: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        peaks.heapMB = Math.max(peaks.heapMB, heap / 2 ** 20);
      } catch {
        // the page may be gone
      }
      const rssMB = rendererRssMB();
      samples.push({ at: Date.now(), rssMB });
      peaks.rssMB = Math.max(peaks.rssMB, rssMB);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    async stop() {
      sampling = false;
      await sampler;
      return peaks;
    },
    rssPeakUntil: (epochMs) => samples.reduce((max, x) => (x.at <= epochMs ? Math.max(max, x.rssMB) : max), 0),
  };
}
