/**
 * Zooming the allocation chart (docs/DOMAIN.md §8.2): the bars selected,
 * first to last in either order, become a custom period of their days. A bar
 * of a week or month stands for all of its days in the period.
 */

/** The days a bar stands for, inclusive local dates (YYYY-MM-DD). */
export interface DaySpan {
  from: string;
  to: string;
}

/** The period from the first selected bar's first day to the last one's last day; null when a bar is missing. */
export function zoomSpan(spans: readonly DaySpan[], a: number, b: number): DaySpan | null {
  const first = spans[Math.min(a, b)];
  const last = spans[Math.max(a, b)];
  if (!first || !last || Math.min(a, b) < 0) return null;
  return { from: first.from, to: last.to };
}
