/**
 * The report's rows of the benchmark, beside their anchor: in the page, after
 * the other measurements, a plain SQL daily-peak sweep (bench/sweep-anchor.ts) on
 * the page's own database (the same data, the same DuckDB-WASM worker), then
 * a time-zone change and a hold-delay change, each timed until the cards
 * have settled. The page lends its database to the benchmark only when its
 * address asks for it (?bench: src/lib/vault.ts).
 */
import type { Page } from 'playwright-core';
import { anchorSweepSql } from './sweep-anchor.ts';

export interface ReportChanges {
  /** The anchor sweep in the page, seconds. */
  anchorS: number | null;
  /** Time zone Europe/Berlin → America/New_York, cards settled, ms. */
  zoneMs: number | null;
  /** Hold delay 0 → 15 minutes, cards settled, ms. */
  holdMs: number | null;
}

/** Runs in the page: the anchor on the page's database, seconds. */
async function anchorInPage(page: Page): Promise<number | null> {
  return page.evaluate(async (sql) => {
    const db = (globalThis as { __vaultlensBench?: { query(sql: string): Promise<unknown> } }).__vaultlensBench;
    if (!db) return null;
    const t0 = performance.now();
    await db.query(sql);
    return (performance.now() - t0) / 1000;
  }, anchorSweepSql());
}

/** Sets a control (a select by its value, a number input as typed) and waits until the cards settle anew. */
async function changeInPage(page: Page, labelText: string, value: string): Promise<number | null> {
  return page.evaluate(
    async ({ labelText, value }) => {
      type Helpers = {
        until: (pred: () => boolean) => Promise<number>;
        settled: () => boolean;
        text: (s: string) => string;
      };
      const b = (window as unknown as { __bench: Helpers }).__bench;
      const control = [...document.querySelectorAll('label')].find((l) => l.textContent === labelText)?.control;
      if (!control || (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === value)))
        return null;
      const before = b.text('.period-line');
      const t0 = performance.now();
      if (control instanceof HTMLSelectElement) {
        control.value = value;
        control.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        // A controlled React input: set through the native setter, then the input event React listens to.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(control, value);
        control.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const done = b.until(() => b.text('.period-line') !== before && b.settled());
      const late = new Promise<null>((r) => setTimeout(() => r(null), 120_000));
      const t = await Promise.race([done, late]);
      return t === null ? null : t - t0;
    },
    { labelText, value },
  );
}

/** The anchor, then a zone change and a hold-delay change, on a page whose report is on screen. */
export async function measureReportChanges(page: Page): Promise<ReportChanges> {
  const anchorS = await anchorInPage(page);
  // A zone every Chromium lists (its list names India's zone Asia/Calcutta).
  const zoneMs = await changeInPage(page, 'Time zone', 'America/New_York');
  // The hold delay is behind the threshold settings' button.
  await page.getByRole('button', { name: 'Threshold settings' }).click();
  const holdMs = await changeInPage(page, "Hold delay (minutes past each session's end)", '15');
  return { anchorS, zoneMs, holdMs };
}

/** The report's table: after ingest and after each change, beside the anchor measured in the same page. */
export function reportTable(
  rows: {
    label: string;
    cardsS: number | null;
    chartMs: number | null;
    hourMs: number | null;
    minuteMs: number | null;
    itemMs: number | null;
    periodMs: number | null;
    report?: ReportChanges | undefined;
  }[],
): string {
  const f = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '—' : x.toFixed(d));
  const header = [
    'sessions',
    'anchor: plain SQL daily-peak sweep s',
    'cards after ingest s',
    'cards / anchor',
    'zone change ms',
    'hold change ms',
    'daily chart ms',
    'day → hours ms',
    'hour → minutes ms',
    'item filter ms',
    'period filter ms',
  ];
  const lines = rows.map((r) => {
    const a = r.report?.anchorS ?? null;
    return [
      r.label,
      f(a),
      f(r.cardsS),
      a && r.cardsS !== null ? `${f(r.cardsS / a)}×` : '—',
      f(r.report?.zoneMs, 0),
      f(r.report?.holdMs, 0),
      f(r.chartMs, 0),
      f(r.hourMs, 0),
      f(r.minuteMs, 0),
      f(r.itemMs, 0),
      f(r.periodMs, 0),
    ];
  });
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ].join('\n');
}
