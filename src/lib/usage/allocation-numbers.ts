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
 * the same number, in order of first appearance. Two open-addressing tables
 * hold a representative session (index + 1) per slot, so that the keys are
 * read from the columns and never copied: one for (item, hash), one for the
 * hash alone, whose count tells whether any two ids could have shared one.
 */
export function numberAllocations(item: Int32Array, { hi, lo }: AllocationHashes): AllocationNumbers {
  const n = item.length;
  const mask = slotsFor(n) - 1;
  const [byPair, byHash] = [new Int32Array(mask + 1), new Int32Array(mask + 1)];
  const alloc = new Int32Array(n);
  let [count, hashes] = [0, 0];
  for (let i = 0; i < n; i++) {
    const [k, h, l] = [item[i]!, hi[i]!, lo[i]!];
    // The halves are hash bits already: the low one, mixed with the item, spreads the slots.
    let s = (l ^ Math.imul(k, 0x9e3779b1)) & mask;
    for (let r = byPair[s]!; r !== 0; r = byPair[s]!) {
      if (item[r - 1] === k && hi[r - 1] === h && lo[r - 1] === l) break;
      s = (s + 1) & mask;
    }
    if (byPair[s] !== 0) {
      alloc[i] = alloc[byPair[s]! - 1]!;
      continue;
    }
    byPair[s] = i + 1;
    alloc[i] = ++count;
    let t = l & mask;
    for (let r = byHash[t]!; r !== 0; r = byHash[t]!) {
      if (hi[r - 1] === h && lo[r - 1] === l) break;
      t = (t + 1) & mask;
    }
    if (byHash[t] === 0) {
      byHash[t] = i + 1;
      hashes++;
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
