/**
 * The sessions' allocations numbered in memory from their ids' hashes, not by
 * the database: numbering the ids themselves (a DISTINCT over a million
 * strings and a join back) was two thirds of reading the kept sessions, and
 * the hashes cost a column each. Two ids could share a hash: the numbers are
 * exact when there are as many distinct hashes as distinct ids
 * (distinctAllocationsSql), which usage/sweep.ts checks before it keeps a
 * sweep made from them (docs/DOMAIN.md §8.2).
 */
import type { AllocationHashes, SessionColumns } from './kernel.ts';

/** Numbers 1 … n, one per (item, allocation hash), and how many distinct hashes there are, items aside. */
export interface AllocationNumbers {
  alloc: Int32Array;
  hashes: number;
}

/** A power of two at least 1.5 times `n`: open addressing stays short at that load. */
function slotsFor(n: number): number {
  let size = 16;
  while (size < n + (n >> 1)) size *= 2;
  return size;
}

/** Sessions per part of the hash's range: a part's keys and table stay in the processor's cache. */
const PART_SESSIONS = 4096;

/**
 * Numbers the allocations of `item` with hashes `hash`: the same (item, hash)
 * the same number. A table over a million hashes would cost a cache miss per
 * session (memory latency, not work, was most of its time), so the sessions
 * are first cut into parts by the hash's top bits (two sequential passes),
 * and each part, its keys copied side by side, is numbered with a small
 * open-addressing table keyed by the hash: equal hashes fall in one part. A
 * hash seen with a second item (an id under two license items) goes to a map
 * beside it; the tables' entries count the distinct hashes.
 */
export function numberAllocations(item: Int32Array, { hi, lo }: AllocationHashes): AllocationNumbers {
  const n = item.length;
  const bits = Math.min(16, Math.max(0, Math.ceil(Math.log2(Math.max(1, n / PART_SESSIONS)))));
  const partOf = (h: number) => (bits === 0 ? 0 : h >>> (32 - bits));
  const parts = 1 << bits;
  // The parts' bounds, then every session's index, hi, lo and item, part by part.
  const first = new Int32Array(parts + 1);
  for (let i = 0; i < n; i++) first[partOf(hi[i]!) + 1]!++;
  for (let p = 0; p < parts; p++) first[p + 1]! += first[p]!;
  const next = first.slice(0, parts);
  const index = new Int32Array(n);
  const pHi = new Int32Array(n);
  const pLo = new Int32Array(n);
  const pItem = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const at = next[partOf(hi[i]!)]!++;
    index[at] = i;
    pHi[at] = hi[i]!;
    pLo[at] = lo[i]!;
    pItem[at] = item[i]!;
  }
  let largest = 0;
  for (let p = 0; p < parts; p++) largest = Math.max(largest, first[p + 1]! - first[p]!);
  // Per slot: the position (+ 1) of the part's first session with that hash, and its number.
  const table = new Int32Array(2 * slotsFor(largest));
  const others = new Map<string, number>();
  const alloc = new Int32Array(n);
  let count = 0;
  let hashes = 0;
  for (let p = 0; p < parts; p++) {
    const from = first[p]!;
    const to = first[p + 1]!;
    const mask = slotsFor(to - from) - 1;
    table.fill(0, 0, 2 * (mask + 1));
    for (let j = from; j < to; j++) {
      const h = pHi[j]!;
      const l = pLo[j]!;
      const k = pItem[j]!;
      let s = l & mask;
      for (let r = table[2 * s]!; r !== 0 && !(pHi[r - 1] === h && pLo[r - 1] === l); r = table[2 * s]!) {
        s = (s + 1) & mask;
      }
      const r = table[2 * s]!;
      if (r === 0) {
        table[2 * s] = j + 1;
        table[2 * s + 1] = alloc[index[j]!] = ++count;
        hashes++;
      } else if (pItem[r - 1] === k) {
        alloc[index[j]!] = table[2 * s + 1]!;
      } else {
        const key = `${k}/${h}/${l}`;
        let a = others.get(key);
        if (a === undefined) others.set(key, (a = ++count));
        alloc[index[j]!] = a;
      }
    }
  }
  return { alloc, hashes };
}

/**
 * Gives the columns their allocation numbers if they came with hashes
 * instead (the hashes then dropped): what a sweep needs. Returns the count of
 * distinct hashes when it numbered, else null (numbered already, exactly or
 * by an earlier sweep).
 */
export function numberedColumns(columns: SessionColumns): number | null {
  const { allocHash } = columns;
  if (!allocHash) return null;
  const { alloc, hashes } = numberAllocations(columns.item, allocHash);
  columns.alloc = alloc;
  delete columns.allocHash;
  return hashes;
}
