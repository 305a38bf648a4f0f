/**
 * The report as data (docs/DOMAIN.md §7): what the CLI writes and the page's tests
 * compare against. Validated before it is written or read.
 */
import { z } from 'zod';
import { DenialReasonSchema } from '../denials/reasons.ts';
import { RenewalSchema } from '../renewal/schema.ts';
import { isoDate } from '../time/calendar-date.ts';
import { HoldMinutesSchema } from '../usage/hold.ts';
import { TOTAL } from '../usage/total.ts';

// The calendar date's one schema, also offered from here, where the other report field schemas are.
export { isoDate };
export const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);
export const count = z.number().int().min(0);
export const figure = z.number().finite().min(0);

export const DailyUsageSchema = z.object({
  date: isoDate,
  peak: count,
  average: figure,
  distinctUsers: count,
  sessions: count,
});

export const CardsSchema = z.object({
  averageDailyUsage: figure,
  peakUsage: z.object({ value: count, at: isoInstant, minutesAtPeak: figure }),
  daysOverThreshold: count.nullable(),
  daysAtCapacity: count.nullable(),
});

export const WarningSchema = z.enum(['none', 'minor', 'major', 'not-applicable']);

export const ItemReportSchema = z.object({
  license: z.string().min(1),
  capacity: count.nullable(),
  inUseNow: count,
  usageRatio: figure.nullable(),
  cards: CardsSchema,
  warnings: z.object({ averageDailyUsage: WarningSchema, peakUsage: WarningSchema, daysOverThreshold: WarningSchema }),
  daily: z.array(DailyUsageSchema),
  utilization: z.object({
    levels: z.array(z.object({ level: count, share: z.number().min(0).max(1) })),
    coverage95: count,
    coverage99: count,
  }),
  heatmap: z.array(
    z.object({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      mean: figure,
      peak: count,
    }),
  ),
});

const money = z.number().finite().min(0);

export const BillingSchema = z.object({
  schedule: z.enum(['monthly', 'quarterly']),
  months: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      license: z.string().min(1),
      kind: z.enum(['ide', 'dotnet-tool', 'pack', 'plugin']),
      currency: z.string().regex(/^[A-Z]{3}$/),
      n: count,
      surcharge: money,
      trueUpLicenses: count,
      trueUpCost: money,
    }),
  ),
  total: z.object({ surcharge: money, trueUpCost: money }),
});

export const DenialsSummarySchema = z.object({
  total: count,
  users: count,
  daysWithDenials: count,
  byReason: z.record(DenialReasonSchema, count),
  byLicense: z.record(z.string(), count),
  warnings: z.object({ deniedUsers: WarningSchema, daysWithDenials: WarningSchema }),
});

/** A rejected row as the rejects table shows it (docs/DOMAIN.md §2.4, §8.1): the reason is a stable code. */
export const RejectSchema = z.object({
  file: z.string(),
  line: count,
  reason: z.string().regex(/^[a-z_]+$/),
  message: z.string(),
  raw: z.string(),
});

export const ReportSchema = z.object({
  version: z.literal(1),
  asOf: isoInstant,
  timeZone: z.string().min(1),
  threshold: z.number().gt(0).max(100),
  holdMinutes: HoldMinutesSchema,
  period: z.object({ from: isoDate, to: isoDate }),
  ingest: z.object({ files: count, rowsRead: count, accepted: count, rejected: count, duplicates: count }),
  items: z.array(ItemReportSchema),
  total: ItemReportSchema.extend({ license: z.literal(TOTAL) }),
  /** Present when the inventory has prices: estimates (docs/DOMAIN.md §5). */
  billing: BillingSchema.optional(),
  /** Present when denials files are loaded: the period's denials (docs/DOMAIN.md §6). */
  denials: DenialsSummarySchema.optional(),
  /** Present when an inventory is given: the renewal plan, estimates (docs/DOMAIN.md §10). */
  renewal: RenewalSchema.optional(),
  /** The CLI's: the first rejected rows (up to 1,000) in file and line order, when there are any (docs/DOMAIN.md §7). */
  rejects: z.array(RejectSchema).optional(),
});

export type Report = z.infer<typeof ReportSchema>;
export type ItemReport = z.infer<typeof ItemReportSchema>;
