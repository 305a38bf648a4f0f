/**
 * EXPLAIN ANALYZE of the report's heaviest queries on native DuckDB, for the
 * reading in BENCHMARKS.md: which operators take the time.
 *
 *   node scripts/bench/explain.ts FILE [threads]
 *
 * The profiles are written as JSON into the system's temporary directory
 * (vaultlens-explain/), whose path it prints.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bucketsOf } from '../../src/lib/usage/buckets.ts';
import { bucketTable, itemTable } from '../../src/lib/usage/scratch.ts';
import { createSegmentsSql, bucketLevelsSql, bucketUsersSql, toMicros } from '../../src/lib/sql/usage.ts';
import { usageReachSql, usageSessionsSql } from '../../src/lib/sql/usage-copy.ts';
import { ingestSummarySql } from '../../src/lib/sql/summary.ts';
import { TOTAL } from '../../src/lib/usage/total.ts';
import { sqlString } from '../../src/lib/sql/literal.ts';
import { loadNative, openNativeDatabase } from './native.ts';

const [file, threads] = process.argv.slice(2);
const out = join(tmpdir(), 'vaultlens-explain');
mkdirSync(out, { recursive: true });
console.log('profiles in', out);
const profileTo = (name: string) => `PRAGMA profiling_output = ${sqlString(join(out, `${name}.json`))}`;
const db = await openNativeDatabase(threads ? Number(threads) : undefined);
await loadNative(db, [file!]);
const s = (await db.query<{ firstUse: number; latest: number }>(ingestSummarySql()))[0]!;
const items = [
  ...(await db.query<{ item: string }>('SELECT DISTINCT allocated_license AS item FROM sessions')).map((r) => r.item),
  TOTAL,
];
const zone = 'Europe/Berlin';
await db.query(usageSessionsSql());
const [{ reach }] = (await db.query<{ reach: number }>(usageReachSql())) as [{ reach: number }];
const range = { rs: toMicros(s.firstUse), re: toMicros(s.latest), asOf: toMicros(s.latest), hold: 0, reach };
await db.insertArrow('items', itemTable(items), true);
await db.insertArrow('hours', bucketTable(bucketsOf(zone, 'hour', s.firstUse, s.latest)), true);
await db.insertArrow('days', bucketTable(bucketsOf(zone, 'day', s.firstUse, s.latest)), true);
await db.query(`PRAGMA enable_profiling = 'json'; ${profileTo('segments')}`);
let t = performance.now();
await db.query(createSegmentsSql({ target: 'segments', items: 'items', boundaries: 'hours', range }));
console.log('segments', ((performance.now() - t) / 1000).toFixed(2), 's');
await db.query(profileTo('levels'));
t = performance.now();
await db.query(bucketLevelsSql({ segments: 'segments', items: 'items', buckets: 'hours', range }));
console.log('hour levels', ((performance.now() - t) / 1000).toFixed(2), 's');
await db.query(profileTo('users'));
t = performance.now();
await db.query(bucketUsersSql({ buckets: 'days', range }));
console.log('day users', ((performance.now() - t) / 1000).toFixed(2), 's');
await db.query('PRAGMA disable_profiling');
console.log((await db.query<{ n: number }>('SELECT count(*) AS n FROM segments'))[0]);
