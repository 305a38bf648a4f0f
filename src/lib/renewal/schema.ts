/**
 * The report's `renewal` section (docs/DOMAIN.md §7, §10): per item today's and
 * the recommended capacity with a year's cost of each and the denials the
 * recommendation would have caused, the cost curve behind it, and the
 * revocation candidates. Estimates, never quotes.
 */
import { z } from 'zod';
import { isoDate } from '../time/calendar-date.ts';

const count = z.number().int().min(0);
const figure = z.number().finite().min(0);
const money = figure;
const currency = z.string().regex(/^[A-Z]{3}$/);
/** A report instant (`localIso`): parsed here only to refuse what is none. */
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant');

export const CurvePointSchema = z.object({
  capacity: count,
  trueUpLimit: count,
  /** A year's cost, or null when the item has no price. */
  annualCost: money.nullable(),
  trueUpLicenseMonths: figure,
  deniedMinutes: figure,
});

export const RenewalItemSchema = z.object({
  license: z.string().min(1),
  /** Regular + virtual in the inventory; null when the item is not in it. */
  currentCapacity: count.nullable(),
  recommendedCapacity: count,
  annualCostNow: money.nullable(),
  annualCostRecommended: money.nullable(),
  /** The item's currency when it has a price. */
  currency: currency.nullable(),
  deniedMinutesRecommended: figure,
  deniedMinutesNow: figure.nullable(),
  /** The period's max L. */
  peak: count,
  /** False when no capacity met the tolerance without costing more than today's: today's is kept. */
  withinTolerance: z.boolean(),
  /** The replay through the simulator (renewal/replay.ts) at the recommended and today's capacity. */
  replay: z.object({
    recommended: z.object({ deniedRequests: count, deniedMinutes: figure }),
    now: z.object({ deniedRequests: count, deniedMinutes: figure }).nullable(),
  }),
  /** What the estimate lacks, in words (no price, not in the inventory). */
  notes: z.array(z.string()),
  curve: z.array(CurvePointSchema),
});

export const IdleCandidateSchema = z.object({
  username: z.string().min(1),
  license: z.string().min(1),
  allocationId: z.string().min(1),
  lastUse: instant,
  held: z.enum(['kept', 'online']),
});

export const RenewalSchema = z.object({
  period: z.object({ from: isoDate, to: isoDate, months: figure }),
  /** The plan assumed: with Floating mode (the surcharge is paid, licenses go back at close) or without. */
  floating: z.boolean(),
  /** Denied license-minutes a year the recommendation may cause. */
  tolerance: figure,
  idleDays: count,
  items: z.array(RenewalItemSchema),
  /** Per currency, over the items with a price and a known capacity. */
  totals: z.array(z.object({ currency, annualCostNow: money, annualCostRecommended: money })),
  idle: z.array(IdleCandidateSchema),
});

export type Renewal = z.infer<typeof RenewalSchema>;
export type RenewalItem = z.infer<typeof RenewalItemSchema>;
export type IdleRow = z.infer<typeof IdleCandidateSchema>;
