/**
 * The CLI as a user runs it (`npm run -s report -- ARGS`), as a child process:
 * the report JSON of docs/DOMAIN.md §7 on the sample data, the same figures as
 * buildReport in-process, and the exit codes: 0 ok, 2 bad arguments, 3
 * unreadable or wrong-shape input, each with a message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { pathSource } from '../../src/lib/ingest/node-source.ts';
import { parseInventory } from '../../src/lib/inventory/schema.ts';
import { buildReport } from '../../src/lib/report/build.ts';
import { renewalSection } from '../../src/lib/renewal/section.ts';
import { ReportSchema, type Report } from '../../src/lib/report/schema.ts';
import { allRejectsSql } from '../../src/lib/sql/rejects.ts';
import { freshDatabase } from '../helpers/db.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLES = ['sample-data/small/allocations-2026-09.csv', 'sample-data/small/allocations-2026-10.csv'];
const INVENTORY = 'sample-data/small/inventory.json';
const EXPORT = join(ROOT, 'test/fixtures/basic.csv');

interface Run {
  status: number | null;
  stdout: string;
  /** stderr without npm's own configuration warnings. */
  stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync('npm', ['run', '-s', 'report', '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .join('\n');
  return { status: r.status, stdout: r.stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultlens-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sample data with an inventory', () => {
  let run: Run;
  let text: string;
  let json: Report;

  beforeAll(() => {
    const out = join(dir, 'report.json');
    run = cli(...SAMPLES, '--inventory', INVENTORY, '--tz', 'Europe/Berlin', '--json', out);
    expect(run.stderr).toBe('');
    text = readFileSync(out, 'utf8');
    json = JSON.parse(text) as Report;
  }, 120_000);

  test('--engine native writes the same report, byte for byte', () => {
    const out = join(dir, 'report-native.json');
    const native = cli(
      ...SAMPLES,
      '--inventory',
      INVENTORY,
      '--tz',
      'Europe/Berlin',
      '--engine',
      'native',
      '--json',
      out,
    );
    expect(native.status, native.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(text);
  }, 120_000);

  test('exits 0, writes the table and says where the JSON went', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Europe/Berlin');
    expect(run.stdout).toContain('Report JSON written to');
  });

  test('the JSON validates with ReportSchema and describes the request', () => {
    expect(() => ReportSchema.parse(json)).not.toThrow();
    expect(json).toMatchObject({ version: 1, timeZone: 'Europe/Berlin', threshold: 80, holdMinutes: 0 });
    expect(json.ingest.files).toBe(2);
    expect(json.asOf).toMatch(/\+0[12]:00$/); // written in Berlin time
  });

  test('items are sorted by name, with the inventory capacities, and the total is "*"', () => {
    const names = json.items.map((i) => i.license);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // The sample's inventory names every item of the data: each gets its capacity, the total their sum.
    const inventory = JSON.parse(readFileSync(join(ROOT, INVENTORY), 'utf8')) as {
      items: Record<string, { regular: number; virtual: number }>;
    };
    const capacities = Object.entries(inventory.items).map(([name, i]) => [name, i.regular + i.virtual] as const);
    expect(json.items.map((i) => [i.license, i.capacity])).toEqual(
      [...capacities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    expect(json.total.license).toBe('*');
    expect(json.total.capacity).toBe(capacities.reduce((sum, [, c]) => sum + c, 0));
  });

  test('every row read is accounted for: rowsRead = accepted + rejected + duplicates', () => {
    const { rowsRead, accepted, rejected, duplicates } = json.ingest;
    expect(rowsRead).toBeGreaterThan(0);
    expect(rowsRead).toBe(accepted + rejected + duplicates);
    // The two sample months overlap: rows are read twice and kept once.
    const lines = SAMPLES.map((f) => readFileSync(join(ROOT, f), 'utf8').trim().split('\n').length - 1);
    expect(rowsRead).toBe(lines[0]! + lines[1]!);
  });

  test('numbers are plain JSON numbers: never strings, never BigInt', () => {
    const NUMERIC = new Set([
      'version',
      'threshold',
      'holdMinutes',
      'files',
      'rowsRead',
      'accepted',
      'rejected',
      'duplicates',
      'capacity',
      'inUseNow',
      'usageRatio',
      'averageDailyUsage',
      'value',
      'minutesAtPeak',
      'daysOverThreshold',
      'daysAtCapacity',
      'peak',
      'average',
      'distinctUsers',
      'sessions',
      'level',
      'share',
      'coverage95',
      'coverage99',
      'weekday',
      'hour',
      'mean',
      'n',
      'surcharge',
      'trueUpLicenses',
      'trueUpCost',
      // The renewal section (docs/DOMAIN.md §10).
      'months',
      'tolerance',
      'idleDays',
      'currentCapacity',
      'recommendedCapacity',
      'annualCostNow',
      'annualCostRecommended',
      'deniedMinutesRecommended',
      'deniedMinutesNow',
      'deniedRequests',
      'deniedMinutes',
      'trueUpLimit',
      'annualCost',
      'trueUpLicenseMonths',
    ]);
    const BOOLEAN = new Set(['floating', 'withinTolerance']);
    let checked = 0;
    // Warning states share their keys with the cards (averageDailyUsage, …) but are words.
    const walk = (v: unknown, key: string, parent = '') => {
      if (Array.isArray(v)) v.forEach((x) => walk(x, key, parent));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, key);
      else if (BOOLEAN.has(key)) expect(typeof v, key).toBe('boolean');
      else if (NUMERIC.has(key) && parent !== 'warnings') {
        if (v !== null) {
          expect(typeof v, key).toBe('number');
          expect(Number.isFinite(v), key).toBe(true);
        }
        checked++;
      } else expect(typeof v, key).toBe('string');
    };
    walk(json, '');
    expect(checked).toBeGreaterThan(1000);
    expect(text).not.toMatch(/:\s*"-?\d+(\.\d+)?"/); // no number written as a string
  });

  test('the same figures as buildReport in-process on the same files and options', async () => {
    const db = await freshDatabase();
    try {
      const sources = await Promise.all(SAMPLES.map((f) => pathSource(join(ROOT, f))));
      const loaded = await loadFiles(db, sources, { sourceZone: 'UTC' });
      expect(loaded.map((l) => l.status)).toEqual(['loaded', 'loaded']);
      const parsed = parseInventory(readFileSync(join(ROOT, INVENTORY), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      const report = await buildReport(db, {
        zone: 'Europe/Berlin',
        threshold: 80,
        holdMinutes: 0,
        inventory: parsed.inventory,
      });
      report.renewal = await renewalSection(db, { zone: 'Europe/Berlin', inventory: parsed.inventory });
      // The CLI adds the first rejected rows (docs/DOMAIN.md §7), as the page's rejects table lists them.
      const { rejects, ...figures } = json;
      expect(figures).toEqual(JSON.parse(JSON.stringify(report)));
      const rows = await db.query<Record<string, unknown>>(allRejectsSql());
      expect(rejects ?? []).toEqual(rows.slice(0, 1000));
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('options reach the report', () => {
  test('--from, --to, --threshold, --hold-minutes and --as-of', () => {
    const out = join(dir, 'options.json');
    const run = cli(
      EXPORT,
      '--tz',
      'UTC',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-03',
      '--threshold',
      '50',
      '--hold-minutes',
      '30',
      '--as-of',
      '2026-03-03T12:00:00Z',
      '--json',
      out,
    );
    expect(run.status, run.stderr).toBe(0);
    const json = ReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(json).toMatchObject({
      threshold: 50,
      holdMinutes: 30,
      asOf: '2026-03-03T12:00+00:00',
      period: { from: '2026-03-01', to: '2026-03-03' },
    });
    expect(json.total.daily.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    // basic.csv: carol's session is open from 2026-03-03T07:15Z, so in use at 12:00.
    expect(json.total.inUseNow).toBe(1);
  }, 120_000);
});

describe('bad arguments exit 2 with a message', () => {
  test.each([
    [['--tz', 'Mars/Olympus', EXPORT], /--tz Mars\/Olympus: not an IANA time zone/],
    [['--threshold', '0', EXPORT], /--threshold 0: expected a percentage/],
    [['--threshold', '101', EXPORT], /--threshold 101: expected a percentage/],
    [['--threshold', 'lots', EXPORT], /--threshold lots/],
    [['--from', '2026-13-01', EXPORT], /--from 2026-13-01: expected a date/],
    [['--to', '1st of May', EXPORT], /--to 1st of May: expected a date/],
    [['--hold-minutes', '-5', EXPORT], /--hold-minutes/],
    [['--hold-minutes=-5', EXPORT], /--hold-minutes -5: expected a whole number/],
    [['--hold-minutes', '2.5', EXPORT], /--hold-minutes 2\.5: expected a whole number/],
    [['--as-of', 'yesterday', EXPORT], /--as-of yesterday/],
    [['--frobnicate', EXPORT], /frobnicate/],
    [['--engine', 'gpu', EXPORT], /--engine gpu: expected wasm or native/],
    [['--tolerance', 'none', EXPORT], /--tolerance none: expected denied license-minutes a year/],
    [['--tolerance=-1', EXPORT], /--tolerance -1: expected denied license-minutes a year/],
    [['--idle-days', '1.5', EXPORT], /--idle-days 1\.5: expected a whole number of days/],
    [['--from', '0001-01-01', EXPORT], /the period from 0001-01-01 to \d{4}-\d\d-\d\d is longer than ten years/],
    [['--tz', 'UTC'], /no export files given/],
    [[], /no export files given/],
    [['--from', '2026-03-05', '--to', '2026-03-01', EXPORT], /ends \(2026-03-01\) before it starts \(2026-03-05\)/],
  ])('%j', (args, message) => {
    const run = cli(...args);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error: /m);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  // Refused (time/calendar-date.ts), not rolled over to 2026-03-02 as Date.parse would.
  test.each([
    ['--from', '2026-02-30'],
    ['--to', '2026-04-31'],
  ])('a date that does not exist: %s %s', (flag, date) => {
    const run = cli(flag, date, EXPORT);
    expect(run.status, run.stdout).toBe(2);
    expect(run.stderr).toContain(`${flag} ${date}: expected a date`);
  });
});

describe('unreadable or wrong-shape input exits 3 with a message naming the file', () => {
  test('a missing export file', () => {
    const run = cli(join(dir, 'missing.csv'));
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^error: missing\.csv: cannot be read|^error: .*missing\.csv/m);
  });

  // BUG (src/lib/ingest/node-source.ts + src/cli/report.ts): fs.openAsBlob throws a TypeError with code
  // ERR_INVALID_ARG_VALUE for a path that does not exist, so the user reads "cannot be read
  // (ERR_INVALID_ARG_VALUE)" instead of being told the file does not exist (ENOENT).
  test('a missing export file is reported as not found', () => {
    const run = cli(join(dir, 'missing.csv'));
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/ENOENT|no such file|not found|does not exist/i);
  });

  test('a file of another shape names the file and the expected columns', () => {
    const run = cli(join(ROOT, 'test/fixtures/not-an-export.csv'), EXPORT);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('not-an-export.csv');
    expect(run.stderr).toContain('allocation_id, allocated_license, user_product, username');
    expect(run.stdout).toBe('');
  });

  test('an inventory that is not JSON', () => {
    const bad = join(dir, 'broken-inventory.json');
    writeFileSync(bad, '{ "version": 1, "items": { ');
    const run = cli('--inventory', bad, EXPORT);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('broken-inventory.json');
    expect(run.stderr).toMatch(/not JSON/);
  });

  test('an inventory that fails the schema names the item and field', () => {
    const bad = join(dir, 'negative-inventory.json');
    writeFileSync(bad, JSON.stringify({ version: 1, items: { ReSharper: { regular: -1 } } }));
    const run = cli('--inventory', bad, EXPORT);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('negative-inventory.json');
    expect(run.stderr).toContain('items.ReSharper.regular');
  });

  test('a missing inventory file', () => {
    const run = cli('--inventory', join(dir, 'no-inventory.json'), EXPORT);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/no-inventory\.json: cannot be read \(ENOENT\)/);
  });

  test('an export with a header and no rows: nothing to report', () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, `${readFileSync(EXPORT, 'utf8').split('\n')[0]}\n`);
    const run = cli(empty);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^error: .+/m);
  });
});

describe('hostile files: the rejects shown, nothing from a file steers the terminal', () => {
  const HEADER = readFileSync(EXPORT, 'utf8').split('\n')[0]!;
  const row = (id: string, license: string, user: string, from: string, to: string) =>
    `${id},${license},IDE,${user},u@example.com,10.0.0.1,pc,e1,${from},${to}`;
  let run: Run;
  let json: Report;
  let csv: string;
  beforeAll(() => {
    const file = join(dir, 'hostile.csv');
    writeFileSync(
      file,
      [
        HEADER,
        row('a1', 'GoLand\u202Eexe.gpj', 'ann\u001b[2J\u0007', '2026-03-02T08:00:00Z', '2026-03-02T12:00:00Z'),
        row('a2', 'GoLand', 'bob', '\u001b]0;owned\u0007yesterday', '2026-03-02T12:00:00Z'),
        '=HYPERLINK("http://x"),too,few',
        row('a4', 'GoLand', 'carol\u009b31m', '2026-03-02T08:00:00Z', 'never\r'),
      ].join('\n'),
    );
    const out = join(dir, 'hostile.json');
    const rejects = join(dir, 'hostile-rejects.csv');
    run = cli(file, '--tz', 'UTC', '--json', out, '--rejects', rejects);
    json = ReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    csv = readFileSync(rejects, 'utf8');
  }, 120_000);

  test('prints every reject with its file, line, reason and text', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Rejected rows: 3\b/m);
    expect(run.stdout).toMatch(/^ {2}hostile\.csv line 3: bad_timestamp: /m);
    expect(run.stdout).toMatch(/^ {2}hostile\.csv line 4: field_count: /m);
    expect(run.stdout).toMatch(/^ {4}=HYPERLINK\("http:\/\/x"\),too,few$/m);
    expect(run.stdout).toMatch(/^ {2}hostile\.csv line 5: bad_timestamp: /m);
  });

  test('no escape, bell, carriage return or direction override reaches the terminal', () => {
    // eslint-disable-next-line no-control-regex -- the characters a file must not get onto a terminal
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(run.stdout).toContain('GoLandexe.gpj');
  });

  test('the report JSON carries the rejects as they are, with the counts', () => {
    expect(json.ingest).toMatchObject({ rowsRead: 4, accepted: 1, rejected: 3 });
    expect(json.rejects!.map((r) => [r.file, r.line, r.reason])).toEqual([
      ['hostile.csv', 3, 'bad_timestamp'],
      ['hostile.csv', 4, 'field_count'],
      ['hostile.csv', 5, 'bad_timestamp'],
    ]);
    expect(json.rejects![0]!.raw).toContain('\u001b]0;owned\u0007');
  });

  test('--rejects writes every reject as CSV, its formula cell escaped', () => {
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('file,line,reason,message,raw');
    expect(lines).toHaveLength(3 + 2); // header, three rejects, the closing line break
    expect(csv).toContain(`"'=HYPERLINK(""http://x""),too,few"`);
  });
});

describe('numbers out of range are refused with a message, never a crash', () => {
  const noCrash = (run: Run) => {
    expect(run.stderr).not.toMatch(/RangeError|^\s+at /m);
    expect(run.stderr).not.toMatch(/unexpected failure/);
  };

  test('--hold-minutes past a year exits 2 with the rule', () => {
    const run = cli('--hold-minutes', '100000000000', EXPORT);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      '--hold-minutes 100000000000: expected a whole number of minutes from 0 to 525,600 (a year)',
    );
    noCrash(run);
  });

  test('--as-of in 2300 exits 2 and says how far the report can count', () => {
    const run = cli('--as-of', '2300-01-01T00:00:00Z', '--from', '2299-12-01', EXPORT);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error: as-of 2300-01-01T00:00:00\.000Z lies outside 1684-07-28 to 2255-06-05/m);
    noCrash(run);
  });

  test('a row inside the range but decades before the rest: a sentence and exit 3, never a crash', () => {
    const file = join(dir, 'far-1995.csv');
    const lines = readFileSync(EXPORT, 'utf8').trim().split('\n');
    writeFileSync(
      file,
      [
        ...lines,
        'far1,GoLand,GoLand,zed,z@example.com,10.0.0.9,z-pc,e9,1995-03-02T08:00:00Z,1995-03-02T09:00:00Z',
      ].join('\n'),
    );
    const run = cli(file, '--tz', 'UTC');
    noCrash(run);
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/^error: the files make a period the report cannot cover: the period from 1995-03-02 /m);
  });

  // Ingest rejects a row outside 1990–2099 (docs/DOMAIN.md §2.1), so the rest of the file still makes its report.
  test.each([
    ['a session that ends in 2300', '2026-03-02T08:00:00Z', '2300-01-01T00:00:00Z', 'used_to'],
    ['a session that starts in year 1', '0001-01-01T00:00:00Z', '2026-03-02T08:00:00Z', 'used_from'],
    ['a session that ends in 2100', '2026-03-02T08:00:00Z', '2100-01-01T00:00:00Z', 'used_to'],
  ])('%s is listed among the rejects, and the report is made', (_, from, to, column) => {
    const file = join(dir, `far-${from.slice(0, 4)}-${to.slice(0, 4)}.csv`);
    const lines = readFileSync(EXPORT, 'utf8').trim().split('\n');
    writeFileSync(file, [...lines, `far1,GoLand,GoLand,zed,z@example.com,10.0.0.9,z-pc,e9,${from},${to}`].join('\n'));
    const run = cli(file, '--tz', 'UTC');
    noCrash(run);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Rejected rows: 1\b/m);
    const value = column === 'used_to' ? to : from;
    expect(run.stdout).toContain(
      `far-${from.slice(0, 4)}-${to.slice(0, 4)}.csv line ${lines.length + 1}: out_of_range: ${column} "${value}" lies outside 1990–2099`,
    );
  });
});
