/**
 * The anchor row: DuckDB-WASM's CSV reader alone (anchor-page.ts), in a bare
 * page served next to the built site, in the same Chromium, on the same file,
 * with the same memory sampling as the page (browser.ts).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { sampleMemory } from './browser.ts';

const require = createRequire(import.meta.url);

/** Bundles the anchor page into `site`/bench-anchor/, with DuckDB's worker and WASM beside it. */
export async function buildAnchorPage(site: string): Promise<void> {
  const dir = join(site, 'bench-anchor');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('./anchor-page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'anchor.js'),
    logLevel: 'warning',
  });
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  for (const f of ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js']) copyFileSync(join(dist, f), join(dir, f));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>anchor</title><input type="file"><script type="module" src="anchor.js"></script>',
  );
}

export interface AnchorMeasurement {
  ingestS: number | null;
  rows: number | null;
  peakRendererRssMB: number;
  peakJsHeapMB: number;
  message: string | null;
}

export async function measureAnchor(
  browser: Browser,
  url: string,
  file: string,
  timeoutMs: number,
): Promise<AnchorMeasurement> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const result: AnchorMeasurement = { ingestS: null, rows: null, peakRendererRssMB: 0, peakJsHeapMB: 0, message: null };
  const memory = await sampleMemory(context, page);
  try {
    await page.goto(`${url}bench-anchor/`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.waitForFunction(() => (window as unknown as { anchor?: unknown }).anchor !== undefined, undefined, {
      timeout: timeoutMs,
      polling: 500,
    });
    const r = await page.evaluate(
      () => (window as unknown as { anchor: { seconds: number; rows: number } | { error: string } }).anchor,
    );
    if ('error' in r) result.message = r.error;
    else {
      result.ingestS = r.seconds;
      result.rows = r.rows;
    }
  } catch (e) {
    result.message = (e as Error).message.split('\n')[0] ?? 'failed';
  } finally {
    const peaks = await memory.stop();
    result.peakRendererRssMB = peaks.rssMB;
    result.peakJsHeapMB = peaks.heapMB;
    await context.close().catch(() => undefined);
  }
  return result;
}
