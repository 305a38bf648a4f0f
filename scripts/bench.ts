/**
 * The large-data benchmark: for generated exports of
 * 100k, 1M and 5M sessions, the page in headless Chromium on the built site,
 * the CLI's code on the Node back end, native DuckDB on the same SQL, and a
 * papaparse + plain-JS baseline. Prints one table and writes BENCHMARKS.md.
 * A benchmark, not a test: nothing here passes or fails on time.
 *
 *   npm run bench [-- --sizes 100k,1M,5M] [--no-write] [--skip-browser] [--skip-node] [--worktree] [--ref <commit>] [--no-guard] [--from-results]
 *
 * The site is built from the last commit (git archive HEAD), so that work in
 * progress elsewhere in the checkout cannot break or change it; --worktree
 * builds the working tree instead, --ref another commit (a before run beside
 * an after one, measured by the same code). --no-guard lifts the page's memory guard
 * (src/lib/ingest/memory.ts) in the built site, to see what lies past it.
 * --from-results prints (and writes) the table of the last run again from
 * bench-data/results.json, measuring nothing.
 *
 * Generated files are cached in bench-data/ (git-ignored): reruns skip generation.
 */
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'astro';
import { startStaticServer } from './static-server.mjs';
import { buildAnchorPage, measureAnchor, type AnchorMeasurement } from './bench/anchor.ts';
import { launchChromium, measureBrowser, type BrowserMeasurement } from './bench/browser.ts';
import { generateExport } from './bench/generate.ts';
import type { NodeMeasurement } from './bench/run-node.ts';
import { reportTable } from './bench/report-rows.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATA = join(ROOT, 'bench-data');
const ZONE = 'Europe/Berlin';
/** A Wednesday in June (no DST change), and the item of the filter change. */
const DAY = '2026-06-10';
const ITEM = 'IntelliJ IDEA Ultimate';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1M,5M' },
    'no-write': { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    'skip-node': { type: 'boolean', default: false },
    worktree: { type: 'boolean', default: false },
    ref: { type: 'string', default: 'HEAD' },
    'no-guard': { type: 'boolean', default: false },
    'from-results': { type: 'boolean', default: false },
  },
});
const parseSize = (s: string) => {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1));
};
const sizes = values.sizes.split(',').map(parseSize);
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const log = (s: string) => console.error(s);

interface Row {
  sessions: number;
  bytes: number;
  browser: BrowserMeasurement | null;
  /** DuckDB-WASM's read_csv alone in a bare page: the anchor of the page's ingest. */
  anchor?: AnchorMeasurement | null;
  node: Partial<Record<'cli' | 'native' | 'native-1' | 'baseline', NodeMeasurement | { error: string }>>;
}

function runNode(mode: string, file: string): NodeMeasurement | { error: string } {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', join(ROOT, 'scripts/bench/run-node.ts'), mode, ZONE, file],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  log(`  ${mode}: ${((performance.now() - started) / 1000).toFixed(1)} s wall`);
  try {
    return JSON.parse(line) as NodeMeasurement;
  } catch {
    const text = `${r.stderr}\n${r.stdout}`;
    return { error: /(Out of Memory Error[^\n(]*|Error: [^\n]*)/.exec(text)?.[1] ?? `exit ${r.status}` };
  }
}

// Generate first, so that generation never overlaps a measurement.
const files = (values['from-results'] ? [] : sizes).map((n) => {
  log(`data: ${label(n)} sessions`);
  const g = generateExport(join(DATA, `sessions-${label(n)}.csv`), n, log);
  log(`  ${(g.bytes / 1e6).toFixed(0)} MB${g.seconds > 0 ? `, generated in ${g.seconds.toFixed(0)} s` : ' (cached)'}`);
  return g;
});

const rows: Row[] = values['from-results']
  ? (JSON.parse(readFileSync(join(DATA, 'results.json'), 'utf8')) as Row[])
  : files.map((g) => ({ sessions: g.sessions, bytes: g.bytes, browser: null, node: {} }));

if (!values['skip-browser'] && !values['from-results']) {
  const out = join(ROOT, 'test-results/bench-site');
  rmSync(out, { recursive: true, force: true });
  let root = ROOT;
  if (!values.worktree) {
    root = join(ROOT, 'test-results/bench-src');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    execFileSync('git', ['rev-parse', '--verify', `${values.ref}^{commit}`], { cwd: ROOT, stdio: 'ignore' });
    execSync(`git archive '${values.ref}' | tar -x -C '${root}'`, { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  }
  if (values['no-guard']) {
    const guard = join(root, 'src/lib/ingest/memory.ts');
    writeFileSync(
      guard,
      readFileSync(guard, 'utf8').replace(/(BROWSER_EXPORT_BUDGET|BROWSER_DUCKDB_LIMIT) = [^;]+;/g, '$1 = Infinity;'),
    );
  }
  log(
    `building the site from ${values.worktree ? 'the working tree' : `commit ${execFileSync('git', ['rev-parse', '--short', values.ref], { cwd: ROOT, encoding: 'utf8' }).trim()}`}${values['no-guard'] ? ', memory guard lifted' : ''}…`,
  );
  await build({ root, outDir: out, logLevel: 'warn' });
  await buildAnchorPage(out);
  const server = await startStaticServer({ root: out, base: '/' });
  for (const [i, g] of files.entries()) {
    log(`browser: ${label(g.sessions)}`);
    // A fresh browser per size: nothing of one run stays in the next.
    const browser = await launchChromium();
    rows[i]!.browser = await measureBrowser(browser, server.url, g.path, DAY, ITEM, 60 * 60_000);
    await browser.close();
    log(`  ${JSON.stringify(rows[i]!.browser)}`);
    log(`anchor: ${label(g.sessions)}`);
    const bare = await launchChromium();
    rows[i]!.anchor = await measureAnchor(bare, server.url, g.path, 30 * 60_000);
    await bare.close();
    log(`  ${JSON.stringify(rows[i]!.anchor)}`);
  }
  await server.close();
}
for (const [i, g] of values['skip-node'] ? [] : files.entries()) {
  log(`node: ${label(g.sessions)}`);
  for (const mode of ['cli', 'native', 'native-1', 'baseline'] as const) rows[i]!.node[mode] = runNode(mode, g.path);
}
if (!values['from-results']) writeFileSync(join(DATA, 'results.json'), JSON.stringify(rows, null, 2));

// ---- the table ----
const ok = (m: NodeMeasurement | { error: string } | undefined): NodeMeasurement | null =>
  m && !('error' in m) ? m : null;
const f = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
const ms = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Math.round(x).toString());
const mbs = (bytes: number, s: number | null | undefined) => (s ? f(bytes / 1e6 / s) : '—');
const rps = (n: number, s: number | null | undefined) => (s ? Math.round(n / s).toLocaleString('en') : '—');
const sqlSum = (m: NodeMeasurement | null) => (m?.queries ? m.queries.reduce((a, q) => a + q.s, 0) : null);

const header = [
  'sessions',
  'MB',
  'engine',
  'ingest s',
  'MB/s',
  'rows/s',
  'report s',
  'cards after ingest s',
  'daily chart ms',
  'day → hours ms',
  'hour → minutes ms',
  'item filter ms',
  'period filter ms',
  'peak memory MB',
  'peak',
  'longest main-thread task in ingest ms',
];
const table: string[][] = [];
for (const r of rows) {
  const mb = f(r.bytes / 1e6, 0);
  const b = r.browser;
  if (b) {
    if (b.cardsS === null) b.ingestS = null; // refused or failed: nothing was ingested
    const note = b.crashed ? ' (tab crashed)' : b.message ? ` (${b.message})` : '';
    table.push([
      label(r.sessions),
      mb,
      `browser (DuckDB-WASM)${note}`,
      f(b.ingestS),
      mbs(r.bytes, b.ingestS),
      rps(r.sessions, b.ingestS),
      b.computedMs === null ? '—' : f(b.computedMs / 1000, 2),
      f(b.cardsS, 2),
      ms(b.chartMs),
      ms(b.hourMs),
      ms(b.minuteMs),
      ms(b.itemMs),
      ms(b.periodMs),
      `${f(b.peakRendererRssMB, 0)} RSS (${f(b.peakRendererRssLoadMB ?? null, 0)} at load end) · ${f(b.peakJsHeapMB, 0)} JS heap`,
      b.peak?.toString() ?? '—',
      ms(b.longestTaskMs),
    ]);
  }
  const a = r.anchor;
  if (a) {
    table.push([
      label(r.sessions),
      mb,
      `anchor: DuckDB-WASM read_csv alone${a.message ? ` (${a.message.slice(0, 100)})` : ''}`,
      f(a.ingestS),
      mbs(r.bytes, a.ingestS),
      rps(r.sessions, a.ingestS),
      ...Array(7).fill('—'),
      `${f(a.peakRendererRssMB, 0)} RSS · ${f(a.peakJsHeapMB, 0)} JS heap`,
      '—',
      '—',
    ]);
  }
  const names = {
    cli: 'Node CLI (DuckDB-WASM)',
    native: 'native DuckDB (2 threads)',
    'native-1': 'native DuckDB (1 thread)',
    baseline: 'papaparse + plain JS',
  } as const;
  for (const mode of ['cli', 'native', 'native-1', 'baseline'] as const) {
    const m = ok(r.node[mode]);
    if (!m) {
      table.push([
        label(r.sessions),
        mb,
        `${names[mode]} (failed: ${(r.node[mode] as { error: string } | undefined)?.error.slice(0, 100) ?? 'not run'})`,
        ...Array(13).fill('—'),
      ]);
      continue;
    }
    const report = mode === 'baseline' ? '—' : `${f(m.reportS, 2)} (SQL ${f(sqlSum(m), 2)})`;
    table.push([
      label(r.sessions),
      mb,
      names[mode],
      f(m.ingestS),
      mbs(r.bytes, m.ingestS),
      rps(r.sessions, m.ingestS),
      report,
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      `${m.maxRssMB} RSS`,
      String(m.peak),
      '—',
    ]);
  }
}
const markdown = [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => ' --- ').join('|')}|`,
  ...table.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

const ratios: string[] = [];
for (const r of rows) {
  const b = r.browser;
  const native = ok(r.node.native);
  const native1 = ok(r.node['native-1']);
  const base = ok(r.node.baseline);
  const cli = ok(r.node.cli);
  const parts: string[] = [];
  if (b?.computedMs && native)
    parts.push(
      `report browser / native ${f(b.computedMs / 1000 / native.reportS, 1)}× (2 threads), ${native1 ? f(b.computedMs / 1000 / native1.reportS, 1) : '—'}× (1 thread)`,
    );
  if (cli && native)
    parts.push(
      `report Node CLI / native ${f(cli.reportS / native.reportS, 1)}×, SQL only ${f((sqlSum(cli) ?? 0) / (sqlSum(native) ?? 1), 1)}×`,
    );
  const a = r.anchor;
  if (b?.ingestS && a?.ingestS)
    parts.push(
      `ingest rate browser / anchor ${f(a.ingestS / b.ingestS, 2)}× (target ≥ 0.8×), renderer memory browser / anchor ${f(b.peakRendererRssMB / a.peakRendererRssMB, 2)}× over the whole run, ${b.peakRendererRssLoadMB ? f(b.peakRendererRssLoadMB / a.peakRendererRssMB, 2) : '—'}× up to the load's end`,
    );
  if (b?.ingestS && native) parts.push(`ingest browser / native ${f(b.ingestS / native.ingestS, 1)}×`);
  if (b?.ingestS && base)
    parts.push(
      `baseline / browser (baseline's whole run vs. the page's ingest + report) ${f(base.ingestS / (b.ingestS + (b.cardsS ?? 0)), 2)}×`,
    );
  const peaks = [b?.peak, cli?.peak, native?.peak, base?.peak].map((p) => p ?? '—').join(' / ');
  parts.push(`peak (browser / CLI / native / baseline): ${peaks}`);
  ratios.push(`- ${label(r.sessions)}: ${parts.join('; ')}`);
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB`;
let chromiumVersion = 'unknown';
try {
  chromiumVersion = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
    encoding: 'utf8',
  }).trim();
} catch {
  // not installed
}
const command = `npm run bench${values.sizes === '100k,1M,5M' ? '' : ` -- --sizes ${values.sizes}`}`;
const block = [
  `Machine: ${machine}; ${chromiumVersion}; Node ${process.version}; run ${(values['from-results'] ? statSync(join(DATA, 'results.json')).mtime : new Date()).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  `Command: \`${command}\``,
  '',
  markdown,
  '',
  'The report beside its anchor (a plain SQL daily-peak sweep on the same data, in the same page):',
  '',
  reportTable(rows.flatMap((r) => (r.browser ? [{ label: label(r.sessions), ...r.browser }] : []))),
  '',
  'Ratios from the same run:',
  '',
  ...ratios,
].join('\n');
console.log(`\n${block}\n`);

if (!values['no-write']) {
  const path = join(ROOT, 'BENCHMARKS.md');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  let doc: string;
  try {
    doc = readFileSync(path, 'utf8');
  } catch {
    doc = `# Benchmarks\n\n${begin}\n${end}\n`;
  }
  const a = doc.indexOf(begin);
  const z = doc.indexOf(end);
  doc =
    a >= 0 && z > a
      ? `${doc.slice(0, a + begin.length)}\n${block}\n${doc.slice(z)}`
      : `${doc}\n${begin}\n${block}\n${end}\n`;
  writeFileSync(path, doc);
  log('BENCHMARKS.md written');
}
