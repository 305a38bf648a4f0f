/**
 * One way for a component to ask the database something: the answer, the
 * failure, or that it is still coming, for the question its `deps` describe.
 *
 *   const users = useQuery((signal) => activeUsers(db, …, signal), [db, …], { delayMs: 120 });
 *
 * - An answer to an older question is never shown: every change of `deps`
 *   (and unmounting) aborts the signal given to the fetcher (for work that
 *   can stop; a DuckDB query through `Database` cannot, so its late answer is
 *   simply dropped), and an answer is kept only if it belongs to the question
 *   asked last (its generation).
 * - A failure is state (`error`), never an unhandled rejection.
 * - By default the data of an older question is dropped the moment the
 *   question changes (`data` is undefined while `pending`): figures for
 *   another period must not pass for this period's. A caller for which the
 *   old answer is still meaningful while the new one comes (a list being
 *   searched as the user types) asks for `keepPrevious` and shows `pending`
 *   beside it. Either way an error is never shown next to data: the answer
 *   that failed has no data, and a kept answer is only ever a successful one.
 *
 * The fetcher is read when the question is asked (an effect event), so it
 * needs not be memoised; `deps` (what it reads) and `dataVersion` say when to
 * ask again, and the react-hooks/exhaustive-deps rule checks `deps` at every
 * caller (eslint.config.js lists useQuery among its additionalHooks).
 */
import { useEffect, useEffectEvent, useState, type DependencyList } from 'react';
import { NOTHING_SETTLED, laterOf, sameDeps, shownAnswer, type Settled } from '../lib/queries/answer.ts';

export interface QueryOptions {
  /** When false nothing is asked: no data, no error, not pending. */
  enabled?: boolean;
  /** Keep the last successful data while a newer question is pending (see above). */
  keepPrevious?: boolean;
  /** Wait this long before asking, so typing a search asks once, not at every key. */
  delayMs?: number;
  /**
   * What the fetcher does not read but whose change makes its answer stale:
   * the loaded data's version (the `vault` it reads stays the same object).
   * Kept out of `deps` because exhaustive-deps (rightly) flags a dep the
   * fetcher does not use.
   */
  dataVersion?: number;
}

export interface QueryState<T> {
  /** The answer to the current question, or (with `keepPrevious`, while `pending`) the last one. */
  data: T | undefined;
  /** Why the current question could not be answered. */
  error: Error | null;
  /** The current question is being asked. */
  pending: boolean;
}

export function useQuery<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  { enabled = true, keepPrevious = false, delayMs = 0, dataVersion = 0 }: QueryOptions = {},
): QueryState<T> {
  const generation = useGeneration([...deps, enabled, dataVersion]);
  const [settled, setSettled] = useState<Settled<T>>(NOTHING_SETTLED);
  const ask = useEffectEvent((signal: AbortSignal) => fetcher(signal));

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const { signal } = controller;
    const settle = (next: Settled<T>) => {
      if (signal.aborted) return;
      setSettled((s) => laterOf(s, next));
    };
    const start = () =>
      // `then` turns a fetcher that throws at once into a rejection like any other.
      Promise.resolve()
        .then(() => ask(signal))
        .then(
          (data) => settle({ generation, ok: true, data }),
          (e: unknown) => settle({ generation, ok: false, error: asError(e) }),
        );
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (delayMs > 0) timer = setTimeout(start, delayMs);
    else void start();
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [generation, enabled, delayMs]);

  return shownAnswer(settled, generation, { enabled, keepPrevious });
}

/** A number that changes exactly when one of `deps` does (compared like React compares deps: Object.is). */
function useGeneration(deps: readonly unknown[]): number {
  // React's documented way to adjust state when props change: compare with the previous render's, during render.
  const [seen, setSeen] = useState({ deps, generation: 0 });
  if (sameDeps(seen.deps, deps)) return seen.generation;
  const next = { deps, generation: seen.generation + 1 };
  setSeen(next);
  return next.generation;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
