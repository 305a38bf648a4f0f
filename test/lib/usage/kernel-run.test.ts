/**
 * The sweep's jobs as the page hands them to its worker (src/lib/usage/
 * kernel-run.ts): the columns handed over own their buffers (a transfer of a
 * view would take the rest of its buffer with it), each buffer is listed once,
 * and a job run through a real structured clone with transfer gives what it
 * gives inline, the columns coming back whole.
 */
import { expect, test } from 'vitest';
import { buffersOf, runJob, type SweepJob } from '../../../src/lib/usage/kernel-jobs.ts';
import { ownBuffers, runInline } from '../../../src/lib/usage/kernel-run.ts';
import type { SessionColumns } from '../../../src/lib/usage/kernel.ts';

const Q = 900_000_000;

function columns(): SessionColumns {
  // Item and allocation share one buffer, as columns of one Arrow batch may.
  const shared = new Int32Array([1, 2, 1, 1, 2, 1, 9, 9]);
  return {
    item: shared.subarray(0, 3),
    alloc: shared.subarray(3, 6),
    f: new Float64Array([0, Q / 2, 3 * Q]),
    t: new Float64Array([Q, 2 * Q, Infinity]),
  };
}

test('kept columns own their whole buffer, one buffer each, with the same values', () => {
  const c = columns();
  const own = ownBuffers(c);
  for (const k of ['item', 'alloc', 'f', 't'] as const) {
    expect([...own[k]]).toEqual([...c[k]]);
    expect(own[k].byteLength).toBe(own[k].buffer.byteLength);
  }
  expect(buffersOf(own)).toHaveLength(4);
  expect(buffersOf({ a: own.f, b: own.f })).toHaveLength(1);
});

test('a job through a transfer gives what it gives inline, and its columns come back', async () => {
  const job: SweepJob = {
    kind: 'sweep',
    columns: ownBuffers(columns()),
    range: { rs: 0, re: 4 * Q, asOf: 4 * Q, hold: 0 },
    items: 3,
  };
  let kept: SessionColumns | null = null;
  const inline = await runInline(job, (c) => (kept = c));
  expect(kept).toBe(job.columns);
  // What the worker does: the job cloned with its columns' buffers moved, run, and sent back the same way.
  const there = structuredClone(job, { transfer: buffersOf(job.columns) });
  expect(job.columns.f.length).toBe(0);
  const reply = structuredClone({ columns: there.columns, result: runJob(there) }, { transfer: buffersOf(there) });
  expect(reply.result).toEqual(inline);
  expect([...reply.columns.f]).toEqual([0, Q / 2, 3 * Q]);
  expect(reply.result.segments.level.length).toBeGreaterThan(0);
});
