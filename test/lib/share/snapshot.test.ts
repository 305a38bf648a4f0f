/** Snapshots: round trips on the sample, the 32 KB budget for a year of 10 items, pseudonyms, and hostile payloads refused. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { pathSource } from '../../../src/lib/ingest/node-source.ts';
import { parseInventory } from '../../../src/lib/inventory/schema.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import { ReportSchema, type ItemReport, type Report } from '../../../src/lib/report/schema.ts';
import { toBase64Url } from '../../../src/lib/share/base64url.ts';
import { deflate } from '../../../src/lib/share/compress.ts';
import { pseudonymizer } from '../../../src/lib/share/pseudonym.ts';
import { packSnapshotBytes } from '../../../src/lib/share/wire.ts';
import { buildSnapshot, snapshotProblem, tooManyForSnapshot } from '../../../src/lib/share/snapshot-build.ts';
import {
  decodeSnapshot,
  encodeSnapshot,
  readSnapshotFile,
  SNAPSHOT_URL_BUDGET,
  snapshotFile,
  snapshotFileTooLarge,
  snapshotUrl,
} from '../../../src/lib/share/snapshot-codec.ts';
import { MAX_SNAPSHOT_ITEMS, unpackItem, type Snapshot } from '../../../src/lib/share/snapshot-schema.ts';
import { freshDatabase } from '../../helpers/db.ts';

const FILES = [
  'sample-data/small/allocations-2026-09.csv',
  'sample-data/small/allocations-2026-10.csv',
  'sample-data/small/denials.csv',
];
const PAGE = 'https://licenses.example.com/vaultlens/';
const KEY = new Uint8Array(32).fill(7);

let db: Database;
let report: Report;
let usernames: string[];
beforeAll(async () => {
  db = await freshDatabase();
  await loadFiles(db, await Promise.all(FILES.map(pathSource)));
  const inv = parseInventory(await readFile('sample-data/small/inventory.json', 'utf8'));
  if (!inv.ok) throw new Error(inv.message);
  report = await buildReport(db, { zone: 'Europe/Berlin', inventory: inv.inventory });
  usernames = (await db.query<{ u: string }>('SELECT DISTINCT username AS u FROM sessions')).map((r) => r.u);
}, 180_000);
afterAll(async () => db?.close());

/** As a link would carry `value`: packed like a snapshot when it has the shape of one, else as JSON text. */
const encodeJson = async (value: unknown) => {
  let bytes: Uint8Array;
  try {
    bytes = packSnapshotBytes(value as Snapshot);
  } catch {
    const json = new TextEncoder().encode(JSON.stringify(value));
    bytes = new Uint8Array([...varintOf(json.length), ...json]);
  }
  return toBase64Url(await deflate(bytes));
};
function varintOf(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

describe('a snapshot of the sample', () => {
  it('round-trips through a link and keeps every card and day', async () => {
    const snapshot = await buildSnapshot(db, report, {
      selected: '*',
      licenseType: 'all',
      drill: { kind: 'period' },
      pseudonymize: null,
      fingerprint: '4223.61.0123456789abcdef',
      createdAt: Date.UTC(2026, 10, 23, 12),
    });
    const encoded = await encodeSnapshot(snapshot);
    const url = snapshotUrl(`${PAGE}#v=1&tab=costs`, encoded);
    expect(url.startsWith(`${PAGE}#snapshot=`)).toBe(true);
    expect(url.length).toBeLessThan(SNAPSHOT_URL_BUDGET);
    const back = await decodeSnapshot(url.split('#snapshot=')[1]!);
    expect(back).toEqual({ ok: true, snapshot });
    const total = unpackItem(snapshot.total, snapshot.period);
    expect(total.cards).toEqual(report.total.cards);
    expect(total.daily.map((d) => [d.date, d.peak, d.distinctUsers, d.sessions])).toEqual(
      report.total.daily.map((d) => [d.date, d.peak, d.distinctUsers, d.sessions]),
    );
    expect(snapshot.items.map((i) => i.license)).toEqual(report.items.map((i) => i.license));
    expect(snapshot.denials).toEqual(report.denials);
    expect(snapshot.billing).toEqual(report.billing);
    expect(snapshot.topUsers.length).toBeGreaterThan(0);
    expect(usernames).toContain(snapshot.topUsers[0]!.user);
  });

  it('carries the series on screen when the chart is drilled down', async () => {
    const day = report.total.daily.find((d) => d.peak > 0)!.date;
    const snapshot = await buildSnapshot(db, report, {
      selected: report.items[0]!.license,
      licenseType: 'all',
      drill: { kind: 'day', date: day },
      pseudonymize: null,
      createdAt: 0,
    });
    expect(snapshot.shown!.title).toBe(`Licenses in use per hour on ${day}`);
    expect(snapshot.shown!.rows).toHaveLength(24);
    const dayPeak = report.items[0]!.daily.find((d) => d.date === day)!.peak;
    expect(Math.max(...snapshot.shown!.rows.map((r) => r.peak))).toBe(dayPeak);
  });

  it('with pseudonyms, no user name, e-mail, host or IP of the data is left in the link', async () => {
    const snapshot = await buildSnapshot(db, report, {
      selected: '*',
      licenseType: 'all',
      drill: { kind: 'period' },
      pseudonymize: await pseudonymizer(KEY),
      createdAt: 0,
    });
    expect(snapshot.pseudonymized).toBe(true);
    const personal = await db.query<{ v: string }>(
      `SELECT DISTINCT v FROM (SELECT unnest([username, user_email, user_hostname, user_ip]) AS v FROM sessions) WHERE v IS NOT NULL AND length(v) >= 4`,
    );
    const text = JSON.stringify(snapshot);
    for (const { v } of personal) expect(text).not.toContain(v);
    const first = snapshot.topUsers[0]!;
    expect(first.user).toMatch(/^user-/);
    expect(first.hosts.every((h) => h.startsWith('host-'))).toBe(true);
    // Stable: the same key gives the same pseudonyms in a second snapshot.
    const again = await buildSnapshot(db, report, {
      selected: '*',
      licenseType: 'all',
      drill: { kind: 'period' },
      pseudonymize: await pseudonymizer(KEY),
      createdAt: 0,
    });
    expect(again.topUsers.map((u) => u.user)).toEqual(snapshot.topUsers.map((u) => u.user));
  });

  it('is also a report file the page reads back', async () => {
    const snapshot = await buildSnapshot(db, report, {
      selected: '*',
      licenseType: 'all',
      drill: { kind: 'period' },
      pseudonymize: null,
      createdAt: 0,
    });
    const file = snapshotFile(snapshot);
    expect(file.name).toBe(`vaultlens-report-${report.period.from}-to-${report.period.to}.json`);
    expect(readSnapshotFile(file.name, new TextEncoder().encode(file.text))).toEqual({ ok: true, snapshot });
    expect(readSnapshotFile('x.json', new TextEncoder().encode('{"version":1,"items":{}}'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/x\.json.*not a vaultlens snapshot/),
    });
    expect(snapshotFileTooLarge('big.json', 5 * 1024 * 1024)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/big\.json.*larger than 4 MB/),
    });
    expect(snapshotFileTooLarge('ok.json', 1000)).toBeNull();
  });
});

/** A seeded year of 10 busy items: values as varied as real ones (averages with two decimals). */
function syntheticYear(): Report {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const days = Array.from({ length: 365 }, (_, i) =>
    new Date(Date.UTC(2025, 10, 1) + i * 86_400_000).toISOString().slice(0, 10),
  );
  const item = (license: string, capacity: number): ItemReport => ({
    license,
    capacity,
    inUseNow: 3,
    usageRatio: 0.5,
    cards: {
      averageDailyUsage: 12.3,
      peakUsage: { value: capacity, at: '2026-03-02T10:15:00+01:00', minutesAtPeak: 12 },
      daysOverThreshold: 40,
      daysAtCapacity: 3,
    },
    warnings: { averageDailyUsage: 'none', peakUsage: 'minor', daysOverThreshold: 'major' },
    daily: days.map((date, i) => {
      const weekend = i % 7 >= 5;
      const peak = weekend ? Math.floor(rnd() * 3) : Math.floor(capacity * (0.4 + 0.6 * rnd()));
      return {
        date,
        peak,
        average: Math.round(peak * rnd() * 100) / 100,
        distinctUsers: peak + Math.floor(rnd() * 10),
        sessions: peak * 3 + Math.floor(rnd() * 40),
      };
    }),
    utilization: { levels: [], coverage95: 0, coverage99: 0 },
    heatmap: [],
  });
  const items = Array.from({ length: 10 }, (_, i) => item(`License item number ${i + 1}`, 20 + 15 * i));
  const months = days
    .filter((d) => d.endsWith('-01'))
    .flatMap((d) =>
      items.map((it) => ({
        month: d.slice(0, 7),
        license: it.license,
        kind: 'ide' as const,
        currency: 'USD',
        n: 20,
        surcharge: 199.6,
        trueUpLicenses: 2,
        trueUpCost: 99.83,
      })),
    );
  return ReportSchema.parse({
    version: 1,
    asOf: '2026-10-31T18:00:00+01:00',
    timeZone: 'Europe/Berlin',
    threshold: 80,
    holdMinutes: 0,
    period: { from: days[0], to: days[364] },
    ingest: { files: 12, rowsRead: 1_000_000, accepted: 999_000, rejected: 900, duplicates: 100 },
    items,
    total: { ...item('*', 1000), license: '*' },
    billing: { schedule: 'monthly', months, total: { surcharge: 23952, trueUpCost: 11979.6 } },
    denials: {
      total: 500,
      users: 40,
      daysWithDenials: 30,
      byReason: { no_available_licenses: 400, access_rule: 60, not_in_authorized_group: 40 },
      byLicense: Object.fromEntries(items.map((i) => [i.license, 50])),
      warnings: { deniedUsers: 'major', daysWithDenials: 'minor' },
    },
  });
}

describe('more license items than a snapshot carries', () => {
  it('are refused before the snapshot is built, in words that say the limit, the count and what to share', async () => {
    expect(tooManyForSnapshot(MAX_SNAPSHOT_ITEMS)).toBeNull();
    const many = Array.from({ length: MAX_SNAPSHOT_ITEMS + 1 }, (_, i) => ({
      ...report.items[0]!,
      license: `Item ${i}`,
    }));
    const options = {
      selected: '*',
      licenseType: 'all' as const,
      drill: { kind: 'period' as const },
      pseudonymize: null,
      createdAt: Date.UTC(2026, 10, 23, 12),
    };
    const refused = await buildSnapshot(db, { ...report, items: many }, options).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(snapshotProblem(refused)).toMatch(/at most 500 license items and this report has 501: share a link/);
    // One item fewer is a snapshot.
    const fits = await buildSnapshot(db, { ...report, items: many.slice(1) }, options);
    expect(fits.items).toHaveLength(MAX_SNAPSHOT_ITEMS);
  });
});

describe('the link budget', () => {
  it('keeps a 365-day, 10-item report with 20 top users under 32 KB of URL', async () => {
    const year = syntheticYear();
    const empty = await freshDatabase();
    await loadFiles(empty, []); // the tables, with no rows
    try {
      const snapshot = await buildSnapshot(empty, year, {
        selected: '*',
        licenseType: 'all',
        drill: { kind: 'period' },
        pseudonymize: null,
        createdAt: 0,
      });
      const pseudonyms = await pseudonymizer(KEY);
      const full: Snapshot = {
        ...snapshot,
        pseudonymized: true,
        topUsers: await Promise.all(
          Array.from({ length: 20 }, async (_, i) => ({
            user: await pseudonyms('user', `u${i}`),
            email: await pseudonyms('email', `u${i}@corp.example`),
            hours: 812.25 - i,
            sessions: 1900 - i,
            licenses: year.items.slice(0, 3).map((x) => x.license),
            hosts: [await pseudonyms('host', `pc${i}`), await pseudonyms('host', `vm${i}`)],
            ips: [await pseudonyms('ip', `10.0.0.${i}`)],
          })),
        ),
      };
      const url = snapshotUrl(PAGE, await encodeSnapshot(full));
      console.log(
        `365 days × 10 items: ${JSON.stringify(full).length} bytes of JSON → ${url.length} characters of URL`,
      );
      expect(url.length).toBeLessThan(SNAPSHOT_URL_BUDGET);
      expect(await decodeSnapshot(url.split('#snapshot=')[1]!)).toEqual({ ok: true, snapshot: full });
    } finally {
      await empty.close();
    }
  });
});

describe('edited snapshot links', () => {
  it('are refused whichever character is changed, never read as other figures', async () => {
    const good = await buildSnapshot(db, report, {
      selected: '*',
      licenseType: 'all',
      drill: { kind: 'period' },
      pseudonymize: null,
      createdAt: 0,
    });
    const encoded = await encodeSnapshot(good);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let changed = 0;
    for (let i = 0; i < encoded.length; i += 3) {
      const c = alphabet[(alphabet.indexOf(encoded[i]!) + 17) % 64]!;
      const result = await decodeSnapshot(encoded.slice(0, i) + c + encoded.slice(i + 1));
      if (result.ok && JSON.stringify(result.snapshot) !== JSON.stringify(good)) changed++;
    }
    expect(changed).toBe(0);
  }, 180_000);
});

describe('hostile snapshot links are refused', () => {
  let good: Snapshot;
  beforeAll(async () => {
    good = await buildSnapshot(db, report, {
      selected: '*',
      licenseType: 'all',
      drill: { kind: 'period' },
      pseudonymize: null,
      createdAt: 0,
    });
  });
  const refusal = async (encoded: string) => {
    const r = await decodeSnapshot(encoded);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.message;
  };

  it('a newer or unknown version', async () => {
    expect(await refusal(await encodeJson({ ...good, version: 2 }))).toMatch(
      /newer version of vaultlens \(snapshot version 2/,
    );
    expect(await refusal(await encodeJson({ ...good, version: '1' }))).toMatch(/older or unknown version/);
  });

  it('a payload that breaks the schema, naming where', async () => {
    expect(await refusal(await encodeJson({ ...good, total: { ...good.total, inUseNow: -1 } }))).toMatch(
      /total\.inUseNow/,
    );
    expect(await refusal(await encodeJson({ ...good, extra: 'field' }))).toMatch(/not valid/);
    const short = { ...good.total, daily: { ...good.total.daily, peak: good.total.daily.peak.slice(1) } };
    expect(await refusal(await encodeJson({ ...good, total: short }))).toMatch(/damaged \(the data ends early\)/);
    const file = new TextEncoder().encode(JSON.stringify({ ...good, total: short }));
    expect(readSnapshotFile('r.json', file)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/total\.daily: does not have one value per day/),
    });
    expect(await refusal(await encodeJson([1, 2, 3]))).toMatch(/not a vaultlens snapshot/);
  });

  it('script or markup in any string, keys included', async () => {
    expect(await refusal(await encodeJson({ ...good, selected: '<script>alert(1)</script>' }))).toMatch(/markup/);
    const users = [
      { user: 'x', email: null, hours: 1, sessions: 1, licenses: ['<img src=x onerror=alert(1)>'], hosts: [], ips: [] },
    ];
    expect(await refusal(await encodeJson({ ...good, topUsers: users }))).toMatch(/topUsers\.0\.licenses\.0.*markup/);
    if (good.denials) {
      expect(
        await refusal(await encodeJson({ ...good, denials: { ...good.denials, byLicense: { '<b>x</b>': 1 } } })),
      ).toMatch(/markup/);
    }
  });

  it('oversize links and bombs', async () => {
    expect(await refusal('A'.repeat(60_000))).toMatch(/longer than any snapshot link/);
    const bomb = toBase64Url(
      await deflate(new TextEncoder().encode(`{"kind":"vaultlens-snapshot","pad":"${' '.repeat(20_000_000)}"}`)),
    );
    expect(bomb.length).toBeLessThan(48 * 1024);
    expect(await refusal(bomb)).toMatch(/unpacks to more than 4 MB/);
  });

  it('damaged, truncated or not compressed at all', async () => {
    const encoded = await encodeSnapshot(good);
    for (const cut of [0.25, 0.5, 0.9]) {
      const keep = Math.floor((encoded.length * cut) / 4) * 4;
      expect(await refusal(encoded.slice(0, keep))).toMatch(/damaged, edited or cut short|damaged \(/);
    }
    expect(await refusal(encoded.slice(0, 4 * 100 + 1))).toMatch(/cut short or damaged/);
    expect(await refusal(encoded.replace(/^.{8}/, 'AAAAAAAA'))).toMatch(/damaged/);
    expect(await refusal('not+base64/')).toMatch(/characters a snapshot link never has/);
    // A head without a period (or with period null) is refused, not a crash.
    for (const period of [null, 7, { from: 1 }]) {
      const head = new TextEncoder().encode(
        JSON.stringify({ kind: 'vaultlens-snapshot', items: [], total: {}, period }),
      );
      expect(await refusal(toBase64Url(await deflate(new Uint8Array([...varintOf(head.length), ...head]))))).toMatch(
        /damaged \(it has no period\)/,
      );
    }
    expect(await refusal('')).toMatch(/empty/);
    expect(await refusal(toBase64Url(new TextEncoder().encode('{"kind":"vaultlens-snapshot"}')))).toMatch(/damaged/);
    expect(await refusal(toBase64Url(await deflate(new Uint8Array([0xff, 0xfe, 0x00]))))).toMatch(
      /damaged \(the data ends early\)/,
    );
    expect(await refusal(toBase64Url(await deflate(new Uint8Array([3, 0xff, 0xfe, 0x00]))))).toMatch(
      /damaged \(its content is not JSON\)/,
    );
  });
});
