/**
 * Where a large export's load goes, step by step, beside its anchor, in Node
 * (the blocking DuckDB-WASM build: the page's engine and SQL, on one thread):
 *
 *   node scripts/bench/ingest-steps.ts FILE [RUNS] [ZONE]
 *
 * Each run is two child processes, one after the other, so that each has its
 * own peak resident set: the anchor (DuckDB's `read_csv` alone into a plain
 * table of ten text columns, rejects stored, as scripts/bench/anchor-page.ts
 * does in the page) and the load (`loadFiles`, each `ingest: …` measure with
 * the process's memory when it ended). Printed as ratios to the anchor of the
 * same run: on a shared machine, seconds alone say little.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXPORT_COLUMNS } from '../../src/lib/columns.ts';
import { openNodeDatabase } from '../../src/lib/db/node.ts';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { duckdbMemorySql } from '../../src/lib/ingest/memory.ts';
import { pathSource } from '../../src/lib/ingest/node-source.ts';

interface Step {
  step: string;
  s: number;
  rssMB: number;
  hwmMB: number;
}
interface Child {
  s: number;
  /** Process CPU seconds (user + system) over the same span: steadier than wall time on a shared machine. */
  cpuS: number;
  hwmMB: number;
  steps: Step[];
  rows: number;
}

const MB = 1 << 20;

/** This process's resident set now and at its peak (VmHWM), in MB. */
function residentMB(): { rssMB: number; hwmMB: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMB: Math.round(kb('VmRSS') / 1024), hwmMB: Math.round(kb('VmHWM') / 1024) };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
}

async function anchor(file: string): Promise<Child> {
  const db = await openNodeDatabase();
  const source = await pathSource(file);
  const name = await db.registerFile!('anchor.csv', { blob: source.blob!, path: file });
  const columns = EXPORT_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ');
  const t = performance.now();
  const cpu = process.cpuUsage();
  // The default, uncompressed database, as the anchor page's plain DuckDB-WASM.
  await db.query(`CREATE TABLE memory.main.anchor AS SELECT * FROM read_csv('${name}', auto_detect = false,
    header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}},
    ignore_errors = true, strict_mode = true, store_rejects = true)`);
  const s = (performance.now() - t) / 1000;
  const cpuS = cpuSeconds(cpu);
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM memory.main.anchor')) as [{ n: number }];
  return { s, cpuS, rows: n, steps: [], hwmMB: residentMB().hwmMB };
}

async function load(file: string, zone: string): Promise<Child> {
  const db = await openNodeDatabase();
  const steps: Step[] = [];
  // Each step's memory taken as it ends (an observer would see it later, after other steps).
  const measure = performance.measure.bind(performance);
  performance.measure = ((name: string, options?: PerformanceMeasureOptions) => {
    const entry = measure(name, options);
    steps.push({ step: name, s: entry.duration / 1000, ...residentMB() });
    return entry;
  }) as typeof performance.measure;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const [report] = await loadFiles(db, [await pathSource(file)], { sourceZone: zone });
  const s = (performance.now() - t) / 1000;
  const cpuS = cpuSeconds(cpu);
  if (report?.status !== 'loaded') throw new Error(report?.message ?? 'nothing loaded');
  const [{ bytes }] = (await db.query<{ bytes: number }>(duckdbMemorySql())) as [{ bytes: number }];
  steps.push({ step: `(DuckDB memory after: ${Math.round(bytes / MB)} MB)`, s: 0, ...residentMB() });
  return { s, cpuS, rows: report.counts.accepted, steps, hwmMB: residentMB().hwmMB };
}

const args = process.argv.slice(2);
if (args[0] === '--anchor') console.log(JSON.stringify(await anchor(args[1]!)));
else if (args[0] === '--load') console.log(JSON.stringify(await load(args[1]!, args[2]!)));
else {
  const [file, runsArg, zoneArg] = args;
  if (!file) throw new Error('usage: ingest-steps.ts FILE [RUNS] [ZONE]');
  const runs = Number(runsArg ?? 1);
  const zone = zoneArg ?? 'UTC';
  const child = (...args: string[]): Child =>
    JSON.parse(
      execFileSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), ...args], {
        encoding: 'utf8',
      }),
    ) as Child;
  for (let i = 0; i < runs; i++) {
    const a = child('--anchor', file);
    const l = child('--load', file, zone);
    console.log(
      `run ${i + 1}: anchor read_csv ${a.s.toFixed(2)} s (CPU ${a.cpuS.toFixed(2)} s), peak ${a.hwmMB} MB (${a.rows} rows)`,
    );
    for (const st of l.steps)
      console.log(`  ${st.step.padEnd(40)} ${st.s.toFixed(2).padStart(6)} s  rss ${st.rssMB} MB  peak ${st.hwmMB} MB`);
    console.log(
      `  load ${l.s.toFixed(2)} s, CPU ${l.cpuS.toFixed(2)} s (${l.rows} sessions): rate / anchor ${(a.s / l.s).toFixed(2)}× (by CPU ${(a.cpuS / l.cpuS).toFixed(2)}×), peak / anchor ${(l.hwmMB / a.hwmMB).toFixed(2)}×`,
    );
    const readAndRules = l.steps
      // The days of offset-less times (a source zone other than UTC) are a read of the file too.
      .filter((st) =>
        ['ingest: read_csv', 'ingest: rules in SQL', 'ingest: days of offset-less times'].some((s) =>
          st.step.startsWith(s),
        ),
      )
      .reduce((sum, st) => sum + st.s, 0);
    console.log(`  read_csv + rules ${readAndRules.toFixed(2)} s = ${(readAndRules / a.s).toFixed(2)}× the anchor`);
  }
}
