/**
 * The report from the command line, over the same code as the page:
 *
 *   npm run report -- [--tz ZONE] [--from DATE] [--to DATE] [--threshold PCT]
 *     [--hold-minutes N] [--as-of ISO] [--inventory FILE] [--source-tz ZONE]
 *     [--json OUT] [--engine wasm|native] FILES...
 *
 * Exit codes: 0 ok, 2 bad arguments, 3 unreadable or wrong-shape input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openNodeDatabase } from '../lib/db/node.ts';
import { pathSource } from '../lib/ingest/node-source.ts';
import { parseInventory, type Inventory } from '../lib/inventory/schema.ts';
import { openVault } from '../lib/vault.ts';
import { NoDataError, buildReport } from '../lib/report/build.ts';
import { PeriodError } from '../lib/report/period.ts';
import { isCalendarDate } from '../lib/time/calendar-date.ts';
import { ReportSchema } from '../lib/report/schema.ts';
import { formatReport } from '../lib/report/text.ts';
import { parseTimestamp } from '../lib/time/timestamp.ts';
import { isValidZone } from '../lib/time/zone.ts';
import { parseHoldMinutes } from '../lib/usage/hold.ts';

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
  --json OUT           write the report JSON to OUT
  --engine ENGINE      wasm (default): DuckDB-WASM, the page's own engine, up to about
                       3 GiB of data (some 3M sessions); native: native DuckDB, for more
                       (the same SQL and ingest)`;

/** Exit 2: the command line is wrong. */
class ArgumentError extends Error {}
/** Exit 3: an input file cannot be read or is of the wrong shape. */
class InputError extends Error {}

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
  engine: 'wasm' | 'native';
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
  billing: { type: 'string' },
  engine: { type: 'string' },
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
    engine,
    files: positionals,
  };
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
    for (const r of reports) for (const n of r.notices) console.error(`note: ${r.name}: ${n}`);
    const report = await buildReport(db, {
      zone: args.zone,
      from: args.from,
      to: args.to,
      asOf: args.asOf,
      threshold: args.threshold,
      holdMinutes: args.holdMinutes,
      inventory,
      billing: args.billing,
    });
    console.log(formatReport(report));
    if (args.json) {
      writeFileSync(args.json, `${JSON.stringify(ReportSchema.parse(report), null, 2)}\n`);
      console.log(`\nReport JSON written to ${args.json}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof ArgumentError) {
      if (e.message) console.error(`error: ${e.message}\n`);
      console.error(USAGE);
      process.exit(e.message ? 2 : 0);
    }
    if (e instanceof PeriodError) {
      console.error(`error: ${e.message}`);
      process.exit(2);
    }
    if (e instanceof InputError || e instanceof NoDataError) {
      console.error(`error: ${e.message}`);
      process.exit(3);
    }
    console.error(e);
    process.exit(1);
  },
);
