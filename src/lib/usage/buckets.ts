/**
 * Calendar buckets in an IANA zone, computed in TypeScript (no ICU in SQL):
 * minutes, hours, 2-hour intervals (local even hours, as a license portal's
 * usage table), days, ISO weeks and months. A day runs from local midnight
 * to local midnight, so it lasts 23 or 25 hours around DST changes, and the
 * hour repeated in autumn is two buckets (their keys differ by offset).
 */
import { localToUtc, offsetAt, zoneTransitions } from '../time/zone.ts';

export type Resolution = 'minute' | 'hour' | '2-hour' | 'day' | 'week' | 'month';

export interface Bucket {
  /** UTC ms, inclusive. */
  start: number;
  /** UTC ms, exclusive. */
  end: number;
  /** Local label: 2026-03-29 (day, week's Monday), 2026-03 (month), 2026-03-29T02:00+02:00 (hour, minute). */
  key: string;
  /** Local hour of day 0–23 and ISO weekday 1 (Monday) – 7 at the bucket's start. */
  hour: number;
  weekday: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A local wall time (as UTC-coded ms) to YYYY-MM-DD. */
export function localDateKey(wall: number): string {
  const d = new Date(wall);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The local calendar date of an instant, YYYY-MM-DD. */
export function localDateOf(zone: string, utcMs: number): string {
  return localDateKey(utcMs + offsetAt(zone, utcMs));
}

/** Wall-clock ms of local midnight starting `date` (YYYY-MM-DD). */
export function wallMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

/** The first instant of local date `date` in `zone`. */
export function startOfLocalDate(zone: string, date: string): number {
  return localToUtc(zone, wallMidnight(date));
}

function offsetLabel(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offset / MINUTE));
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** ISO local time with offset, e.g. 2026-10-25T02:00+01:00 (seconds and ms only when not zero). */
export function localIso(zone: string, utcMs: number): string {
  const offset = offsetAt(zone, utcMs);
  const d = new Date(utcMs + offset);
  let time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const s = d.getUTCSeconds();
  const ms = utcMs - Math.floor(utcMs / 1000) * 1000;
  if (s !== 0 || ms !== 0) time += `:${pad(s)}`;
  if (ms !== 0)
    time += `.${String(Math.round(ms * 1000))
      .padStart(6, '0')
      .replace(/0+$/, '')}`;
  return `${localDateKey(utcMs + offset)}T${time}${offsetLabel(offset)}`;
}

function bucket(zone: string, start: number, end: number, key: string): Bucket {
  const wall = start + offsetAt(zone, start);
  const d = new Date(wall);
  return { start, end, key, hour: d.getUTCHours(), weekday: ((d.getUTCDay() + 6) % 7) + 1 };
}

/** Steps a local date by whole days, weeks' Mondays, or months. */
function nextDate(date: string, resolution: 'day' | 'week' | 'month'): string {
  const d = new Date(wallMidnight(date));
  if (resolution === 'month') d.setUTCMonth(d.getUTCMonth() + 1, 1);
  else d.setUTCDate(d.getUTCDate() + (resolution === 'week' ? 7 : 1));
  return localDateKey(d.getTime());
}

function firstDate(date: string, resolution: 'day' | 'week' | 'month'): string {
  const d = new Date(wallMidnight(date));
  if (resolution === 'month') d.setUTCDate(1);
  if (resolution === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return localDateKey(d.getTime());
}

/** Calendar buckets (day, week, month) covering [fromMs, toMs). */
function calendarBuckets(zone: string, resolution: 'day' | 'week' | 'month', fromMs: number, toMs: number): Bucket[] {
  const out: Bucket[] = [];
  let date = firstDate(localDateOf(zone, fromMs), resolution);
  let start = startOfLocalDate(zone, date);
  while (start < toMs) {
    const next = nextDate(date, resolution);
    const end = startOfLocalDate(zone, next);
    out.push(bucket(zone, start, end, resolution === 'month' ? date.slice(0, 7) : date));
    date = next;
    start = end;
  }
  return out;
}

/**
 * Clock buckets (minute, hour, 2 hours) covering [fromMs, toMs): instants
 * where the local clock shows a whole `step` (2 hours: an even hour), plus
 * every offset change, since the clock jumps there. So on a spring DST day in
 * Europe/Berlin 00:00–02:00 is followed by a 1-hour 03:00–04:00, and in
 * autumn 02:00–03:00 (summer time) by 02:00–04:00 (winter time).
 */
function clockBuckets(zone: string, step: number, fromMs: number, toMs: number): Bucket[] {
  const spans = zoneTransitions(zone, fromMs - DAY, toMs + DAY);
  const bounds: number[] = [];
  spans.forEach((span, i) => {
    const spanEnd = spans[i + 1]?.from ?? toMs + DAY;
    if (i > 0) bounds.push(span.from);
    const first = Math.ceil((span.from + span.offset) / step) * step - span.offset;
    for (let t = first; t < spanEnd; t += step) if (t !== span.from) bounds.push(t);
  });
  bounds.sort((a, b) => a - b);
  const out: Bucket[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    if (end <= fromMs || start >= toMs || end === start) continue;
    out.push(bucket(zone, start, end, localIso(zone, start)));
  }
  return out;
}

/** Buckets of `resolution` in `zone` that overlap [fromMs, toMs), whole (not clipped). */
export function bucketsOf(zone: string, resolution: Resolution, fromMs: number, toMs: number): Bucket[] {
  if (toMs <= fromMs) return [];
  switch (resolution) {
    case 'minute':
      return clockBuckets(zone, MINUTE, fromMs, toMs);
    case 'hour':
      return clockBuckets(zone, HOUR, fromMs, toMs);
    case '2-hour':
      return clockBuckets(zone, 2 * HOUR, fromMs, toMs);
    default:
      return calendarBuckets(zone, resolution, fromMs, toMs);
  }
}
