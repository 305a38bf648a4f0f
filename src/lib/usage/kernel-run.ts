/**
 * Where the sweep in memory runs: in the page, in a module worker of its own
 * (kernel.worker.ts), the sessions' and the results' typed arrays handed over
 * without a copy, so that the page's main thread stays free while it sweeps;
 * in Node (tests, CLI), inline. One interface for both.
 */
import { buffersOf, runJob, type KernelJob, type KernelResult } from './kernel-jobs.ts';
import type { SessionColumns } from './kernel.ts';
import type { FromKernelWorker, ToKernelWorker } from './kernel.worker.ts';

/**
 * Runs `job` and gives back its result. In a worker the columns travel there
 * and back (the caller's arrays are detached meanwhile): `keep` receives the
 * ones that came back, whether the job succeeded or failed, to be kept in
 * their place.
 */
export type KernelRun = <J extends KernelJob>(
  job: J,
  keep: (columns: SessionColumns) => void,
) => Promise<KernelResult<J>>;

/** Inline: Node, or a page without workers. */
export const runInline: KernelRun = async (job, keep) => {
  keep(job.columns);
  return runJob(job);
};

/**
 * Columns that own their whole buffer, as a transfer needs: a column viewing
 * part of a buffer (a query's Arrow batch) is copied, once, when it is kept.
 */
export function ownBuffers(c: SessionColumns): SessionColumns {
  const own = <A extends Int32Array | Float64Array>(a: A): A =>
    a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as A);
  // Two columns on one buffer would be transferred twice: the later ones copied.
  const seen = new Set<ArrayBufferLike>();
  const mine = <A extends Int32Array | Float64Array>(a: A): A => {
    let b = own(a);
    if (seen.has(b.buffer)) b = a.slice() as A;
    seen.add(b.buffer);
    return b;
  };
  const out: SessionColumns = { item: mine(c.item), alloc: mine(c.alloc), f: mine(c.f), t: mine(c.t) };
  if (c.allocHash) out.allocHash = { hi: mine(c.allocHash.hi), lo: mine(c.allocHash.lo) };
  return out;
}

/**
 * A worker started on the first job (or when warmed) and kept for the next
 * ones; jobs are answered in order.
 */
function workerRun(): { run: KernelRun; warm: () => void } {
  let worker: Worker | null = null;
  let serial = 0;
  // Whether the worker ever answered: one that never did (it could not be loaded) is not asked again.
  let answered = false;
  let unusable = false;
  const waiting = new Map<number, { resolve: (m: FromKernelWorker) => void; reject: (e: Error) => void }>();
  const start = () => {
    const w = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'usage-sweep' });
    w.onmessage = (event: MessageEvent<FromKernelWorker>) => {
      answered = true;
      waiting.get(event.data.id)?.resolve(event.data);
      waiting.delete(event.data.id);
    };
    const fail = (why: string) => {
      // A worker that failed (ran out of memory, or a reply could not be read) is started anew next time;
      // its jobs fail rather than wait forever, and the kept sessions it held are read again (sweep.ts intact).
      worker = null;
      unusable ||= !answered;
      w.terminate();
      for (const p of waiting.values()) p.reject(new Error(`The usage sweep's worker stopped: ${why}.`));
      waiting.clear();
    };
    w.onerror = (e) => fail(e.message || 'it reported no reason');
    w.onmessageerror = () => fail('its answer could not be read');
    return w;
  };
  const run = (async <J extends KernelJob>(job: J, keep: (columns: SessionColumns) => void) => {
    // A page whose worker never ran (its script could not be loaded) sweeps on its own thread instead.
    if (unusable) return runInline(job, keep);
    worker ??= start();
    const id = ++serial;
    const job2 = { ...job, columns: ownBuffers(job.columns) };
    const message: ToKernelWorker = { id, job: job2 };
    const reply = await new Promise<FromKernelWorker>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker!.postMessage(message, { transfer: buffersOf(job2.columns) });
    });
    keep(reply.columns);
    if ('error' in reply) throw new Error(reply.error);
    return reply.result as KernelResult<J>;
  }) as KernelRun;
  const warm = () => {
    if (!unusable) worker ??= start();
  };
  return { run, warm };
}

const page = typeof Worker === 'function' && typeof document === 'object' ? workerRun() : null;

/** The page's (a worker) where workers exist beside a document; inline elsewhere. */
export const runKernel: KernelRun = page?.run ?? runInline;

/**
 * Starts the page's worker if it is not running yet, so that its script loads
 * while the database reads the sessions for its first job (nothing inline).
 */
export const warmKernel: () => void = page?.warm ?? (() => undefined);
