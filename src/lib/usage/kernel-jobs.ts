/**
 * The work of the sweep in memory (kernel.ts) as two jobs with plain,
 * transferable inputs and outputs, so that the page can run them in a worker
 * of its own (kernel.worker.ts) and Node inline (kernel-run.ts), alike.
 */
import {
  heldSessions,
  sessionQuarters,
  sweepQuarters,
  sweepSegments,
  type Quarters,
  type Segments,
  type SessionColumns,
  type SessionQuarters,
} from './kernel.ts';
import { numberedColumns } from './allocation-numbers.ts';

/** The sessions of one range, its bounds and hold delay (µs), and how many item ids there are. */
export interface SweepJob {
  kind: 'sweep';
  columns: SessionColumns;
  range: { rs: number; re: number; asOf: number; hold: number };
  items: number;
}

/** The people's sessions per quarter hour, up to as-of (µs). */
export interface PeopleJob {
  kind: 'people';
  columns: SessionColumns;
  items: number;
  asOf: number;
}

export type KernelJob = SweepJob | PeopleJob;

/**
 * What each job gives back: the sweep its segments and quarters (and, when it
 * numbered the allocations from their hashes, how many distinct hashes there
 * were: allocation-numbers.ts), the people their sessions per quarter.
 */
export type KernelResult<J extends KernelJob> = J extends SweepJob
  ? { segments: Segments; quarters: Quarters; hashes: number | null }
  : SessionQuarters;

/** Runs `job` where it is called. */
export function runJob<J extends KernelJob>(job: J): KernelResult<J> {
  if (job.kind === 'people') return sessionQuarters(job.columns, job.items, job.asOf) as KernelResult<J>;
  // The first sweep of these sessions numbers their allocations; the columns keep the numbers for the next.
  const hashes = numberedColumns(job.columns);
  const segments = sweepSegments(heldSessions(job.columns, job.range), job.items, job.range.rs, job.range.re);
  return { segments, quarters: sweepQuarters(segments), hashes } as KernelResult<J>;
}

/** The buffers of a job's result (or columns), each once: what a worker hands over without a copy. */
export function buffersOf(value: object): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const v of Object.values(value)) {
    if (ArrayBuffer.isView(v)) out.add(v.buffer as ArrayBuffer);
    else if (v && typeof v === 'object') for (const b of buffersOf(v as object)) out.add(b);
  }
  return [...out];
}
