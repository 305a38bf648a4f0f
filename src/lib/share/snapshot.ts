/**
 * Snapshots: the computed figures of a report (cards, the daily series and
 * the series on screen, top users, denials and cost summaries), packed small
 * enough to travel in a URL fragment, so a recipient sees the report with no
 * files at all. Past the link budget the same snapshot is a report file the
 * page opens when dropped. Untrusted when read: size, compression, version
 * and schema are all checked, and no string may carry markup.
 */
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { drillRange, drillTitle, type DrillLevel } from '../dashboard/drill.ts';
import { LICENSE_TYPES, type LicenseTypeView } from '../dashboard/license-type.ts';
import { periodBounds } from '../report/period.ts';
import {
  BillingSchema,
  CardsSchema,
  count,
  DenialsSummarySchema,
  figure,
  isoDate,
  isoInstant,
  WarningSchema,
  type ItemReport,
  type Report,
} from '../report/schema.ts';
import { toMicros } from '../sql/usage.ts';
import { isValidZone } from '../time/zone.ts';
import { activeUsersSql, userMachinesSql, type ActiveUser } from '../sql/users.ts';
import { usageSeries } from '../usage/engine.ts';
import { TOTAL } from '../usage/total.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { deflate, inflate } from './compress.ts';
import type { Pseudonymizer } from './pseudonym.ts';
import { daysIn, packSnapshotBytes, unpackSnapshotBytes, WireError } from './wire.ts';

export const SNAPSHOT_VERSION = 1;
/** The longest URL a snapshot link may make; past it the page offers a report file. */
export const SNAPSHOT_URL_BUDGET = 32 * 1024;
/** What the page reads at most: a link's fragment, its unpacked JSON, a report file. */
export const MAX_SNAPSHOT_FRAGMENT = 48 * 1024;
export const MAX_SNAPSHOT_JSON = 4 * 1024 * 1024;
export const MAX_SNAPSHOT_FILE = MAX_SNAPSHOT_JSON;
const MAX_DAYS = 3700;
const TOP_USERS = 20;

// Markup and control characters: never in a name, an e-mail or a label, so a payload that has them is not ours.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: shared text may not carry them
const UNSAFE = /[<>\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above, to replace them
const UNSAFE_ALL = /[<>\u0000-\u001f\u007f-\u009f]/g;

/** Makes text from the user's files fit for a snapshot: markup brackets become look-alikes, control characters go. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => (c === '<' ? '‹' : c === '>' ? '›' : ''));
}

const text = (max: number) => z.string().max(max);

const SeriesSchema = z
  .object({
    peak: z.array(count).max(MAX_DAYS),
    average: z.array(figure).max(MAX_DAYS),
    users: z.array(count).max(MAX_DAYS),
    sessions: z.array(count).max(MAX_DAYS),
  })
  .strict();

const SnapshotItemSchema = z
  .object({
    license: text(300).min(1),
    capacity: count.nullable(),
    inUseNow: count,
    usageRatio: figure.nullable(),
    cards: CardsSchema,
    warnings: z.object({
      averageDailyUsage: WarningSchema,
      peakUsage: WarningSchema,
      daysOverThreshold: WarningSchema,
    }),
    daily: SeriesSchema,
  })
  .strict();

const TopUserSchema = z
  .object({
    user: text(300),
    email: text(300).nullable(),
    hours: figure,
    sessions: count,
    licenses: z.array(text(300)).max(100),
    hosts: z.array(text(300)).max(20),
    ips: z.array(text(60)).max(20),
  })
  .strict();

export const SnapshotSchema = z
  .object({
    kind: z.literal('vaultlens-snapshot'),
    version: z.literal(SNAPSHOT_VERSION),
    createdAt: isoInstant,
    asOf: isoInstant,
    timeZone: text(64).refine(isValidZone, 'is not a time zone'),
    threshold: z.number().gt(0).max(100),
    holdMinutes: z.number().min(0),
    period: z.object({ from: isoDate, to: isoDate }).strict(),
    fingerprint: text(60).optional(),
    pseudonymized: z.boolean(),
    selected: text(300).min(1),
    licenseType: z.enum(LICENSE_TYPES),
    /** The selected item's True-Up limit line of the chart, when its inventory has one. */
    trueUpLimit: count.nullable().optional(),
    ingest: z.object({ files: count, rowsRead: count, accepted: count, rejected: count, duplicates: count }).strict(),
    items: z.array(SnapshotItemSchema).max(500),
    total: SnapshotItemSchema,
    shown: z
      .object({
        title: text(200),
        rows: z.array(z.object({ label: text(40), peak: count, average: figure, users: count }).strict()).max(1500),
      })
      .strict()
      .optional(),
    topUsers: z.array(TopUserSchema).max(50),
    denials: DenialsSummarySchema.optional(),
    billing: BillingSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const days = daysIn(s.period);
    if (days < 1 || days > MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'is not a period of 1 to 3700 days' });
    const series: [(string | number)[], SnapshotItem][] = [
      ...s.items.map((item, i): [(string | number)[], SnapshotItem] => [['items', i], item]),
      [['total'], s.total],
    ];
    for (const [path, { daily: d }] of series) {
      if (![d.peak, d.average, d.users, d.sessions].every((a) => a.length === days)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'daily'],
          message: `does not have one value per day of the period (${days})`,
        });
      }
    }
    const bad = unsafeString(s);
    if (bad !== null)
      ctx.addIssue({ code: 'custom', path: bad, message: 'holds markup or control characters, or is too long' });
    // Bounds on what becomes table rows, so a hostile report file cannot freeze the page.
    if (s.billing && s.billing.months.length > 60_000)
      ctx.addIssue({ code: 'custom', path: ['billing', 'months'], message: 'has too many rows' });
    if (s.denials && Object.keys(s.denials.byLicense).length > 1000)
      ctx.addIssue({ code: 'custom', path: ['denials', 'byLicense'], message: 'has too many items' });
  });

export type Snapshot = z.infer<typeof SnapshotSchema>;
export type SnapshotItem = z.infer<typeof SnapshotItemSchema>;
export type TopUser = z.infer<typeof TopUserSchema>;

/** The path of the first string (value or key) that holds markup or control characters or is too long, or null. */
function unsafeString(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return UNSAFE.test(value) || value.length > 2000 ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = unsafeString(v, [...path, i]);
      if (bad) return bad;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNSAFE.test(k) || k.length > 2000) return [...path, k.slice(0, 40)];
      const bad = unsafeString(v, [...path, k]);
      if (bad) return bad;
    }
  }
  return null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function packItem(item: ItemReport): SnapshotItem {
  return {
    license: cleanText(item.license),
    capacity: item.capacity,
    inUseNow: item.inUseNow,
    usageRatio: item.usageRatio,
    cards: item.cards,
    warnings: item.warnings,
    daily: {
      peak: item.daily.map((d) => d.peak),
      average: item.daily.map((d) => round2(d.average)),
      users: item.daily.map((d) => d.distinctUsers),
      sessions: item.daily.map((d) => d.sessions),
    },
  };
}

/** An item of a snapshot with its days spelled out again, as the cards and charts take them. */
export type SnapshotItemView = Omit<SnapshotItem, 'daily'> & { daily: ItemReport['daily'] };

export function unpackItem(item: SnapshotItem, period: { from: string }): SnapshotItemView {
  const start = Date.parse(`${period.from}T00:00:00Z`);
  return {
    ...item,
    daily: item.daily.peak.map((peak, i) => ({
      date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
      peak,
      average: item.daily.average[i]!,
      distinctUsers: item.daily.users[i]!,
      sessions: item.daily.sessions[i]!,
    })),
  };
}

export interface SnapshotOptions {
  /** The item on screen, or '*'. */
  selected: string;
  licenseType: LicenseTypeView;
  /** The chart's level on screen; below the period its series goes in too. */
  drill: DrillLevel;
  /** Replaces names, e-mails, host names and IPs when given. */
  pseudonymize: Pseudonymizer | null;
  fingerprint?: string | undefined;
  createdAt: number;
  /** The selected item's True-Up limit (the chart's line), if known. */
  trueUpLimit?: number | null | undefined;
}

/** The period's top users of the selected item (or all items), as the Active users tab lists them. */
async function topUsers(
  db: Database,
  report: Report,
  selected: string,
  pseudonymize: Pseudonymizer | null,
): Promise<TopUser[]> {
  const asOf = Date.parse(report.asOf);
  const { startMs, endMs } = periodBounds(report.timeZone, report.period.from, report.period.to, asOf);
  const range = { rs: toMicros(startMs), re: toMicros(endMs), asOf: toMicros(asOf) };
  const license = selected === TOTAL ? null : selected;
  const users = (await db.query<ActiveUser>(activeUsersSql({ range, license, search: '' }))).slice(0, TOP_USERS);
  const machines = new Map(
    (
      await db.query<{ username: string; hosts: string[] | null; ips: string[] | null }>(
        userMachinesSql(
          range,
          users.map((u) => u.username),
        ),
      )
    ).map((m) => [m.username, m]),
  );
  const as = async (kind: Parameters<Pseudonymizer>[0], value: string) =>
    cleanText(pseudonymize ? await pseudonymize(kind, value) : value);
  return Promise.all(
    users.map(async (u) => {
      const m = machines.get(u.username);
      return {
        user: await as('user', u.username),
        email: u.email === null ? null : await as('email', u.email),
        hours: u.hours,
        sessions: u.sessions,
        licenses: u.licenses.split(', ').filter(Boolean).map(cleanText),
        hosts: await Promise.all((m?.hosts ?? []).slice(0, 20).map((h) => as('host', h))),
        ips: await Promise.all((m?.ips ?? []).slice(0, 20).map((ip) => as('ip', ip))),
      };
    }),
  );
}

async function shownSeries(db: Database, report: Report, options: SnapshotOptions): Promise<Snapshot['shown']> {
  if (options.drill.kind === 'period') return undefined;
  const asOf = Date.parse(report.asOf);
  const range = drillRange(options.drill, report.timeZone, asOf);
  const series = await usageSeries(
    db,
    report.items.map((i) => i.license),
    { zone: report.timeZone, asOf, holdMinutes: report.holdMinutes },
    range.resolution,
    range.fromMs,
    range.toMs,
  );
  return {
    title: cleanText(drillTitle(options.drill)),
    rows: (series.get(options.selected) ?? []).map((b) => ({
      label: cleanText(range.label(b.key)),
      peak: b.peak,
      average: round2(b.average),
      users: b.distinctUsers,
    })),
  };
}

function cleanKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [cleanText(k), v]));
}

/** The snapshot of `report` as the page shows it, validated. */
export async function buildSnapshot(db: Database, report: Report, options: SnapshotOptions): Promise<Snapshot> {
  const snapshot: Snapshot = {
    kind: 'vaultlens-snapshot',
    version: SNAPSHOT_VERSION,
    createdAt: new Date(options.createdAt).toISOString(),
    asOf: report.asOf,
    timeZone: report.timeZone,
    threshold: report.threshold,
    holdMinutes: report.holdMinutes,
    period: report.period,
    fingerprint: options.fingerprint,
    pseudonymized: options.pseudonymize !== null,
    selected: cleanText(options.selected),
    licenseType: options.licenseType,
    trueUpLimit: options.trueUpLimit ?? null,
    ingest: report.ingest,
    items: report.items.map(packItem),
    total: packItem(report.total),
    shown: await shownSeries(db, report, options),
    topUsers: await topUsers(db, report, options.selected, options.pseudonymize),
    denials: report.denials && { ...report.denials, byLicense: cleanKeys(report.denials.byLicense) },
    billing: report.billing && {
      ...report.billing,
      months: report.billing.months.map((m) => ({ ...m, license: cleanText(m.license) })),
    },
  };
  return SnapshotSchema.parse(snapshot);
}

/** The fragment value: zlib deflate of the packed snapshot (share/wire.ts), in base64url. */
export async function encodeSnapshot(snapshot: Snapshot): Promise<string> {
  return toBase64Url(await deflate(packSnapshotBytes(snapshot)));
}

/** The link for `pageUrl` (any fragment it has is replaced). */
export function snapshotUrl(pageUrl: string, encoded: string): string {
  return `${pageUrl.split('#')[0]}#snapshot=${encoded}`;
}

export type SnapshotResult = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

const refuse = (what: string, why: string): SnapshotResult => ({
  ok: false,
  message: `This ${what} cannot be opened: ${why}.`,
});

/** Checks parsed JSON: is it a snapshot, of this version, and valid? */
export function validateSnapshot(json: unknown, what = 'snapshot'): SnapshotResult {
  if (json === null || typeof json !== 'object' || (json as { kind?: unknown }).kind !== 'vaultlens-snapshot') {
    return refuse(what, 'it is not a vaultlens snapshot');
  }
  const version = (json as { version?: unknown }).version;
  if (version !== SNAPSHOT_VERSION) {
    return refuse(
      what,
      typeof version === 'number' && version > SNAPSHOT_VERSION
        ? `it was made by a newer version of vaultlens (snapshot version ${version}; this page reads version ${SNAPSHOT_VERSION})`
        : `it was made by an older or unknown version of vaultlens (snapshot version ${String(version).slice(0, 20)}; this page reads version ${SNAPSHOT_VERSION})`,
    );
  }
  const parsed = SnapshotSchema.safeParse(json);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.map(String).join('.');
  return refuse(what, `its content is not valid (${where ? `${where}: ` : ''}${issue.message.slice(0, 200)})`);
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** Reads the value of a `#snapshot=` fragment, refusing with a clear message whatever is wrong with it; never throws. */
export async function decodeSnapshot(encoded: string): Promise<SnapshotResult> {
  try {
    return await decodeSnapshotOrThrow(encoded);
  } catch {
    // Whatever slipped past the checks below: still a refusal, never a stuck page.
    return refuse('snapshot link', 'it is damaged');
  }
}

async function decodeSnapshotOrThrow(encoded: string): Promise<SnapshotResult> {
  const what = 'snapshot link';
  if (encoded.length > MAX_SNAPSHOT_FRAGMENT)
    return refuse(what, `it is longer than any snapshot link the page makes (${Math.round(encoded.length / 1024)} KB)`);
  if (encoded.length === 0) return refuse(what, 'it is empty');
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return refuse(what, 'it holds characters a snapshot link never has');
  const packed = fromBase64Url(encoded);
  if (packed === null) return refuse(what, 'it is cut short or damaged');
  let bytes: Uint8Array;
  try {
    bytes = await inflate(packed, MAX_SNAPSHOT_JSON);
  } catch (e) {
    return refuse(
      what,
      e instanceof RangeError
        ? `it unpacks to more than ${MAX_SNAPSHOT_JSON / 1024 / 1024} MB`
        : 'it is damaged, edited or cut short (its data does not unpack, or its checksum does not match)',
    );
  }
  let json: unknown;
  try {
    json = unpackSnapshotBytes(bytes);
  } catch (e) {
    if (e instanceof WireError) return refuse(what, `it is damaged (${e.message})`);
    throw e;
  }
  return validateSnapshot(json, what);
}

/** The report file offered when a snapshot is too large for a link. */
export function snapshotFile(snapshot: Snapshot): { name: string; text: string } {
  return {
    name: `vaultlens-report-${snapshot.period.from}-to-${snapshot.period.to}.json`,
    text: `${JSON.stringify(snapshot)}\n`,
  };
}

/** The refusal of a report file of `size` bytes that is too large to be one of ours, or null: checked before it is read. */
export function snapshotFileTooLarge(name: string, size: number): SnapshotResult | null {
  return size > MAX_SNAPSHOT_FILE
    ? refuse(`report file ${name}`, `it is larger than ${MAX_SNAPSHOT_FILE / 1024 / 1024} MB`)
    : null;
}

/** Reads a dropped report file. */
export function readSnapshotFile(name: string, bytes: Uint8Array): SnapshotResult {
  const what = `report file ${name}`;
  const tooLarge = snapshotFileTooLarge(name, bytes.length);
  if (tooLarge) return tooLarge;
  const json = parseJson(bytes);
  if (json === undefined) return refuse(what, 'it is not JSON');
  return validateSnapshot(json, what);
}
