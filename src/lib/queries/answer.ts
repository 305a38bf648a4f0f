/**
 * What a component shows for a question it asked (src/components/useQuery.ts),
 * as a pure rule: the answer to the current question, its failure, or that it
 * is pending, with the previous answer kept only when the caller asks for it
 * and only if that answer was data. An error is never shown beside data.
 */

/** The last question that settled, by generation (the count of questions asked), and how. */
export type Settled<T> =
  | { generation: number; ok: true; data: T }
  | { generation: number; ok: false; error: Error }
  | { generation: -1; ok: false; error: null };

/** Nothing settled yet. */
export const NOTHING_SETTLED: Settled<never> = { generation: -1, ok: false, error: null };

export interface Shown<T> {
  data: T | undefined;
  error: Error | null;
  pending: boolean;
}

/** What to show while `generation` is the question asked last. */
export function shownAnswer<T>(
  settled: Settled<T>,
  generation: number,
  { enabled, keepPrevious }: { enabled: boolean; keepPrevious: boolean },
): Shown<T> {
  if (!enabled) return { data: undefined, error: null, pending: false };
  if (settled.generation === generation) {
    return settled.ok
      ? { data: settled.data, error: null, pending: false }
      : { data: undefined, error: settled.error, pending: false };
  }
  // Only the last settled answer is ever kept, and only if it was one: never data from before a failure.
  return { data: keepPrevious && settled.ok ? settled.data : undefined, error: null, pending: true };
}

/** The answer that stays when `next` settles: a late answer to an older question never replaces a newer one. */
export function laterOf<T>(current: Settled<T>, next: Settled<T>): Settled<T> {
  return next.generation >= current.generation ? next : current;
}

/** Whether two dependency lists name the same question (compared as React compares deps: Object.is). */
export function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
