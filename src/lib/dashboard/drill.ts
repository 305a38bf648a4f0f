/**
 * The allocation chart's levels: the period's days, the last 24 hours, the
 * last 12 months, then a day's hours and an hour's minutes (drill-down). The
 * range and resolution of each level live here, once, for the page, the view
 * link and the snapshot.
 */
import type { Resolution } from '../usage/buckets.ts';
import { isCalendarDate } from '../time/calendar-date.ts';
import { localDateOf, startOfLocalDate } from '../usage/buckets.ts';

export type DrillLevel =
  | { kind: 'period' }
  | { kind: 'last24' }
  | { kind: 'months' }
  | { kind: 'day'; date: string }
  /** `key` is the hour bucket's local label, e.g. 2026-03-29T03:00+02:00; `start` its UTC ms. */
  | { kind: 'hour'; date: string; start: number; key: string };

const HOUR = 3_600_000;

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface DrillRange {
  resolution: Resolution;
  fromMs: number;
  toMs: number;
  /** A bar's label from its bucket key. */
  label: (key: string) => string;
}

/** What a level below the period asks of the usage engine. */
export function drillRange(level: Exclude<DrillLevel, { kind: 'period' }>, zone: string, asOf: number): DrillRange {
  switch (level.kind) {
    case 'day':
      return {
        resolution: 'hour',
        fromMs: startOfLocalDate(zone, level.date),
        toMs: startOfLocalDate(zone, nextDate(level.date)),
        label: (k) => k.slice(11),
      };
    case 'hour':
      return { resolution: 'minute', fromMs: level.start, toMs: level.start + HOUR, label: (k) => k.slice(11, 16) };
    case 'last24':
      return {
        resolution: 'hour',
        fromMs: asOf - 24 * HOUR,
        toMs: asOf,
        label: (k) => k.slice(5, 16).replace('T', ' '),
      };
    case 'months': {
      const [y, m] = localDateOf(zone, asOf).slice(0, 7).split('-').map(Number) as [number, number];
      const start = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
      return { resolution: 'month', fromMs: startOfLocalDate(zone, start), toMs: asOf, label: (k) => k };
    }
  }
}

export function drillTitle(level: DrillLevel): string {
  switch (level.kind) {
    case 'period':
      return 'Licenses in use per day';
    case 'day':
      return `Licenses in use per hour on ${level.date}`;
    case 'hour':
      return `Licenses in use per minute, ${level.key.replace('T', ' ')}`;
    case 'last24':
      return 'Licenses in use per hour, last 24 hours';
    case 'months':
      return 'Licenses in use per month, last 12 months';
  }
}

/** The level as link text: period, last24, months, day:2026-05-04, hour:2026-05-04T13:00+02:00. */
export function formatDrill(level: DrillLevel): string {
  if (level.kind === 'day') return `day:${level.date}`;
  if (level.kind === 'hour') return `hour:${level.key}`;
  return level.kind;
}

/** Reads link text back, or null when it is not a level. */
export function parseDrill(text: string): DrillLevel | null {
  if (text === 'period' || text === 'last24' || text === 'months') return { kind: text };
  const day = /^day:(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (day && isCalendarDate(day[1]!)) return { kind: 'day', date: day[1]! };
  // Hour buckets start at :00 local time, except on DST days of zones that shift by 30 minutes (Lord Howe, Chatham).
  const hour =
    /^hour:((\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))$/.exec(text);
  if (hour && isCalendarDate(hour[2]!)) {
    const start = Date.parse(hour[1]!);
    if (!Number.isNaN(start)) return { kind: 'hour', date: hour[2]!, start, key: hour[1]! };
  }
  return null;
}
