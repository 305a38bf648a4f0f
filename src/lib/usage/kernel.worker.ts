/**
 * The sweep in memory (kernel-jobs.ts) in a worker of its own, so that no
 * task of it runs on the page's main thread. The sessions come over without a
 * copy and go back the same way with the result, failed or not: the page
 * keeps them for the next sweep (a change of the hold delay).
 */
import { buffersOf, runJob, type KernelJob } from './kernel-jobs.ts';
import type { SessionColumns } from './kernel.ts';

export type ToKernelWorker = { id: number; job: KernelJob };
export type FromKernelWorker =
  { id: number; columns: SessionColumns; result: unknown } | { id: number; columns: SessionColumns; error: string };

onmessage = (event: MessageEvent<ToKernelWorker>) => {
  const { id, job } = event.data;
  let reply: FromKernelWorker;
  try {
    reply = { id, columns: job.columns, result: runJob(job) };
  } catch (e) {
    reply = { id, columns: job.columns, error: String((e as Error)?.message ?? e) };
  }
  postMessage(reply, { transfer: buffersOf(reply) });
};
