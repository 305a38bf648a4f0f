/**
 * The report from the command line, over the same code as the page:
 *
 *   npm run report -- [--tz ZONE] [--from DATE] [--to DATE] [--threshold PCT]
 *     [--hold-minutes N] [--as-of ISO] [--inventory FILE] [--source-tz ZONE]
 *     [--json OUT] [--rejects OUT] [--engine wasm|native] [--tolerance MIN] [--idle-days N] [--no-floating] FILES...
 *
 * Exit codes: 0 ok, 2 bad arguments, 3 unreadable, wrong-shape or
 * out-of-range input, 1 an unexpected failure (a bug: the message says where).
 * Everything printed goes through terminalText: a file's escapes never reach
 * the terminal.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openNodeDatabase } from '../lib/db/node.ts';
import { pathSource } from '../lib/ingest/node-source.ts';
import { parseInventory, type Inventory } from '../lib/inventory/schema.ts';
import { openVault } from '../lib/vault.ts';
import { NoDataError, ReportError, deriveReport, gatherReportFacts } from '../lib/report/build.ts';
import { PeriodError } from '../lib/report/period.ts';
import { isCalendarDate } from '../lib/time/calendar-date.ts';
import { reportJsonPieces } from '../lib/report/report-json.ts';
import { ReportSchema, type Report } from '../lib/report/schema.ts';
import { formatReport } from '../lib/report/text.ts';
import { DEFAULT_IDLE_DAYS } from '../lib/renewal/idle.ts';
import { deriveRenewal, renewalFactsFrom } from '../lib/renewal/section.ts';
import { parseTimestamp } from '../lib/time/timestamp.ts';
import { isValidZone } from '../lib/time/zone.ts';
import { parseHoldMinutes } from '../lib/usage/hold.ts';
import { terminalText } from '../lib/visible-text.ts';
import { REPORT_REJECTS, rejectLines, rejectsCsv } from './rejects.ts';

const USAGE = `usage: npm run report -- [options] FILES...

  --tz ZONE            report time zone (IANA, default: this machine's)
  --from DATE          first day of the period, YYYY-MM-DD (default: first use)
  --to DATE            last day of the period, YYYY-MM-DD (default: as-of's day)
  --threshold PCT      threshold in percent of capacity (default 80)
  --hold-minutes N     count each session N minutes past its end (default 0, at most
                       525600, a year)
  --as-of ISO          the moment the report describes (default: latest time in the files)
  --inventory FILE     inventory JSON (capacities, prices)
  --source-tz ZONE     zone of timestamps written without an offset (default UTC)
  --billing SCHEDULE   monthly (default) or quarterly: how the estimates are billed
  --tolerance MIN      renewal (with --inventory): denied license-minutes a year the
                       recommended capacity may cause (default 0)
  --idle-days N        renewal: days without a session that make a revocation candidate (default 30)
  --no-floating        renewal: the plan has no Floating mode (no surcharge; used licenses stay held)
  --json OUT           write the report JSON to OUT (with the first 1,000 rejected rows)
  --rejects OUT        write every rejected row to OUT as CSV (file, line, reason, message, raw)
  --engine ENGINE      wasm (default): DuckDB-WASM, the page's own engine, up to about
                       3 GiB of data (some 3M sessions); native: native DuckDB, for more
                       (the same SQL and ingest)`;

/** Exit 2: the command line is wrong. */
class ArgumentError extends Error {}
/** Exit 3: an input file cannot be read, is of the wrong shape, or holds values the report cannot count. */
class InputError extends Error {}

/** Every line the CLI prints, without terminal escapes or direction overrides from the files. */
const say = (text: string) => console.log(terminalText(text));
const complain = (text: string) => console.error(terminalText(text));

interface Args {
  zone: string;
  sourceZone: string;
  from: string | undefined;
  to: string | undefined;
  threshold: number;
  holdMinutes: number;
  asOf: number | undefined;
  inventoryFile: string | undefined;
  billing: 'monthly' | 'quarterly';
  json: string | undefined;
  rejects: string | undefined;
  engine: 'wasm' | 'native';
  renewal: { tolerance: number; idleDays: number; floating: boolean };
  files: string[];
}

const OPTIONS = {
  tz: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  threshold: { type: 'string' },
  'hold-minutes': { type: 'string' },
  'as-of': { type: 'string' },
  inventory: { type: 'string' },
  'source-tz': { type: 'string' },
  json: { type: 'string' },
  rejects: { type: 'string' },
  billing: { type: 'string' },
  engine: { type: 'string' },
  tolerance: { type: 'string' },
  'idle-days': { type: 'string' },
  'no-floating': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new ArgumentError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new ArgumentError('');
  const zone = values.tz ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const sourceZone = values['source-tz'] ?? 'UTC';
  for (const [flag, z] of [
    ['--tz', zone],
    ['--source-tz', sourceZone],
  ] as const) {
    if (!isValidZone(z)) throw new ArgumentError(`${flag} ${z}: not an IANA time zone (e.g. Europe/Berlin)`);
  }
  for (const flag of ['from', 'to'] as const) {
    const v = values[flag];
    if (v !== undefined && !isCalendarDate(v)) {
      throw new ArgumentError(`--${flag} ${v}: expected a date like 2026-10-01`);
    }
  }
  const threshold = values.threshold === undefined ? 80 : Number(values.threshold);
  if (!(threshold > 0 && threshold <= 100)) {
    throw new ArgumentError(`--threshold ${values.threshold}: expected a percentage above 0, up to 100`);
  }
  const hold =
    values['hold-minutes'] === undefined ? { ok: true as const, minutes: 0 } : parseHoldMinutes(values['hold-minutes']);
  if (!hold.ok) throw new ArgumentError(`--hold-minutes ${values['hold-minutes']}: ${hold.message}`);
  const holdMinutes = hold.minutes;
  let asOf: number | undefined;
  if (values['as-of'] !== undefined) {
    const t = parseTimestamp(values['as-of'], zone);
    if (typeof t === 'string') throw new ArgumentError(`--as-of ${values['as-of']}: ${t}`);
    asOf = t.ms;
  }
  const billing = values.billing ?? 'monthly';
  if (billing !== 'monthly' && billing !== 'quarterly')
    throw new ArgumentError(`--billing ${billing}: expected monthly or quarterly`);
  const engine = values.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'native') throw new ArgumentError(`--engine ${engine}: expected wasm or native`);
  if (positionals.length === 0) throw new ArgumentError('no export files given');
  const renewal = renewalArgs(values.tolerance, values['idle-days'], values['no-floating'] !== true);
  return {
    zone,
    sourceZone,
    from: values.from,
    to: values.to,
    threshold,
    holdMinutes,
    asOf,
    inventoryFile: values.inventory,
    billing,
    json: values.json,
    rejects: values.rejects,
    engine,
    renewal,
    files: positionals,
  };
}

function renewalArgs(tolerance: string | undefined, idleDays: string | undefined, floating: boolean) {
  const t = tolerance === undefined ? 0 : Number(tolerance);
  if (!(Number.isFinite(t) && t >= 0))
    throw new ArgumentError(`--tolerance ${tolerance}: expected denied license-minutes a year, 0 or more`);
  const d = idleDays === undefined ? DEFAULT_IDLE_DAYS : Number(idleDays);
  if (!(Number.isInteger(d) && d >= 0))
    throw new ArgumentError(`--idle-days ${idleDays}: expected a whole number of days`);
  return { tolerance: t, idleDays: d, floating };
}

function readInventory(file: string): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const result = parseInventory(text, file);
  if (!result.ok) throw new InputError(result.message);
  return result.inventory;
}

async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  const inventory = args.inventoryFile === undefined ? undefined : readInventory(args.inventoryFile);
  const sources = await Promise.all(
    args.files.map((f) =>
      pathSource(f).catch((e: NodeJS.ErrnoException) => {
        throw new InputError(`${f}: cannot be read (${e.code ?? e.message})`);
      }),
    ),
  );
  // Imported only when asked for: the native engine is a platform binary the page never needs.
  const db =
    args.engine === 'native'
      ? await (await import('../lib/db/native.ts')).openNativeDatabase()
      : await openNodeDatabase();
  try {
    const vault = await openVault(db);
    const reports = await vault.load(sources, { sourceZone: args.sourceZone });
    if (reports.every((r) => r.counts.accepted === 0) && reports.every((r) => r.status === 'loaded')) {
      throw new InputError(`no sessions to report on in ${args.files.join(', ')}`);
    }
    const failed = reports.filter((r) => r.status !== 'loaded');
    if (failed.length > 0) throw new InputError(failed.map((r) => r.message).join('\n'));
    for (const r of reports) for (const n of r.notices) complain(`note: ${r.name}: ${n}`);
    const options = {
      zone: args.zone,
      from: args.from,
      to: args.to,
      asOf: args.asOf,
      threshold: args.threshold,
      holdMinutes: args.holdMinutes,
      inventory,
      billing: args.billing,
    };
    // One gathering (the usage sweep) for the report and its renewal section, as buildReport would do it.
    const itemNames = Object.keys(inventory?.items ?? {});
    const facts = await gatherReportFacts(db, { ...options, itemNames }).catch((e: unknown) => {
      // A period the files chose (no --from, --to or --as-of) that cannot be reported on is the files' doing.
      const chosen = args.from !== undefined || args.to !== undefined || args.asOf !== undefined;
      if (e instanceof PeriodError && !chosen) {
        throw new InputError(`the files make a period the report cannot cover: ${e.message}`);
      }
      throw e;
    });
    const report = deriveReport(facts, options);
    // The renewal plan is about what the inventory owns: only with one (docs/DOMAIN.md §10).
    if (inventory) report.renewal = deriveRenewal(await renewalFactsFrom(db, facts), { ...options, ...args.renewal });
    const rejects = await vault.rejects(REPORT_REJECTS, 0);
    if (rejects.length > 0) report.rejects = rejects;
    say(formatReport(report));
    for (const line of rejectLines(rejects, report.ingest.rejected, args.rejects)) say(line);
    if (args.rejects) writeFileSync(args.rejects, rejectsCsv(await vault.allRejects()));
    if (args.json) {
      // deriveReport checked the report; only what was added to it since is checked here (the whole
      // report again is gigabytes of objects at 100,000 license items).
      const { renewal, rejects: first } = report;
      const added = ReportSchema.pick({ renewal: true, rejects: true }).parse({
        ...(renewal && { renewal }),
        ...(first && { rejects: first }),
      });
      writeReportJson(args.json, { ...report, ...added });
      say(`\nReport JSON written to ${args.json}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

/** Writes the report's JSON in pieces of about a MB: past some 22,000 items it is more than one string may hold. */
function writeReportJson(path: string, report: Report): void {
  const fd = openSync(path, 'w');
  try {
    let buffered = '';
    for (const piece of reportJsonPieces(report)) {
      buffered += piece;
      if (buffered.length >= 1 << 20) {
        writeSync(fd, buffered);
        buffered = '';
      }
    }
    writeSync(fd, buffered);
  } finally {
    closeSync(fd);
  }
}

/** The exit code for a failure, after saying it in one message. */
function fail(e: unknown): number {
  if (e instanceof ArgumentError) {
    if (e.message) complain(`error: ${e.message}\n`);
    complain(USAGE);
    return e.message ? 2 : 0;
  }
  if (e instanceof PeriodError) {
    complain(`error: ${e.message}`);
    return 2;
  }
  if (e instanceof InputError || e instanceof NoDataError || e instanceof ReportError) {
    complain(`error: ${e.message}`);
    return 3;
  }
  const where = e instanceof Error ? (e.stack?.split('\n')[1]?.trim() ?? '') : '';
  const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  complain(`error: an unexpected failure, a bug in vaultlens (${why}${where ? `, ${where}` : ''})`);
  return 1;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => process.exit(fail(e)),
);
