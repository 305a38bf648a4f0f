/**
 * The native back end (the CLI's `--engine native`) is the same program as the
 * WASM one: the same ingest and SQL give the same sessions, rejects, summary
 * and report, down to a U+FEFF inside a value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { openNativeDatabase } from '../../../src/lib/db/native.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import { allRejectsSql } from '../../../src/lib/sql/rejects.ts';
import { ingestSummarySql } from '../../../src/lib/sql/summary.ts';
import { freshDatabase } from '../../helpers/db.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';

async function everything(db: Database) {
  await loadFiles(db, [
    memorySource('basic.csv', fixture('basic.csv')),
    memorySource('broken.csv', fixture('broken.csv')),
    memorySource('bom.csv', `${HEADER}\na9,IIU,IIU,zo\uFEFFe,,,,,2026-05-04T08:00:00Z,2026-05-04T11:30:00+02:00\n`),
    memorySource('sample.csv', readFileSync('sample-data/small/allocations-2026-10.csv')),
    memorySource('denials.csv', readFileSync('sample-data/small/denials.csv')),
  ]);
  const sessions = await db.query(
    'SELECT * EXCLUDE (used_from, used_to), epoch_us(used_from) AS f, epoch_us(used_to) AS t FROM sessions ORDER BY file_id, line',
  );
  return {
    summary: (await db.query(ingestSummarySql()))[0],
    rejects: await db.query(allRejectsSql()),
    sessions,
    report: await buildReport(db, { zone: 'Europe/Berlin', holdMinutes: 5 }),
  };
}

describe('native DuckDB behind the same interface', () => {
  it('loads and reports exactly as DuckDB-WASM does', async () => {
    const wasm = await freshDatabase();
    const native = await openNativeDatabase({ threads: 1 });
    try {
      const a = await everything(wasm);
      const b = await everything(native);
      expect(b.summary).toEqual(a.summary);
      expect(b.rejects).toEqual(a.rejects);
      expect(b.sessions).toEqual(a.sessions);
      expect(b.report).toEqual(a.report);
      expect(a.sessions.some((s) => s.username === 'zo\uFEFFe')).toBe(true);
      expect(a.rejects.length).toBeGreaterThan(0);
      expect(a.report.total.cards.peakUsage.value).toBeGreaterThan(0);
    } finally {
      await wasm.close();
      await native.close();
    }
  });
});
