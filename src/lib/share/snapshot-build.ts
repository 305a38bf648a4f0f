/**
 * Building a snapshot: the computed figures of a report (cards, the daily
 * series and the series on screen, top users, denials and cost summaries),
 * with the user's text made safe and, when asked, pseudonymized.
 */
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { formatCount } from '../format.ts';
import { drillRange, drillTitle, type DrillLevel } from '../dashboard/drill.ts';
import type { LicenseTypeView } from '../dashboard/license-type.ts';
import { periodBounds } from '../report/period.ts';
import type { ItemFigures, ReportFigures } from '../report/parts.ts';
import { activeUsersSql, userMachinesSql, type ActiveUser } from '../sql/users.ts';
import { toMicros } from '../sql/usage.ts';
import { usageSeries } from '../usage/engine.ts';
import { TOTAL } from '../usage/total.ts';
import type { Pseudonymizer } from './pseudonym.ts';
import {
  cleanText,
  MAX_SNAPSHOT_ITEMS,
  MAX_SNAPSHOT_NAME,
  SNAPSHOT_VERSION,
  SnapshotSchema,
  type Snapshot,
  type SnapshotItem,
  type TopUser,
} from './snapshot-schema.ts';

const TOP_USERS = 20;
/** The longest IP address a snapshot carries (IPv6 with a zone fits). */
const MAX_IP = 60;

/**
 * Why a snapshot could not be made, as one sentence for the Share panel:
 * a schema failure names the field (never zod's JSON dump), anything else
 * gives its first line.
 */
export function snapshotProblem(error: unknown): string {
  let why: string;
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    const where = issue?.path.map(String).join('.') || 'content';
    why = `its ${where} is not valid (${(issue?.message ?? 'unknown').slice(0, 200)})`;
  } else {
    why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim().slice(0, 300);
  }
  return `The snapshot could not be made: ${why.replace(/\.+$/, '') || 'an unknown error'}.`;
}

/**
 * Why a report of `items` license items cannot become a snapshot, or null: said
 * before any item's figures are derived (100,000 items would take seconds, then fail the schema).
 */
export function tooManyForSnapshot(items: number): string | null {
  if (items <= MAX_SNAPSHOT_ITEMS) return null;
  return `a snapshot carries at most ${formatCount(MAX_SNAPSHOT_ITEMS)} license items and this report has ${formatCount(items)}: share a link to this view, or the CLI's report JSON`;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Item names as the snapshot carries them: cleaned, shortened, and still told apart when two come out alike. */
type ItemNames = (license: string) => string;

function itemNames(licenses: readonly string[]): ItemNames {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const license of licenses) {
    let name = cleanText(license);
    for (let n = 2; used.has(name); n++) name = `${cleanText(license, MAX_SNAPSHOT_NAME - ` (${n})`.length)} (${n})`;
    used.add(name);
    names.set(license, name);
  }
  return (license) => names.get(license) ?? cleanText(license);
}

function packItem(item: ItemFigures, name: ItemNames): SnapshotItem {
  return {
    license: name(item.license),
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

export interface SnapshotOptions {
  /** The item on screen, or TOTAL. */
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
  report: ReportFigures,
  selected: string,
  pseudonymize: Pseudonymizer | null,
  name: ItemNames,
): Promise<TopUser[]> {
  const asOf = Date.parse(report.asOf);
  const { startMs, endMs } = periodBounds(report.timeZone, report.period.from, report.period.to, asOf);
  const range = { rs: toMicros(startMs), re: toMicros(endMs), asOf: toMicros(asOf) };
  const license = selected === TOTAL ? null : selected;
  const users = (await db.query<ActiveUser>(activeUsersSql({ range, license, search: '' }))).slice(0, TOP_USERS);
  const machines = new Map(
    (
      await db.query<{ username: string; hosts: string[] | null; ips: string[] | null }>(
        userMachinesSql({ range, usernames: users.map((u) => u.username) }),
      )
    ).map((m) => [m.username, m]),
  );
  const as = async (kind: Parameters<Pseudonymizer>[0], value: string) =>
    cleanText(pseudonymize ? await pseudonymize(kind, value) : value, kind === 'ip' ? MAX_IP : MAX_SNAPSHOT_NAME);
  return Promise.all(
    users.map(async (u) => {
      const m = machines.get(u.username);
      return {
        user: await as('user', u.username),
        email: u.email === null ? null : await as('email', u.email),
        hours: u.hours,
        sessions: u.sessions,
        licenses: u.licenses.split(', ').filter(Boolean).map(name),
        hosts: await Promise.all((m?.hosts ?? []).slice(0, 20).map((h) => as('host', h))),
        ips: await Promise.all((m?.ips ?? []).slice(0, 20).map((ip) => as('ip', ip))),
      };
    }),
  );
}

async function shownSeries(db: Database, report: ReportFigures, options: SnapshotOptions): Promise<Snapshot['shown']> {
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
    title: cleanText(drillTitle(options.drill), 200),
    rows: (series.get(options.selected) ?? []).map((b) => ({
      label: cleanText(range.label(b.key), 40),
      peak: b.peak,
      average: round2(b.average),
      users: b.distinctUsers,
    })),
  };
}

function renameKeys<T>(record: Record<string, T>, name: ItemNames): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [name(k), v]));
}

/** The snapshot of `report` (a Report, or the page's ReportParts.withoutDistributions()) as the page shows it, validated. */
export async function buildSnapshot(db: Database, report: ReportFigures, options: SnapshotOptions): Promise<Snapshot> {
  const tooMany = tooManyForSnapshot(report.items.length);
  if (tooMany) throw new Error(tooMany);
  const name = itemNames(report.items.map((i) => i.license));
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
    selected: name(options.selected),
    licenseType: options.licenseType,
    trueUpLimit: options.trueUpLimit ?? null,
    ingest: report.ingest,
    items: report.items.map((item) => packItem(item, name)),
    total: packItem(report.total, name),
    shown: await shownSeries(db, report, options),
    topUsers: await topUsers(db, report, options.selected, options.pseudonymize, name),
    denials: report.denials && { ...report.denials, byLicense: renameKeys(report.denials.byLicense, name) },
    billing: report.billing && {
      ...report.billing,
      months: report.billing.months.map((m) => ({ ...m, license: name(m.license) })),
    },
  };
  return SnapshotSchema.parse(snapshot);
}
