/**
 * How long the full report takes on the Node back end (the same SQL as the
 * page), for generated exports of 100k and 1M sessions. Prints figures; it is
 * a benchmark, not a test.
 *
 *   npm run bench:report [-- 100000 1000000]
 */
import { cpus, totalmem } from 'node:os';
import { openNodeDatabase } from '../src/lib/db/node.ts';
import { loadFiles } from '../src/lib/ingest/load.ts';
import { memorySource } from '../src/lib/ingest/source.ts';
import { buildReport } from '../src/lib/report/build.ts';

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

console.log(
  `report benchmark · Node back end (DuckDB-WASM blocking) · ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
console.log('sessions     MB   ingest s   ingest MB/s   rows/s      report s');
for (const n of SIZES) {
  const bytes = generate(n);
  const db = await openNodeDatabase();
  let t = performance.now();
  await loadFiles(db, [memorySource('bench.csv', bytes, 1 << 20)]);
  const ingest = (performance.now() - t) / 1000;
  t = performance.now();
  const report = await buildReport(db, { zone: 'Europe/Berlin' });
  const reportS = (performance.now() - t) / 1000;
  await db.close();
  const mb = bytes.byteLength / 1e6;
  console.log(
    [
      String(n).padStart(9),
      mb.toFixed(0).padStart(6),
      ingest.toFixed(2).padStart(10),
      (mb / ingest).toFixed(1).padStart(13),
      Math.round(n / ingest)
        .toString()
        .padStart(9),
      reportS.toFixed(2).padStart(13),
    ].join(''),
    `  (${report.items.length} items, ${report.total.daily.length} days, peak ${report.total.cards.peakUsage.value})`,
  );
}
