/**
 * One Node measurement in its own process (so each has its own heap and its
 * peak RSS is its own), printed as one JSON line:
 *
 *   node scripts/bench/run-node.ts cli|native|native-1|baseline ZONE FILE...
 *
 * cli       the CLI's code: loadFiles + buildReport on DuckDB-WASM (blocking Node build)
 * native    @duckdb/node-api, DuckDB's CSV reader, then gatherReportFacts' SQL (all cores)
 * native-1  the same on one thread, as DuckDB-WASM runs
 * baseline  papaparse + plain JS (peak and daily peaks only)
 */
import { readFileSync, statSync } from 'node:fs';
import { openNodeDatabase } from '../../src/lib/db/node.ts';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { pathSource } from '../../src/lib/ingest/node-source.ts';
import { buildReport } from '../../src/lib/report/build.ts';
import type { Report } from '../../src/lib/report/schema.ts';
import { baseline } from './baseline.ts';
import { loadNative, openNativeDatabase } from './native.ts';

export interface NodeMeasurement {
  mode: string;
  bytes: number;
  rows: number;
  ingestS: number;
  reportS: number;
  peak: number;
  days: number;
  /** Sum of the total's daily peaks: a checksum of the daily figures. */
  dailyPeakSum: number;
  maxRssMB: number;
  /** Per query of the report, seconds (native and cli). */
  queries?: { sql: string; s: number }[];
}

const [mode, zone, ...files] = process.argv.slice(2);
if (!mode || !zone || files.length === 0) throw new Error('usage: run-node.ts MODE ZONE FILE...');
const bytes = files.reduce((a, f) => a + statSync(f).size, 0);

function summarize(report: Report) {
  return {
    peak: report.total.cards.peakUsage.value,
    days: report.total.daily.length,
    dailyPeakSum: report.total.daily.reduce((a, d) => a + d.peak, 0),
    rows: report.ingest.accepted,
  };
}

/** Wraps a Database so that every query's time is noted. */
function timedQueries<D extends { query: (sql: string) => Promise<unknown> }>(
  db: D,
  into: { sql: string; s: number }[],
): D {
  const query = db.query.bind(db);
  db.query = (async (sql: string) => {
    const t = performance.now();
    const r = await query(sql);
    into.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 70), s: (performance.now() - t) / 1000 });
    return r;
  }) as D['query'];
  return db;
}

let out: Omit<NodeMeasurement, 'maxRssMB' | 'mode' | 'bytes'>;
if (mode === 'cli') {
  const db = await openNodeDatabase();
  let t = performance.now();
  const reports = await loadFiles(db, await Promise.all(files.map(pathSource)));
  const ingestS = (performance.now() - t) / 1000;
  const failed = reports.find((r) => r.status !== 'loaded');
  if (failed) throw new Error(failed.message?.split('\n')[0]);
  const queries: { sql: string; s: number }[] = [];
  timedQueries(db, queries);
  t = performance.now();
  const report = await buildReport(db, { zone });
  out = { ingestS, reportS: (performance.now() - t) / 1000, ...summarize(report), queries };
  await db.close();
} else if (mode === 'native' || mode === 'native-1') {
  const db = await openNativeDatabase(mode === 'native-1' ? 1 : undefined);
  let t = performance.now();
  await loadNative(db, files);
  const ingestS = (performance.now() - t) / 1000;
  const queries: { sql: string; s: number }[] = [];
  timedQueries(db, queries);
  t = performance.now();
  const report = await buildReport(db, { zone });
  out = { ingestS, reportS: (performance.now() - t) / 1000, ...summarize(report), queries };
  await db.close();
} else if (mode === 'baseline') {
  const t = performance.now();
  const r = await baseline(files, zone);
  const s = (performance.now() - t) / 1000;
  out = {
    ingestS: s,
    reportS: 0,
    rows: r.rows,
    peak: r.peak,
    days: r.days,
    dailyPeakSum: [...r.dailyPeak.values()].reduce((a, b) => a + b, 0),
  };
} else {
  throw new Error(`unknown mode ${mode}`);
}
const result: NodeMeasurement = { mode, bytes, ...out, maxRssMB: peakRssMB() };
console.log(JSON.stringify(result));

/** This process's own peak resident set (VmHWM: unlike getrusage's maxrss, not inherited across exec). */
function peakRssMB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.resourceUsage().maxRSS / 1024);
}
