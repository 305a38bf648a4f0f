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

/**
 * Numbers the allocations of `item` with hashes `hash`: the same (item, hash)
 * the same number, in order of first appearance. One open-addressing table
 * keyed by the hash, with the key, the first item seen with it and its
 * number inline, so that a session costs one probe into one cache line (the
 * cost is memory latency: a million allocations, a million misses); the rare
 * hash seen with a second item (an id under two license items) goes to a map
 * beside it. The table's size is the count of distinct hashes.
 */
export function numberAllocations(item: Int32Array, { hi, lo }: AllocationHashes): AllocationNumbers {
  const n = item.length;
  const mask = slotsFor(n) - 1;
  // Per slot: hi, lo, item, number (0: empty).
  const slots = new Int32Array(4 * (mask + 1));
  const others = new Map<string, number>();
  const wrap = 4 * mask + 3;
  const alloc = new Int32Array(n);
  let count = 0;
  let hashes = 0;
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    const l = lo[i]!;
    // The halves are hash bits already: the low one spreads the slots.
    let s = (l & mask) << 2;
    while (slots[s + 3] !== 0 && !(slots[s] === h && slots[s + 1] === l)) s = (s + 4) & wrap;
    if (slots[s + 3] === 0) {
      slots[s] = h;
      slots[s + 1] = l;
      slots[s + 2] = item[i]!;
      slots[s + 3] = alloc[i] = ++count;
      hashes++;
    } else if (slots[s + 2] === item[i]) {
      alloc[i] = slots[s + 3]!;
    } else {
      const key = `${item[i]}/${h}/${l}`;
      let a = others.get(key);
      if (a === undefined) others.set(key, (a = ++count));
      alloc[i] = a;
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
