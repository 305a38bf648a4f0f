/**
 * The kept sweep of L(t) (docs/DOMAIN.md §3) as a scan over typed arrays: the
 * steps of createSegmentsSql (sql/usage.ts: hold delay and clipping as
 * heldSessionsSql, an allocation's sessions merged, a running sum of starts
 * and ends per item and for the total) without the two sorts the SQL needs
 * (one of a million sessions by allocation, one of some four million events
 * by item): here sessions in order of start (as keptSessionColumnsSql gives
 * them) are merged in one pass, their starts left in order
 * (others grouped by a counting sort on their allocation's number first),
 * the ends sorted once (a radix sort: time-sort.ts) for the total and grouped
 * by item after, each item's staying in order. Also the people's sessions per
 * quarter.
 *
 * Times are epoch µs as doubles: exact, every instant being an integer below
 * 2^53. test/lib/usage/kernel.test.ts holds the segments to the SQL's.
 */
import { QUARTER_US } from '../sql/usage-kept.ts';
import { sortTimesWith } from './time-sort.ts';

/** Per session, its allocation id's 64-bit hash as two 32-bit halves (keptSessionColumnsSql, 'hash'). */
export interface AllocationHashes {
  hi: Int32Array;
  lo: Int32Array;
}

/** The sessions as keptSessionColumnsSql reads them: item id, allocation number, f, t (infinite: open). */
export interface SessionColumns {
  item: Int32Array;
  /** Allocation number, 1 … n per (item, allocation); empty while `allocHash` stands in for it (allocation-numbers.ts). */
  alloc: Int32Array;
  /** The allocation ids' hashes, until the first sweep numbers them (then dropped). */
  allocHash?: AllocationHashes;
  f: Float64Array;
  t: Float64Array;
}

/**
 * The sessions as they hold licenses over [rs, re) (heldSessionsSql's rule):
 * the hold delay added to closed ones, open ones until as-of, clipped to the
 * range; those holding nothing inside it left out.
 */
export function heldSessions(
  s: SessionColumns,
  { rs, re, asOf, hold }: { rs: number; re: number; asOf: number; hold: number },
): HeldSessions {
  const n = s.f.length;
  const out = { item: new Int32Array(n), alloc: new Int32Array(n), f: new Float64Array(n), t: new Float64Array(n) };
  let m = 0;
  for (let i = 0; i < n; i++) {
    const f = Math.max(s.f[i]!, rs);
    const t = Math.min(s.t[i]! + hold, asOf, re);
    if (!(f < t)) continue;
    out.item[m] = s.item[i]!;
    out.alloc[m] = s.alloc[i]!;
    out.f[m] = f;
    out.t[m++] = t;
  }
  return {
    item: out.item.subarray(0, m),
    alloc: out.alloc.subarray(0, m),
    f: out.f.subarray(0, m),
    t: out.t.subarray(0, m),
  };
}

/** The sessions to sweep, one entry per session (held already: hold delay added, clipped to the range). */
export interface HeldSessions {
  /** License item id (0 is TOTAL and never a session's; -1 counts in the total only). */
  item: Int32Array;
  /** Allocation number, 1 … n, one per (item, allocation). */
  alloc: Int32Array;
  f: Float64Array;
  t: Float64Array;
}

/**
 * L(t) per item id as its change points: item k's segments are
 * [at[i], at[i + 1]) at level[i], for i from first[k] to first[k + 1] − 1, the
 * last of them ending at `re`. Item ids run from 0 (TOTAL) to first.length − 2.
 */
export interface Segments {
  first: Int32Array;
  at: Float64Array;
  level: Int32Array;
  re: number;
}

/** Per item id and quarter hour where L > 0: its peak and integral (µs × licenses), in order of id and time. */
export interface Quarters {
  id: Int32Array;
  startUs: Float64Array;
  peak: Int32Array;
  integral: Float64Array;
}

/** The end of segment i of an item whose segments end before `last` (exclusive). */
function endOf(s: Segments, i: number, last: number): number {
  return i + 1 < last ? s.at[i + 1]! : s.re;
}

/** The largest of the values, 0 if none is larger (an indexed loop: a for-of allocates per value until optimised). */
function largest(values: Int32Array): number {
  let top = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > top) top = values[i]!;
  return top;
}

/**
 * Session indices grouped by allocation (counting sort on its number), each
 * allocation's in order of start.
 */
function byAllocation(sessions: HeldSessions): Uint32Array {
  const { alloc, f } = sessions;
  const top = largest(alloc);
  const start = new Uint32Array(top + 2);
  for (const a of alloc) start[a + 1]!++;
  for (let a = 1; a < start.length; a++) start[a]! += start[a - 1]!;
  const order = new Uint32Array(alloc.length);
  const next = start.slice();
  for (let i = 0; i < alloc.length; i++) order[next[alloc[i]!]!++] = i;
  for (let a = 0; a <= top; a++) sortRun(order, start[a]!, start[a + 1]!, f);
  return order;
}

/** Sorts order[lo, hi) by f: insertion for the short runs allocations have, the engine's sort beyond. */
function sortRun(order: Uint32Array, lo: number, hi: number, f: Float64Array): void {
  if (hi - lo > 32) {
    order.subarray(lo, hi).sort((x, y) => f[x]! - f[y]!);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = order[i]!;
    let j = i - 1;
    while (j >= lo && f[order[j]!]! > f[v]!) order[j + 1] = order[j--]!;
    order[j + 1] = v;
  }
}

/**
 * Intervals as starts and ends grouped by item id: item k's are [first[k],
 * first[k + 1]), each group sorted; and every item's starts and ends in order
 * (the total's, without merging the items').
 */
interface Held {
  first: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
  allStarts: Float64Array;
  allEnds: Float64Array;
}

/**
 * The held intervals: an allocation's sessions that overlap or touch merged
 * into one (a user on two machines holds one license), as their starts and
 * ends grouped by item id (group 0: those counting in the total only).
 * Sessions that come in order of start (the usage copy is time-ordered, so
 * nearly all of them do) are merged in one pass, their starts left in order;
 * others are grouped by allocation first.
 */
function heldIntervals(sessions: HeldSessions, items: number): Held {
  // In order already (the kept sessions are read so): no order to make.
  if (ascending(sessions.f)) return mergeInTimeOrder(sessions, null, items);
  const order = timeOrder(sessions.f);
  return order ? mergeInTimeOrder(sessions, order, items) : mergeByAllocation(sessions, items);
}

/** Whether the values never decrease. */
function ascending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return false;
  return true;
}

/**
 * Session indices in order of start, when they are nearly so already: an
 * insertion sort that gives up (null) after as many moves as there are sessions.
 */
export function timeOrder(f: Float64Array): Uint32Array | null {
  const order = new Uint32Array(f.length);
  let budget = f.length;
  for (let i = 0; i < f.length; i++) {
    let j = i - 1;
    while (j >= 0 && f[order[j]!]! > f[i]!) {
      if (--budget < 0) return null;
      order[j + 1] = order[j--]!;
    }
    order[j + 1] = i;
  }
  return order;
}

/**
 * The held intervals from sessions taken in order of start (`order` their
 * indices so, null when they come so): each allocation's
 * last interval grows by a session that overlaps or touches it, else the
 * session opens the next one. The intervals are made in order of start, which
 * the grouping by item keeps: only their ends are sorted.
 */
function mergeInTimeOrder(sessions: HeldSessions, order: Uint32Array | null, items: number): Held {
  const { item, alloc, f, t } = sessions;
  const top = largest(alloc);
  const last = new Int32Array(top + 1).fill(-1);
  const n = f.length;
  const [s, e, k] = [new Float64Array(n), new Float64Array(n), new Int32Array(n)];
  let m = 0;
  for (let at = 0; at < n; at++) {
    const i = order ? order[at]! : at;
    const j = last[alloc[i]!]!;
    if (j >= 0 && f[i]! <= e[j]!) {
      if (t[i]! > e[j]!) e[j] = t[i]!;
      continue;
    }
    last[alloc[i]!] = m;
    s[m] = f[i]!;
    e[m] = t[i]!;
    k[m++] = Math.max(item[i]!, 0);
  }
  return groupByItem(s, e, k, m, items, true);
}

/** The held intervals from sessions in any order: grouped by allocation, each allocation's in order of start. */
function mergeByAllocation(sessions: HeldSessions, items: number): Held {
  const { item, alloc, f, t } = sessions;
  const order = byAllocation(sessions);
  const [s, e, k] = [new Float64Array(order.length), new Float64Array(order.length), new Int32Array(order.length)];
  let m = -1;
  for (let n = 0; n < order.length; n++) {
    const i = order[n]!;
    if (m >= 0 && alloc[i] === alloc[order[n - 1]!] && f[i]! <= e[m]!) {
      if (t[i]! > e[m]!) e[m] = t[i]!;
      continue;
    }
    m++;
    s[m] = f[i]!;
    e[m] = t[i]!;
    k[m] = Math.max(item[i]!, 0);
  }
  return groupByItem(s, e, k, m + 1, items, false);
}

/**
 * The first m intervals grouped by item id: their starts and ends sorted
 * (radix sort, the item ids moved along; starts given in order stay so), then
 * grouped by id (counting sort), which keeps each group in order.
 */
function groupByItem(
  s: Float64Array,
  e: Float64Array,
  k: Int32Array,
  m: number,
  items: number,
  inOrder: boolean,
): Held {
  const [allStarts, startItems] = [s.subarray(0, m), k.subarray(0, m)];
  const [allEnds, endItems] = [e.subarray(0, m), k.slice(0, m)];
  if (!inOrder) sortTimesWith(allStarts, startItems);
  sortTimesWith(allEnds, endItems);
  const first = new Int32Array(items + 1);
  for (let i = 0; i < m; i++) first[k[i]! + 1]!++;
  for (let id = 1; id <= items; id++) first[id]! += first[id - 1]!;
  return {
    first,
    starts: groupBy(allStarts, startItems, first),
    ends: groupBy(allEnds, endItems, first),
    allStarts,
    allEnds,
  };
}

/** Values grouped by their item id (group k from first[k]), each group in their order. */
function groupBy(values: Float64Array, ids: Int32Array, first: Int32Array): Float64Array {
  const next = first.slice();
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[next[ids[i]!]!++] = values[i]!;
  return out;
}

/** Segments as they are made: capacity for every instant of every item, and how many so far. */
interface Out {
  at: Float64Array;
  level: Int32Array;
  n: number;
}

/**
 * L over [rs, re) from sorted starts (+1) and ends (−1) in [lo, hi): a
 * segment from every distinct instant (and rs) to the next, the last to re,
 * as createSegmentsSql makes them. One event at a time, the two runs merged:
 * the level at an instant is written when the next instant comes.
 */
function levelsOf(
  { starts, ends }: { starts: Float64Array; ends: Float64Array },
  lo: number,
  hi: number,
  rs: number,
  re: number,
  out: Out,
): void {
  const { at, level } = out;
  let [i, j, l, x, n] = [lo, lo, 0, rs, out.n];
  for (;;) {
    const a = i < hi ? starts[i]! : Infinity;
    const b = j < hi ? ends[j]! : Infinity;
    const v = a <= b ? a : b;
    if (v !== x) {
      if (v === Infinity) break;
      at[n] = x;
      level[n++] = l;
      x = v;
    }
    if (a <= b) {
      i++;
      l++;
    } else {
      j++;
      l--;
    }
  }
  if (x < re) {
    at[n] = x;
    level[n++] = l;
  }
  out.n = n;
}

/** The segments of L over [rs, re) for item ids 0 … items − 1 (0: the total) from the held sessions. */
export function sweepSegments(sessions: HeldSessions, items: number, rs: number, re: number): Segments {
  const held = heldIntervals(sessions, items);
  const m = held.starts.length;
  const total = { starts: held.allStarts, ends: held.allEnds };
  // At most one segment per instant, and one from rs, per item.
  const size = 4 * m + items;
  const out = { at: new Float64Array(size), level: new Int32Array(size), n: 0 };
  const first = new Int32Array(items + 1);
  levelsOf(total, 0, m, rs, re, out);
  for (let k = 1; k < items; k++) {
    first[k] = out.n;
    levelsOf(held, held.first[k]!, held.first[k + 1]!, rs, re, out);
  }
  first[items] = out.n;
  // Views, not copies, when little room is left unused (some 8 % of it, 3 MB, at a million sessions; a copy of
  // the rest, 40 MB there, cost ~30 ms on a first sweep). Copies when much is (many instants shared): the kept
  // sweep holds its arrays as long as it lives.
  const cut = out.n >= 0.75 * size ? 'subarray' : 'slice';
  return { first, at: out.at[cut](0, out.n), level: out.level[cut](0, out.n), re };
}

/** The quarter hour holding instant x (µs), exactly. */
function quarterOf(x: number): number {
  const q = Math.floor(x / QUARTER_US);
  return q * QUARTER_US > x ? q - 1 : (q + 1) * QUARTER_US <= x ? q + 1 : q;
}

/**
 * Quarter rows as they are made, in typed arrays that double when full:
 * arrays of plain numbers cost a fifth of the quarters' time (each double
 * boxed until the loop is optimised, and a copy into typed arrays at the end).
 */
class QuarterRows {
  n = 0;
  id: Int32Array;
  startUs: Float64Array;
  peak: Int32Array;
  integral: Float64Array;

  constructor(capacity: number) {
    this.id = new Int32Array(capacity);
    this.startUs = new Float64Array(capacity);
    this.peak = new Int32Array(capacity);
    this.integral = new Float64Array(capacity);
  }

  add(k: number, startUs: number, peak: number, integral: number): void {
    if (this.n === this.id.length) this.#grow();
    this.id[this.n] = k;
    this.startUs[this.n] = startUs;
    this.peak[this.n] = peak;
    this.integral[this.n++] = integral;
  }

  /** The rows, in arrays of their own size. */
  quarters(): Quarters {
    const n = this.n;
    return {
      id: this.id.slice(0, n),
      startUs: this.startUs.slice(0, n),
      peak: this.peak.slice(0, n),
      integral: this.integral.slice(0, n),
    };
  }

  #grow(): void {
    const grown = <A extends Int32Array | Float64Array>(a: A, make: (size: number) => A): A => {
      const b = make(2 * a.length);
      b.set(a);
      return b;
    };
    this.id = grown(this.id, (size) => new Int32Array(size));
    this.startUs = grown(this.startUs, (size) => new Float64Array(size));
    this.peak = grown(this.peak, (size) => new Int32Array(size));
    this.integral = grown(this.integral, (size) => new Float64Array(size));
  }
}

/** Per item id and quarter hour where L > 0: peak and integral, from the segments cut at the quarters. */
export function sweepQuarters(s: Segments): Quarters {
  // Room for a row per eight segments (half as many as a million sessions make) before any doubling.
  const out = new QuarterRows(Math.max(1024, s.at.length >> 3));
  for (let k = 0; k + 1 < s.first.length; k++) {
    const last = s.first[k + 1]!;
    let q = -1;
    let peak = 0;
    let integral = 0;
    for (let i = s.first[k]!; i < last; i++) {
      const l = s.level[i]!;
      if (l <= 0) continue;
      const t = s.at[i]!;
      const e = endOf(s, i, last);
      for (let p = quarterOf(t); p * QUARTER_US < e; p++) {
        if (p !== q) {
          if (q >= 0) out.add(k, q * QUARTER_US, peak, integral);
          q = p;
          peak = 0;
          integral = 0;
        }
        if (l > peak) peak = l;
        integral += l * (Math.min(e, (p + 1) * QUARTER_US) - Math.max(t, p * QUARTER_US));
      }
    }
    if (q >= 0) out.add(k, q * QUARTER_US, peak, integral);
  }
  return out.quarters();
}

/** Per level of one item over [rs, re): the time at it (µs) and the first instant at it (µs). */
export interface LevelTime {
  level: number;
  us: number;
  firstUs: number;
}

/** The time at each level of item id k over [rs, re) and its first instant there, levels in order. */
export function levelTimes(s: Segments, k: number, rs: number, re: number): LevelTime[] {
  const last = s.first[k + 1]!;
  // The first segment ending after rs.
  let [lo, hi] = [s.first[k]!, last];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endOf(s, mid, last) > rs) hi = mid;
    else lo = mid + 1;
  }
  const byLevel: (LevelTime | undefined)[] = [];
  for (let i = lo; i < last && s.at[i]! < re; i++) {
    const t = Math.max(s.at[i]!, rs);
    const l = s.level[i]!;
    const row = (byLevel[l] ??= { level: l, us: 0, firstUs: t });
    row.us += Math.min(endOf(s, i, last), re) - t;
  }
  return byLevel.filter((r) => r !== undefined);
}

/** Per item id (0: the total) and quarter: sessions begun in or before it, and ended in or before it (cumulative). */
export interface SessionQuarters {
  id: Int32Array;
  q: Float64Array;
  starts: Float64Array;
  ends: Float64Array;
}

/**
 * Per item id and quarter hour where a session began or ended: the sessions
 * whose first instant is in or before it (starts) and whose last is (ends),
 * counted up to it. A session covers [f, t), open ones until as-of, as the
 * closed instants [f, p2] (p2 = f for a session of no length); the hold delay
 * does not apply (docs/DOMAIN.md §3).
 */
export function sessionQuarters(s: SessionColumns, items: number, asOf: number): SessionQuarters {
  const n = s.f.length;
  const [qf, qe] = [new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const f = s.f[i]!;
    qf[i] = quarterOf(f);
    qe[i] = quarterOf(Math.max(f, Math.min(s.t[i]!, asOf) - 1));
  }
  const out: Counted = { id: [], q: [], starts: [], ends: [] };
  if (n === 0) return pack(out);
  let [lo, hi] = [Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    if (qf[i]! < lo) lo = qf[i]!;
    if (qe[i]! > hi) hi = qe[i]!;
  }
  // Few items over the quarters spanned (the common case): every item counted in one pass over the sessions.
  if (items * (hi - lo + 1) <= 4 * n + 4096) return pack(countAllDense(s.item, qf, qe, items, lo, hi - lo + 1));
  // Many: the total's from every session, then each item's own, grouped by id (counting sort).
  countUp(out, 0, qf, qe);
  const first = new Int32Array(items + 1);
  for (const k of s.item) if (k > 0) first[k + 1]!++;
  for (let id = 1; id <= items; id++) first[id]! += first[id - 1]!;
  const next = first.slice();
  const [gf, ge] = [new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const k = s.item[i]!;
    if (k <= 0) continue;
    const at = next[k]!++;
    gf[at] = qf[i]!;
    ge[at] = qe[i]!;
  }
  for (let id = 1; id < items; id++) {
    const [lo, hi] = [first[id]!, first[id + 1]!];
    if (lo < hi) countUp(out, id, gf.subarray(lo, hi), ge.subarray(lo, hi));
  }
  return pack(out);
}

type Counted = { id: number[]; q: number[]; starts: number[]; ends: number[] };

/**
 * Per quarter where a session of item `id` began (`begun`: each one's first
 * quarter) or ended (`ended`): the counts up to it. Counted in an array over
 * the quarters spanned when they are few beside the sessions (the total, an
 * item of many sessions), else from the quarters sorted (an item of a few
 * sessions over a year: among tens of thousands of items).
 */
function countUp(out: Counted, id: number, begun: Float64Array, ended: Float64Array): void {
  if (begun.length === 0) return;
  let [lo, hi] = [Infinity, -Infinity];
  for (const q of begun) if (q < lo) lo = q;
  for (const q of ended) if (q > hi) hi = q;
  if (hi - lo < 8 * begun.length + 64) countDense(out, id, begun, ended, lo, hi);
  else countSorted(out, id, begun.slice().sort(), ended.slice().sort());
}

/** Every item's counts (and the total's, id 0) in arrays of `span` quarters from `lo`, one pass over the sessions. */
function countAllDense(item: Int32Array, qf: Float64Array, qe: Float64Array, items: number, lo: number, span: number) {
  const [b, e] = [new Int32Array(items * span), new Int32Array(items * span)];
  for (let i = 0; i < qf.length; i++) {
    const k = item[i]!;
    const f = qf[i]! - lo;
    const t = qe[i]! - lo;
    b[f]!++;
    e[t]!++;
    if (k > 0) {
      b[k * span + f]!++;
      e[k * span + t]!++;
    }
  }
  const out: Counted = { id: [], q: [], starts: [], ends: [] };
  for (let id = 0; id < items; id++)
    emitCounts(out, id, b.subarray(id * span, (id + 1) * span), e.subarray(id * span, (id + 1) * span), lo);
  return out;
}

function countDense(out: Counted, id: number, begun: Float64Array, ended: Float64Array, lo: number, hi: number) {
  const [b, e] = [new Int32Array(hi - lo + 1), new Int32Array(hi - lo + 1)];
  for (const q of begun) b[q - lo]!++;
  for (const q of ended) e[q - lo]!++;
  emitCounts(out, id, b, e, lo);
}

/** From sessions begun (b) and ended (e) per quarter from lo: the running counts at each quarter where one did. */
function emitCounts(out: Counted, id: number, b: Int32Array, e: Int32Array, lo: number): void {
  let [starts, ends] = [0, 0];
  for (let j = 0; j < b.length; j++) {
    if (b[j] === 0 && e[j] === 0) continue;
    starts += b[j]!;
    ends += e[j]!;
    out.id.push(id);
    out.q.push(lo + j);
    out.starts.push(starts);
    out.ends.push(ends);
  }
}

function countSorted(out: Counted, id: number, begun: Float64Array, ended: Float64Array): void {
  let [i, j] = [0, 0];
  while (i < begun.length || j < ended.length) {
    const q = Math.min(i < begun.length ? begun[i]! : Infinity, j < ended.length ? ended[j]! : Infinity);
    while (i < begun.length && begun[i] === q) i++;
    while (j < ended.length && ended[j] === q) j++;
    out.id.push(id);
    out.q.push(q);
    out.starts.push(i);
    out.ends.push(j);
  }
}

function pack(out: Counted): SessionQuarters {
  return {
    id: Int32Array.from(out.id),
    q: Float64Array.from(out.q),
    starts: Float64Array.from(out.starts),
    ends: Float64Array.from(out.ends),
  };
}

/** Per bucket of one item: its index, the peak of L and its integral (µs × licenses) over the bucket inside [rs, re). */
export interface BucketLevel {
  idx: number;
  peak: number;
  integral: number;
}

/**
 * The peak and integral of item id k over each bucket [starts[b], ends[b])
 * cut to [rs, re) (buckets in order, not overlapping), as bucketLevelsSql
 * reads them from a sweep of [rs, re) split at the buckets: only buckets a
 * segment reaches have a row.
 */
export function bucketLevels(
  s: Segments,
  k: number,
  { starts, ends }: { starts: readonly number[]; ends: readonly number[] },
  rs: number,
  re: number,
): BucketLevel[] {
  const out: BucketLevel[] = [];
  const last = s.first[k + 1]!;
  let i = s.first[k]!;
  for (let b = 0; b < starts.length; b++) {
    const [bs, be] = [Math.max(starts[b]!, rs), Math.min(ends[b]!, re)];
    if (!(bs < be)) continue;
    // Segments are in order and buckets too: skip those ending before this bucket.
    while (i < last && endOf(s, i, last) <= bs) i++;
    let row: BucketLevel | null = null;
    for (let j = i; j < last && s.at[j]! < be; j++) {
      const l = s.level[j]!;
      row ??= { idx: b, peak: l, integral: 0 };
      if (l > row.peak) row.peak = l;
      row.integral += l * (Math.min(endOf(s, j, last), be) - Math.max(s.at[j]!, bs));
    }
    if (row) out.push(row);
  }
  return out;
}

/**
 * L(t) of a set of items counted together (docs/DOMAIN.md §3: the sum of
 * their L at the same instant) from their kept segments, as the segments of
 * one item (id 0) ending at `s.re`: a segment from every instant where one of
 * them has one (as createSegmentsSql makes the total of `range.only`, levels
 * that do not change included), at the sum of their levels there. An item's
 * level is 0 before its first segment; ids repeated count once, ids the
 * segments do not have (items without sessions) count 0, and an empty set has
 * no segments. The items' runs are already in order: a k-way merge of them
 * (a heap of the runs by their next instant), no sort.
 */
export function setSegments(s: Segments, ids: readonly number[]): Segments {
  const runs = [...new Set(ids)].filter((k) => k >= 0 && k + 1 < s.first.length && s.first[k]! < s.first[k + 1]!);
  const pos = Int32Array.from(runs, (k) => s.first[k]!);
  const end = Int32Array.from(runs, (k) => s.first[k + 1]!);
  // Each run's level so far, for the change its next segment brings.
  const now = new Int32Array(runs.length);
  let size = 0;
  for (let r = 0; r < runs.length; r++) size += end[r]! - pos[r]!;
  const out: Out = { at: new Float64Array(size), level: new Int32Array(size), n: 0 };
  const heap = new RunHeap(runs.length, (r) => s.at[pos[r]!]!);
  let level = 0;
  while (heap.size > 0) {
    const x = heap.topKey();
    // Every run with a segment at x moves on: the set's level changes by each one's step.
    do {
      const r = heap.top();
      const l = s.level[pos[r]!]!;
      level += l - now[r]!;
      now[r] = l;
      if (++pos[r]! < end[r]!) heap.moved();
      else heap.pop();
    } while (heap.size > 0 && heap.topKey() === x);
    out.at[out.n] = x;
    out.level[out.n++] = level;
  }
  return { first: Int32Array.of(0, out.n), at: out.at.slice(0, out.n), level: out.level.slice(0, out.n), re: s.re };
}

/** Runs 0 … n − 1 in a binary heap by key (the instant of each one's next segment), least on top. */
class RunHeap {
  readonly #runs: Int32Array;
  readonly #key: (run: number) => number;
  size: number;

  constructor(n: number, key: (run: number) => number) {
    this.#runs = Int32Array.from({ length: n }, (_, r) => r);
    this.#key = key;
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  top(): number {
    return this.#runs[0]!;
  }

  topKey(): number {
    return this.#key(this.#runs[0]!);
  }

  /** The top run's key grew: it sinks to its place. */
  moved(): void {
    this.#down(0);
  }

  /** The top run is done. */
  pop(): void {
    this.#runs[0] = this.#runs[--this.size]!;
    this.#down(0);
  }

  #down(i: number): void {
    const runs = this.#runs;
    const run = runs[i]!;
    const k = this.#key(run);
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.#key(runs[c + 1]!) < this.#key(runs[c]!)) c++;
      if (this.#key(runs[c]!) >= k) break;
      runs[i] = runs[c]!;
      i = c;
    }
    runs[i] = run;
  }
}
