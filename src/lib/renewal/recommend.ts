/**
 * The recommendation (docs/DOMAIN.md §10): the cheapest capacity whose denied
 * license-minutes a year stay within the tolerance, never above the period's
 * peak (more licenses than were ever used at once serve nobody) and never
 * costing more than today's capacity.
 */
import type { CurvePoint } from './cost-curve.ts';

export interface Recommendation {
  point: CurvePoint;
  /** False when no capacity up to the peak met the tolerance at no more than today's cost: today's is kept. */
  withinTolerance: boolean;
}

/** Cheaper first; at equal cost fewer denials, then fewer licenses. Unpriced points compare by denials only. */
function better(a: CurvePoint, b: CurvePoint): boolean {
  if (a.costCents !== null && b.costCents !== null && a.costCents !== b.costCents) return a.costCents < b.costCents;
  if (a.deniedMinutes !== b.deniedMinutes) return a.deniedMinutes < b.deniedMinutes;
  return a.capacity < b.capacity;
}

/**
 * `curve` from costCurve (index = capacity up to one past the peak, then today's), `peak` the period's max L,
 * `current` today's capacity or null when unknown, `tolerance` denied
 * license-minutes a year.
 */
export function recommend(
  curve: readonly CurvePoint[],
  peak: number,
  current: number | null,
  tolerance: number,
): Recommendation {
  const today = curve.find((p) => p.capacity === current);
  let best: CurvePoint | undefined;
  for (const p of curve) {
    if (p.capacity > peak || p.deniedMinutes > tolerance) continue;
    if (today && p.costCents !== null && today.costCents !== null && p.costCents > today.costCents) continue;
    if (!best || better(p, best)) best = p;
  }
  if (best) return { point: best, withinTolerance: true };
  // Only when today's capacity lies at or below the peak and every capacity within tolerance costs more.
  return { point: curve[Math.min(current ?? peak, peak)]!, withinTolerance: false };
}
