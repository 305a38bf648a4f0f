/**
 * An allocation export with many distinct license items, for the measure of
 * the report at many items (BENCHMARKS.md, "Many license items"): `n` items,
 * each used in four sessions of 30 minutes to 4 hours on days spread over
 * October 2026 (a month with a DST change in Europe), by 200 users. Written
 * to `path`; deterministic.
 *
 *   node scripts/bench/many-items.ts 20000 /tmp/items-20000.csv
 */
import { writeFileSync } from 'node:fs';

const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';

export function manyItemsCsv(n: number): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 4; k++) {
      const day = 1 + ((i * 7 + k * 8) % 31);
      const start = Date.UTC(2026, 9, day, 6 + ((i + k) % 10), (i * 13) % 60);
      const end = start + (30 + ((i * 31 + k * 17) % 210)) * 60_000;
      const user = `u${(i + k * 53) % 200}`;
      const iso = (ms: number) => new Date(ms).toISOString();
      lines.push(`a${i}-${k},Item ${i},IDE,${user},,,,,${iso(start)},${iso(end)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [n, path] = [Number(process.argv[2]), process.argv[3]];
  if (!Number.isInteger(n) || n < 1 || !path) throw new Error('usage: many-items.ts N PATH');
  writeFileSync(path, manyItemsCsv(n));
}
