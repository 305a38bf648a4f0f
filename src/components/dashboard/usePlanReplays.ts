/**
 * The Plan tab's replays, run by a module worker (plan.worker.ts) so that the
 * page answers while a large year replays: the outcomes known so far for the
 * facts given, the progress, and a failure.
 *
 * - New facts (another period, other data) terminate the worker: whatever it
 *   was replaying is stale. A new one gets the new facts' sessions.
 * - Another set of pending jobs (another tolerance, `request`) replaces the
 *   worker's queue; if the replay it is running is not among them any more, the worker
 *   is terminated and started again, so a stale replay never delays a needed one.
 * - Outcomes are kept per facts, so going back to an earlier tolerance asks nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplayOutcome } from '../../lib/renewal/replay.ts';
import { replaySpan, type RenewalFacts, type ReplayJob } from '../../lib/renewal/section.ts';
import type { FromPlanWorker, ToPlanWorker } from './plan-protocol.ts';

interface Known {
  facts: RenewalFacts | null;
  outcomes: ReadonlyMap<string, ReplayOutcome>;
  running: { key: string; done: number } | null;
  error: string | null;
}

const NONE: Known = { facts: null, outcomes: new Map(), running: null, error: null };

export function usePlanReplays(facts: RenewalFacts | undefined) {
  const [known, setKnown] = useState<Known>(NONE);
  const worker = useRef<Worker | null>(null);
  /** The job the worker said it started and has not finished, as this thread last heard. */
  const running = useRef<string | null>(null);
  /** The facts the worker replays (those of the last commit). */
  const shown = useRef<RenewalFacts | null>(null);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    running.current = null;
  }, []);

  // One worker per facts: the sessions travel once, the jobs after them name an item and a capacity.
  const start = useCallback((f: RenewalFacts) => {
    const w = new Worker(new URL('./plan.worker.ts', import.meta.url), { type: 'module', name: 'plan-replays' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<FromPlanWorker>) => {
      const m = e.data;
      if (m.kind === 'started') running.current = m.key;
      if (m.kind === 'outcome' && running.current === m.key) running.current = null;
      setKnown((k) => {
        if (k.facts !== f) return k;
        if (m.kind === 'started') return { ...k, running: { key: m.key, done: 0 } };
        if (m.kind === 'progress') return { ...k, running: { key: m.key, done: m.done } };
        if (m.kind === 'error') return { ...k, running: null, error: m.message };
        return { ...k, running: null, outcomes: new Map([...k.outcomes, [m.key, m.outcome]]) };
      });
    };
    w.onerror = (e) => setKnown((k) => (k.facts === f ? { ...k, running: null, error: e.message || 'failed' } : k));
    const message: ToPlanWorker = {
      kind: 'sessions',
      span: replaySpan(f),
      items: f.items.map((i) => ({ license: i.license, sessions: i.sessions })),
    };
    w.postMessage(message);
    return w;
  }, []);

  useEffect(() => {
    shown.current = facts ?? null;
    if (!facts) return;
    setKnown({ ...NONE, facts });
    return stop;
  }, [facts, stop]);

  /** Asks for `jobs` (the replays the current settings still need), in order. */
  const request = useCallback(
    (jobs: readonly ReplayJob[]) => {
      const f = shown.current;
      if (!f || jobs.length === 0) return;
      const wanted = new Set(jobs.map((j) => j.key));
      // A stale replay is stopped, not waited for.
      if (running.current !== null && !wanted.has(running.current)) stop();
      const message: ToPlanWorker = { kind: 'replay', jobs: [...jobs] };
      (worker.current ?? start(f)).postMessage(message);
    },
    [start, stop],
  );

  const current = known.facts === facts ? known : NONE;
  return { outcomes: current.outcomes, running: current.running, error: current.error, request };
}
