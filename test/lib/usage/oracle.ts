/**
 * A reference implementation of docs/DOMAIN.md §3 in plain TypeScript, written to
 * be obviously right rather than fast: it steps minute by minute (test data
 * sits on whole minutes, so L is constant within each minute) and takes local
 * dates and hours straight from Intl, sharing no code with src/lib/usage.
 */

export interface OracleSession {
  item: string;
  alloc: string;
  user: string;
  from: number;
  to: number | null;
}

export interface OracleInput {
  sessions: OracleSession[];
  zone: string;
  asOf: number;
  holdMinutes: number;
  /** Inclusive local dates. */
  from: string;
  to: string;
}

const MINUTE = 60_000;

export interface OracleBucket {
  key: string;
  peak: number;
  average: number;
  distinctUsers: number;
  sessions: number;
}

export interface OracleResult {
  /** Per item and '*': per local day. */
  daily: Map<string, OracleBucket[]>;
  /** Per item and '*': per local hour (key like 2026-10-25T02:00+01:00). */
  hourly: Map<string, OracleBucket[]>;
  peak: Map<string, { value: number; at: number; minutes: number }>;
  minutesAtLevel: Map<string, Map<number, number>>;
  inUseNow: Map<string, number>;
}

function localParts(zone: string) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  return (ms: number) => {
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName!.replace('GMT', '');
    return { date: `${p.year}-${p.month}-${p.day}`, hourKey: `${p.year}-${p.month}-${p.day}T${p.hour}:00${offset}` };
  };
}

/** The instant held until (exclusive): open sessions until as-of, the hold delay added, never past as-of. */
function heldUntil(s: OracleSession, input: OracleInput): number {
  return s.to === null ? input.asOf : Math.min(s.to + input.holdMinutes * MINUTE, input.asOf);
}

function levelAt(sessions: OracleSession[], input: OracleInput, t: number): number {
  const allocs = new Set<string>();
  for (const s of sessions) if (s.from <= t && t < heldUntil(s, input)) allocs.add(`${s.item}\u0000${s.alloc}`);
  return allocs.size;
}

/** Session covers [from, to or as-of); zero-length ones count at their instant. */
function overlaps(s: OracleSession, input: OracleInput, start: number, end: number): boolean {
  const to = Math.min(s.to ?? input.asOf, input.asOf);
  if (s.from >= end) return false;
  return to > start || s.from >= start;
}

export function oracle(input: OracleInput): OracleResult {
  const parts = localParts(input.zone);
  const items = [...new Set(input.sessions.map((s) => s.item))].sort();
  // The minutes of the period: local dates from..to, up to as-of.
  let t = Date.parse(`${input.from}T00:00:00Z`) - 2 * 86_400_000;
  while (parts(t).date < input.from) t += MINUTE;
  const minutes: number[] = [];
  for (; t < input.asOf && parts(t).date <= input.to; t += MINUTE) minutes.push(t);
  const start = minutes[0]!;
  const end = minutes.at(-1)! + MINUTE;

  const daily = new Map<string, OracleBucket[]>();
  const hourly = new Map<string, OracleBucket[]>();
  const peak = new Map<string, { value: number; at: number; minutes: number }>();
  const minutesAtLevel = new Map<string, Map<number, number>>();
  const inUseNow = new Map<string, number>();

  for (const item of [...items, '*']) {
    const mine = item === '*' ? input.sessions : input.sessions.filter((s) => s.item === item);
    const level = minutes.map((m) => levelAt(mine, input, m));
    const group = (keyOf: (m: number) => string) => {
      const out: OracleBucket[] = [];
      let i = 0;
      while (i < minutes.length) {
        const key = keyOf(minutes[i]!);
        let j = i;
        let sum = 0;
        let max = 0;
        while (j < minutes.length && keyOf(minutes[j]!) === key) {
          sum += level[j]!;
          max = Math.max(max, level[j]!);
          j++;
        }
        const bStart = minutes[i]!;
        const bEnd = minutes[j - 1]! + MINUTE;
        const inBucket = mine.filter((s) => overlaps(s, input, Math.max(bStart, start), Math.min(bEnd, end)));
        out.push({
          key,
          peak: max,
          average: sum / (j - i),
          distinctUsers: new Set(inBucket.map((s) => s.user)).size,
          sessions: inBucket.length,
        });
        i = j;
      }
      return out;
    };
    daily.set(
      item,
      group((m) => parts(m).date),
    );
    hourly.set(
      item,
      group((m) => parts(m).hourKey),
    );
    const max = Math.max(...level);
    peak.set(item, { value: max, at: minutes[level.indexOf(max)]!, minutes: level.filter((l) => l === max).length });
    const counts = new Map<number, number>();
    for (const l of level) counts.set(l, (counts.get(l) ?? 0) + 1);
    minutesAtLevel.set(item, counts);
    const open = mine.filter((s) => s.from <= input.asOf && (s.to === null || s.to > input.asOf));
    inUseNow.set(item, new Set(open.map((s) => `${s.item}\u0000${s.alloc}`)).size);
  }
  return { daily, hourly, peak, minutesAtLevel, inUseNow };
}
