/**
 * Instants (epoch µs held in doubles: integers below 2^53) sorted with a
 * number of each moved along, for the sweep in memory (kernel.ts): an LSD
 * radix sort on the instant less the least one, a few digits wide enough for
 * the span (a year is some 2^45 µs: three passes of 15 bits over a million
 * instants), where the engine's sort of a million doubles (a comparison sort)
 * costs four times as long and carries nothing along.
 */

/** Digits of at most this many bits: 16 over many values, 11 over fewer (a histogram per pass must stay cheap beside them). */
const WIDE_DIGIT = 16;
const NARROW_DIGIT = 11;
const WIDE_FROM = 1 << 16;

/**
 * Sorts `times` in place, ascending, and `tags` (as long) along with them;
 * stable (equal instants keep their order). Instants that are not all
 * integers spanning less than 2^53 (never the case for epoch µs) are sorted by
 * comparison instead, alike, but for NaN, which has no place (the sweep never
 * holds one: heldSessions keeps only f < t).
 */
export function sortTimesWith(times: Float64Array, tags: Int32Array): void {
  const n = times.length;
  let [lo, hi, exact] = [Infinity, -Infinity, true];
  for (let i = 0; i < n; i++) {
    const v = times[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (Math.floor(v) !== v) exact = false;
  }
  const span = hi - lo;
  if (!exact || !(span < 2 ** 53)) sortByComparison(times, tags);
  else if (span > 0) radixSort(times, tags, lo, bitsOf(span));
}

/** How many bits the integer `span` (below 2^53) takes, counted exactly (no logarithm's rounding). */
function bitsOf(span: number): number {
  let bits = 1;
  while (2 ** bits <= span) bits++;
  return bits;
}

/**
 * LSD radix sort of times − lo (integers below 2^bits) in as few passes as
 * digits of the allowed width need, the width shared out evenly; a pass over a
 * digit every value shares is skipped. Each loop is a function of its own:
 * optimised on its first call, whose type feedback the next ones share.
 */
function radixSort(times: Float64Array, tags: Int32Array, lo: number, bits: number): void {
  const n = times.length;
  const passes = Math.ceil(bits / (n >= WIDE_FROM ? WIDE_DIGIT : NARROW_DIGIT));
  const width = Math.ceil(bits / passes);
  const counts = histograms(times, lo, passes, width);
  const size = 1 << width;
  let [src, dst]: [Float64Array, Float64Array] = [times, new Float64Array(n)];
  let [srcTags, dstTags]: [Int32Array, Int32Array] = [tags, new Int32Array(n)];
  for (let p = 0; p < passes; p++) {
    const offsets = counts.subarray(p * size, (p + 1) * size);
    if (!toOffsets(offsets, n)) continue;
    scatter(src, srcTags, dst, dstTags, offsets, lo, 2 ** (-p * width), size - 1);
    [src, dst, srcTags, dstTags] = [dst, src, dstTags, srcTags];
  }
  if (src !== times) {
    times.set(src);
    tags.set(srcTags);
  }
}

/**
 * Every pass's histogram in one read: digit p of d = time − lo is
 * floor(d / 2^(p·width)) mod 2^width, exact in doubles (a scaling by a power
 * of two, and `&` taking an integer below 2^53 modulo 2^32).
 */
function histograms(times: Float64Array, lo: number, passes: number, width: number): Uint32Array {
  const [size, mask] = [1 << width, (1 << width) - 1];
  const counts = new Uint32Array(passes * size);
  for (let i = 0; i < times.length; i++) {
    const d = times[i]! - lo;
    let scale = 1;
    for (let p = 0; p < passes; p++, scale /= size) counts[p * size + (Math.floor(d * scale) & mask)]!++;
  }
  return counts;
}

/** One pass: each time (and its tag) moved to its digit's next place in dst. */
function scatter(
  src: Float64Array,
  srcTags: Int32Array,
  dst: Float64Array,
  dstTags: Int32Array,
  offsets: Uint32Array,
  lo: number,
  scale: number,
  mask: number,
): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    const at = offsets[Math.floor((v - lo) * scale) & mask]!++;
    dst[at] = v;
    dstTags[at] = srcTags[i]!;
  }
}

/** A digit's counts turned into each digit's first place; false when one digit holds all n (nothing to move). */
function toOffsets(counts: Uint32Array, n: number): boolean {
  let sum = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b]!;
    if (c === n) return false;
    counts[b] = sum;
    sum += c;
  }
  return true;
}
/** The same order by comparison (ties by first place, as the radix sort keeps them). */
function sortByComparison(times: Float64Array, tags: Int32Array): void {
  const order = Uint32Array.from({ length: times.length }, (_, i) => i);
  order.sort((a, b) => (times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : a - b));
  const [t, g] = [times.slice(), tags.slice()];
  for (let i = 0; i < order.length; i++) {
    times[i] = t[order[i]!]!;
    tags[i] = g[order[i]!]!;
  }
}
