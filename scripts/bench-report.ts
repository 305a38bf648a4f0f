/**
 * How long the report takes on the Node back end (the same SQL as the page),
 * for generated exports of 100k and 1M sessions, beside the anchor (a plain
 * SQL daily-peak sweep over the same sessions, scripts/bench/sweep-anchor.ts): the
 * CLI's one report, and the page's first report (its cards, then its people in a second step; it keeps the sweep), a
 * zone change, a hold-delay change and a period change after it, with the
 * queries of the first report that took the most; then a day → hours and an
 * hour → minutes drill-down, swept in SQL and then twice from the page's cache (the first of them
 * meets a cold database), and their queries. Prints figures; it is a
 * benchmark, not a test.
 *
 *   npm run bench:report [-- 100000 1000000]
 */
import { cpus, totalmem } from 'node:os';
import type { Database } from '../src/lib/db/database.ts';
import { openNodeDatabase } from '../src/lib/db/node.ts';
import { loadFiles } from '../src/lib/ingest/load.ts';
import { memorySource } from '../src/lib/ingest/source.ts';
import { buildReport, countPeople, gatherReportFacts, type FactsOptions } from '../src/lib/report/build.ts';
import { ingestSummarySql, type IngestSummary } from '../src/lib/sql/summary.ts';
import { UsageCache } from '../src/lib/usage/cache.ts';
import { usageSeries } from '../src/lib/usage/engine.ts';
import { anchorSweepSql } from './bench/sweep-anchor.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [100_000, 1_000_000];
const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const ITEMS = [
  'All Products Pack',
  'IntelliJ IDEA Ultimate',
  'PyCharm Professional',
  'ReSharper',
  'WebStorm',
  'GoLand',
];

/** A year of a large organisation: sessions spread over working hours, seeded. */
function generate(n: number): Uint8Array {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  const users = Math.max(50, Math.round(n / 1000));
  const start = Date.UTC(2025, 10, 1);
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const user = Math.floor(random() * users);
    const day = Math.floor((i / n) * 365);
    const from = start + day * 86_400_000 + (6 + random() * 10) * 3_600_000;
    const to = from + (5 + random() * 240) * 60_000;
    const item = ITEMS[user % ITEMS.length]!;
    const alloc = `al-${user}-${Math.floor(day / 14)}`;
    lines.push(
      `${alloc},${item},${item},user${user},user${user}@example.com,10.0.${user % 250}.1,host-${user},ext-${user},${new Date(from).toISOString()},${
        i > n - 20 ? '' : new Date(to).toISOString()
      }`,
    );
  }
  return new TextEncoder().encode(lines.join('\n'));
}

/** The database with the time of every query kept, by its first line. */
function timed(db: Database): Database & { times: Map<string, number> } {
  const times = new Map<string, number>();
  const time = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      const key = what.trim().split('\n')[0]!.slice(0, 90);
      times.set(key, (times.get(key) ?? 0) + performance.now() - t);
    }
  };
  return {
    times,
    query: (sql) => time(sql, () => db.query(sql)),
    queryColumns: (sql) => time(sql, () => db.queryColumns!(sql)),
    insertArrow: (table, data, create) => time(`insert ${table}`, () => db.insertArrow(table, data, create)),
    close: () => db.close(),
  };
}

const seconds = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
};

console.log(
  `report benchmark · Node back end (DuckDB-WASM blocking) · ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
console.log('sessions  ingest s  anchor s  CLI report s  first s  people s  zone s  hold s  period s');
for (const n of SIZES) {
  const bytes = generate(n);
  const db = timed(await openNodeDatabase());
  const ingest = await seconds(() => loadFiles(db, [memorySource('bench.csv', bytes, 1 << 20)]));
  const anchor = await seconds(() => db.query(anchorSweepSql()));
  const cli = await seconds(() => buildReport(db, { zone: 'Europe/Berlin' }));
  const cache = new UsageCache();
  // As the page: the ingest summary is at hand, the cache kept between reports.
  const [summary] = await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql());
  const report = (o: FactsOptions) => seconds(() => gatherReportFacts(db, { ...o, summary, cache }));
  db.times.clear();
  // As the page: the cards first, the days' people in a second step (useReport).
  let partial: Awaited<ReturnType<typeof gatherReportFacts>> | undefined;
  const first = await seconds(async () => {
    partial = await gatherReportFacts(db, { zone: 'Europe/Berlin', summary, cache, people: 'when-kept' });
  });
  const breakdown = [...db.times].sort((a, b) => b[1] - a[1]).slice(0, 8);
  const inQueries = [...db.times.values()].reduce((a, b) => a + b, 0) / 1000;
  const people = await seconds(() => countPeople(db, partial!, cache));
  const zone = await report({ zone: 'Asia/Kolkata' });
  const hold = await report({ zone: 'Asia/Kolkata', holdMinutes: 15 });
  const period = await report({ zone: 'Asia/Kolkata', holdMinutes: 15, from: '2026-09-01', to: '2026-09-30' });
  const { asOf } = (await gatherReportFacts(db, { zone: 'Asia/Kolkata', holdMinutes: 15, summary, cache })).period;
  const drills = await drillDowns(db, cache, asOf);
  await db.close();
  const cells = [ingest, anchor, cli, first, people, zone, hold, period].map((x, i) =>
    x.toFixed(2).padStart(i === 2 ? 13 : 9),
  );
  console.log(String(n).padStart(8), cells.join(''), `  (first report = ${(first / anchor).toFixed(2)} × anchor)`);
  for (const [q, ms] of breakdown) console.log(`    ${(ms / 1000).toFixed(2)} s  ${q}`);
  console.log(
    `    ${(first - inQueries).toFixed(2)} s  outside the database (the sweep's scan in memory, reading rows)`,
  );
  for (const d of drills) console.log(`    ${d}`);
}

/** A day → hours and an hour → minutes drill-down after the reports (hold 15, Asia/Kolkata), with the cache and without. */
async function drillDowns(db: ReturnType<typeof timed>, cache: UsageCache, asOf: number): Promise<string[]> {
  const settings = { zone: 'Asia/Kolkata', asOf, holdMinutes: 15 };
  const day = Date.UTC(2026, 5, 10) - 5.5 * 3_600_000;
  const out: string[] = [];
  for (const [what, resolution, from, to] of [
    ['day → hours', 'hour', day, day + 86_400_000],
    ['hour → minutes', 'minute', day + 14 * 3_600_000, day + 15 * 3_600_000],
  ] as const) {
    for (const withCache of [false, true, true]) {
      db.times.clear();
      const ms =
        (await seconds(() =>
          usageSeries(db, ITEMS, settings, resolution, from, to, { cache: withCache ? cache : undefined }),
        )) * 1000;
      out.push(
        `${what} ${withCache ? 'from the kept L(t)' : 'swept in SQL'}: ${ms.toFixed(0)} ms, ${db.times.size} kinds of query`,
      );
      for (const [q, t] of [...db.times].sort((a, b) => b[1] - a[1]).slice(0, 3))
        out.push(`  ${t.toFixed(0)} ms  ${q}`);
    }
  }
  return out;
}
