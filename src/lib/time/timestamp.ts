/**
 * ISO 8601 timestamps as the vault and spreadsheets write them: `T` or a space,
 * optional seconds and fraction, `Z`, an offset, ` UTC`, or nothing. Without an
 * offset the wall time is read in a chosen source zone, and the caller is told
 * (`naive`), because the file alone cannot say which zone was meant.
 */
import { localToUtc } from './zone.ts';

export interface Instant {
  /** Epoch milliseconds, with microseconds as the fraction. */
  ms: number;
  /** True when the text had no offset and was read in the source zone. */
  naive: boolean;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(?:([Zz]|UTC)|([+-])(\d{2})(?::?(\d{2}))?))?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DIGIT_0 = 48;

/** Two or four ASCII digits at `at`, or -1. */
function digits(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The vault's own form, `YYYY-MM-DDTHH:MM:SSZ` or with `.mmm` before the Z,
 * read without a regular expression: nearly every timestamp of a large
 * export. Returns undefined for anything else, which the general parser reads.
 */
function parseVaultUtc(text: string): Instant | string | undefined {
  const len = text.length;
  if (len !== 20 && len !== 24) return undefined;
  if (text.charCodeAt(len - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') return undefined;
  if (len === 24 && text[19] !== '.') return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millis = len === 24 ? digits(text, 20, 3) : 0;
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) return undefined;
  if (month < 1 || month > 12) return 'has no such month';
  const monthDays = month === 2 && !isLeap(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > monthDays) return 'has no such day';
  if (hour > 23 || minute > 59 || second > 59) return 'has no such time of day';
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second, millis), naive: false };
}

/** Parses `text`, or returns why it is not a timestamp we can read. */
export function parseTimestamp(text: string, sourceZone: string): Instant | string {
  const fast = parseVaultUtc(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text);
  if (!m) return 'is not an ISO 8601 date and time';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12) return 'has no such month';
  const monthDays = month === 2 && !isLeap(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > monthDays) return 'has no such day';
  if (hour > 23 || minute > 59 || second > 59) return 'has no such time of day';
  // Microsecond precision, the finest TIMESTAMP holds; digits past it are dropped.
  const micros = m[7] === undefined ? 0 : Number(m[7].slice(0, 6).padEnd(6, '0'));
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  const local = wall.getTime();
  if (m[8] !== undefined) return { ms: local + micros / 1000, naive: false };
  if (m[9] !== undefined) {
    const offHours = Number(m[10]);
    const offMinutes = m[11] === undefined ? 0 : Number(m[11]);
    if (offHours > 18 || offMinutes > 59) return 'has an impossible UTC offset';
    const offset = (m[9] === '-' ? -1 : 1) * (offHours * 60 + offMinutes) * 60_000;
    return { ms: local - offset + micros / 1000, naive: false };
  }
  return { ms: localToUtc(sourceZone, local) + micros / 1000, naive: true };
}
