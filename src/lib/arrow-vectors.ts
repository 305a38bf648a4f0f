/**
 * Arrow vectors made straight from their buffers. apache-arrow's
 * `vectorFromArray` builds a null check with `new Function`, which the page's
 * Content-Security-Policy (no 'unsafe-eval', astro.config.mjs) refuses: every
 * table the page hands DuckDB is made here instead, with the same content.
 */
import { Float64, Int32, Int64, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/** Validity bits for `values` (1 = present) and how many are null; no bitmap when none is. */
function validity(values: readonly unknown[]): { nullBitmap?: Uint8Array; nullCount: number } {
  const nullCount = values.reduce<number>((n, v) => (v === null ? n + 1 : n), 0);
  if (nullCount === 0) return { nullCount };
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null) nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}

export function int32Vector(values: readonly number[]): Vector<Int32> {
  return makeVector(Int32Array.from(values));
}

export function int64Vector(values: readonly bigint[]): Vector<Int64> {
  return makeVector(BigInt64Array.from(values));
}

export function float64Vector(values: readonly (number | null)[]): Vector<Float64> {
  const data = Float64Array.from(values, (v) => v ?? 0);
  return makeVector(makeData({ type: new Float64(), length: values.length, data, ...validity(values) }));
}

export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const bytes = values.map((v) => encoder.encode(v ?? ''));
  const valueOffsets = new Int32Array(values.length + 1);
  bytes.forEach((b, i) => (valueOffsets[i + 1] = valueOffsets[i]! + b.length));
  const data = new Uint8Array(valueOffsets[values.length]!);
  bytes.forEach((b, i) => data.set(b, valueOffsets[i]!));
  return makeVector(makeData({ type: new Utf8(), length: values.length, valueOffsets, data, ...validity(values) }));
}
