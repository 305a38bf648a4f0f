/**
 * Time-zone offsets from `Intl`, without DuckDB's ICU extension (which crashes
 * DuckDB-WASM 1.32). A zone's offset changes are found once per year by a scan
 * and a bisection, then every lookup is a binary search.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One stretch of constant offset: from `from` (UTC ms, inclusive) on, local = UTC + offset. */
export interface OffsetSpan {
  from: number;
  offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The IANA zones this runtime knows, UTC first: what a zone picker offers. */
export function zoneNames(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...all.filter((z) => z !== 'UTC')];
}

/**
 * The zone as this runtime's zone list names it (`utc` → UTC, and an alias
 * such as Asia/Kolkata → Asia/Calcutta where the list uses the older name),
 * or null when it is not one of the list's zones (`+05:30`, an unknown name).
 */
export function canonicalZone(zone: string): string | null {
  let resolved: string;
  try {
    resolved = formatter(zone).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  listed ??= new Set(zoneNames());
  return listed.has(resolved) ? resolved : null;
}

let listed: Set<string> | undefined;

/** True when `zone` is an IANA zone this runtime knows. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset at `utcMs`, straight from Intl (slow; cached by callers). */
function intlOffset(zone: string, utcMs: number): number {
  const parts = formatter(zone).formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  const wall = new Date(0);
  wall.setUTCFullYear(year, get('month') - 1, get('day'));
  wall.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  const seconds = Math.floor(utcMs / 1000) * 1000;
  return wall.getTime() - seconds;
}

const yearSpans = new Map<string, OffsetSpan[]>();

/** Offset spans covering UTC year `year` (computed once per zone and year). */
function spansOfYear(zone: string, year: number): OffsetSpan[] {
  const key = `${zone}|${year}`;
  let spans = yearSpans.get(key);
  if (spans) return spans;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  spans = [{ from: start, offset: intlOffset(zone, start) }];
  // Daily steps: no zone changes its offset twice within a day.
  for (let t = start; t < end; t += DAY) {
    const next = Math.min(t + DAY, end);
    const before = spans[spans.length - 1]!.offset;
    const after = intlOffset(zone, next);
    if (after === before) continue;
    let lo = t;
    let hi = next; // offset(lo) === before, offset(hi) === after
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (mid <= lo) break;
      if (intlOffset(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    spans.push({ from: hi, offset: after });
  }
  yearSpans.set(key, spans);
  return spans;
}

/** Offset of `zone` from UTC at instant `utcMs`, in ms (local wall time = UTC + offset). */
export function offsetAt(zone: string, utcMs: number): number {
  if (zone === 'UTC') return 0;
  const spans = spansOfYear(zone, new Date(utcMs).getUTCFullYear());
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.from <= utcMs) lo = mid;
    else hi = mid - 1;
  }
  return spans[lo]!.offset;
}

/**
 * The offset changes of `zone` in `[fromMs, toMs)`: the first span starts at
 * `fromMs`. This is the small table that SQL joins for local-time buckets.
 */
export function zoneTransitions(zone: string, fromMs: number, toMs: number): OffsetSpan[] {
  const out: OffsetSpan[] = [{ from: fromMs, offset: offsetAt(zone, fromMs) }];
  if (zone === 'UTC') return out;
  const first = new Date(fromMs).getUTCFullYear();
  const last = new Date(toMs).getUTCFullYear();
  for (let y = first; y <= last; y++) {
    for (const span of spansOfYear(zone, y)) {
      if (span.from <= fromMs || span.from >= toMs) continue;
      if (span.offset !== out[out.length - 1]!.offset) out.push(span);
    }
  }
  return out;
}

/**
 * The instant whose wall time in `zone` is `localMs` (a wall time written as if
 * it were UTC). An ambiguous wall time (the repeated autumn hour) gives the
 * earlier instant; a wall time in the spring gap is moved forward by the gap,
 * as Temporal's "compatible" disambiguation does.
 */
export function localToUtc(zone: string, localMs: number): number {
  if (zone === 'UTC') return localMs;
  const before = offsetAt(zone, localMs - DAY);
  const after = offsetAt(zone, localMs + DAY);
  const candidates = [localMs - before, localMs - after].filter((t) => offsetAt(zone, t) === localMs - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return localMs - before;
}
