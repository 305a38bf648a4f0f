/**
 * The snapshot's schema: what a snapshot (share/snapshot-build.ts) holds and
 * what a snapshot read from a link or a report file must be (sizes, version,
 * no markup in any string), and its items read back as days.
 */
import { z } from 'zod';
import { LICENSE_TYPES } from '../dashboard/license-type.ts';
import {
  BillingSchema,
  CardsSchema,
  count,
  DenialsSummarySchema,
  figure,
  isoInstant,
  WarningSchema,
  type ItemReport,
} from '../report/schema.ts';
import { isoDate } from '../time/calendar-date.ts';
import { isValidZone } from '../time/zone.ts';
import { HoldMinutesSchema } from '../usage/hold.ts';
import { daysIn } from './wire.ts';

export const SNAPSHOT_VERSION = 1;
const MAX_DAYS = 3700;

// Markup and control characters: never in a name, an e-mail or a label, so a payload that has them is not ours.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: shared text may not carry them
const UNSAFE = /[<>\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above, to replace them
const UNSAFE_ALL = /[<>\u0000-\u001f\u007f-\u009f]/g;

/** The longest name (item, user, e-mail, host) a snapshot carries; longer ones are shortened with SHORTENED. */
export const MAX_SNAPSHOT_NAME = 300;
/** The most license items a snapshot carries (each with its days): past it, a snapshot cannot be made. */
export const MAX_SNAPSHOT_ITEMS = 500;
/** Ends a name cut to fit a snapshot, so a reader knows it goes on. */
export const SHORTENED = '…';

/**
 * Makes text from the user's files fit for a snapshot: markup brackets become
 * look-alikes, control characters go, and text longer than `max` characters
 * is cut (never inside a surrogate pair) and ends in SHORTENED.
 */
export function cleanText(text: string, max = MAX_SNAPSHOT_NAME): string {
  const clean = text.replace(UNSAFE_ALL, (c) => (c === '<' ? '‹' : c === '>' ? '›' : ''));
  if (clean.length <= max) return clean;
  let cut = max - SHORTENED.length;
  if (/[\ud800-\udbff]/.test(clean[cut - 1]!)) cut -= 1;
  return clean.slice(0, cut) + SHORTENED;
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
    license: text(MAX_SNAPSHOT_NAME).min(1),
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
    user: text(MAX_SNAPSHOT_NAME),
    email: text(MAX_SNAPSHOT_NAME).nullable(),
    hours: figure,
    sessions: count,
    licenses: z.array(text(MAX_SNAPSHOT_NAME)).max(100),
    hosts: z.array(text(MAX_SNAPSHOT_NAME)).max(20),
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
    holdMinutes: HoldMinutesSchema,
    period: z.object({ from: isoDate, to: isoDate }).strict(),
    fingerprint: text(60).optional(),
    pseudonymized: z.boolean(),
    selected: text(MAX_SNAPSHOT_NAME).min(1),
    licenseType: z.enum(LICENSE_TYPES),
    /** The selected item's True-Up limit line of the chart, when its inventory has one. */
    trueUpLimit: count.nullable().optional(),
    ingest: z.object({ files: count, rowsRead: count, accepted: count, rejected: count, duplicates: count }).strict(),
    items: z.array(SnapshotItemSchema).max(MAX_SNAPSHOT_ITEMS),
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
