/**
 * The report's period: whole local days [from, to] in the report zone
 * (docs/DOMAIN.md §3), by default the first session's day to as-of's day. Nothing
 * after as-of is counted, so the period ends at as-of at the latest.
 */
import { localDateOf, startOfLocalDate } from '../usage/buckets.ts';
import { isCalendarDate } from '../time/calendar-date.ts';

export interface PeriodRequest {
  zone: string;
  /** YYYY-MM-DD, local; defaults to the first session's day. */
  from?: string | undefined;
  /** YYYY-MM-DD, local, inclusive; defaults to as-of's day. */
  to?: string | undefined;
  /** Epoch ms; defaults to the latest timestamp in the data. */
  asOf?: number | undefined;
}

export interface Period {
  from: string;
  to: string;
  /** Epoch ms: start of `from`, and the end of the counted range (end of `to`, or as-of if sooner). */
  startMs: number;
  endMs: number;
  asOf: number;
}

export class PeriodError extends Error {}

/**
 * The longest period a report covers: ten years of days. Its hours are buckets
 * made in JS, so a period reaching back to year 1 (a mistyped date, or a
 * hostile link) would take the page's memory; ten years of exports is more
 * than anyone has.
 */
export const MAX_PERIOD_DAYS = 3660;

/**
 * The latest as-of the engine can count to: its instants are microseconds in
 * a JS number (sql/literal.ts), exact from 1684-07-28 up to 2255-06-05. An as-of past it
 * (a mistyped --as-of, or a row dated 2300) is refused here, by name, instead
 * of failing deep in a query.
 */
export const MAX_AS_OF = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

const instant = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

export function resolvePeriod(request: PeriodRequest, extent: { firstUse: number; latest: number }): Period {
  for (const date of [request.from, request.to]) {
    if (date !== undefined && !isCalendarDate(date))
      throw new PeriodError(`${date} is not a date of the calendar (expected YYYY-MM-DD)`);
  }
  const asOf = request.asOf ?? extent.latest;
  if (!(Math.abs(asOf) <= MAX_AS_OF)) {
    const range = `${instant(-MAX_AS_OF).slice(0, 10)} to ${instant(MAX_AS_OF).slice(0, 10)}`;
    const whose = request.asOf === undefined ? ' (the latest time in the files)' : '';
    throw new PeriodError(`as-of ${instant(asOf)}${whose} lies outside ${range}, the times vaultlens can count`);
  }
  const from = request.from ?? localDateOf(request.zone, extent.firstUse);
  const to = request.to ?? localDateOf(request.zone, asOf);
  if (to < from) throw new PeriodError(`the period ends (${to}) before it starts (${from})`);
  const last = localDateOf(request.zone, asOf) < to ? localDateOf(request.zone, asOf) : to;
  if (dayNumber(last) - dayNumber(from) + 1 > MAX_PERIOD_DAYS) {
    throw new PeriodError(
      `the period from ${from} to ${last} is longer than ten years (${MAX_PERIOD_DAYS} days): choose a later start`,
    );
  }
  const { startMs, endMs } = periodBounds(request.zone, from, to, asOf);
  if (endMs <= startMs)
    throw new PeriodError(`as-of (${new Date(asOf).toISOString()}) is not after the period's start (${from})`);
  return { from, to: localDateOf(request.zone, endMs - 1), startMs, endMs, asOf };
}

/** The instants of local days [from, to] in `zone`, the end cut at as-of. */
export function periodBounds(zone: string, from: string, to: string, asOf: number): { startMs: number; endMs: number } {
  const dayAfter = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { startMs: startOfLocalDate(zone, from), endMs: Math.min(startOfLocalDate(zone, dayAfter), asOf) };
}
