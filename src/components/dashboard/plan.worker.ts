/**
 * Runs the Plan tab's replays (renewal/replay.ts) off the main thread: a
 * replay of a large year takes seconds, and the page must answer meanwhile.
 * One job at a time, yielding between jobs so that a newer queue (another
 * tolerance) replaces the old one; the page terminates the worker to stop a
 * replay it no longer needs.
 */
import { replayItem, type ReplaySpan } from '../../lib/renewal/replay.ts';
import type { ReplayJob } from '../../lib/renewal/section.ts';
import type { LoadedSession } from '../../lib/simulator/scenario.ts';
import type { FromPlanWorker, ToPlanWorker } from './plan-protocol.ts';

const post = (m: FromPlanWorker) => (self as unknown as Worker).postMessage(m);

let span: ReplaySpan = { startMs: 0, endMs: 0 };
let sessions = new Map<string, LoadedSession[]>();
let queue: ReplayJob[] = [];
/** Jobs replayed on these sessions: a queue sent while one ran may name it again. */
let done = new Set<string>();
let draining = false;

/** A macrotask boundary, so that a message posted meanwhile is handled before the next job. */
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function drain() {
  draining = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { key } = job;
      if (done.has(key)) continue;
      post({ kind: 'started', key });
      const outcome = replayItem(job.license, sessions.get(job.license) ?? [], job.item, job.capacity, span, (share) =>
        post({ kind: 'progress', key, done: share }),
      );
      done.add(key);
      post({ kind: 'outcome', key, outcome });
      await turn();
    }
  } catch (e) {
    post({ kind: 'error', message: String((e as Error).message ?? e) });
  } finally {
    draining = false;
  }
}

self.onmessage = (event: MessageEvent<ToPlanWorker>) => {
  const m = event.data;
  if (m.kind === 'sessions') {
    span = m.span;
    sessions = new Map(m.items.map((i) => [i.license, i.sessions]));
    queue = [];
    done = new Set();
    return;
  }
  queue = [...m.jobs];
  if (!draining) void drain();
};
