/** Messages between the Plan tab and its replay worker (plan.worker.ts). */
import type { ReplayOutcome, ReplaySpan } from '../../lib/renewal/replay.ts';
import type { ReplayJob } from '../../lib/renewal/section.ts';
import type { LoadedSession } from '../../lib/simulator/scenario.ts';

export type ToPlanWorker =
  /** The period's sessions per item, once per gathered facts: the jobs then name only an item and a capacity. */
  | { kind: 'sessions'; span: ReplaySpan; items: { license: string; sessions: LoadedSession[] }[] }
  /** What to replay now, in order: replaces whatever was still queued. */
  | { kind: 'replay'; jobs: ReplayJob[] };

export type FromPlanWorker =
  | { kind: 'started'; key: string }
  | { kind: 'progress'; key: string; done: number }
  | { kind: 'outcome'; key: string; outcome: ReplayOutcome }
  | { kind: 'error'; message: string };
