/**
 * The figures above the allocation chart for the level shown: its highest
 * peak, its time-weighted average in use (the mean of its bars' averages, bars
 * being equal spans of time) and, below the period, the most distinct users of
 * a bar. In the 12-month view a month without any session (before the data
 * begins, or after it ends) is not a month of zero use: it is left out of the
 * average, which would otherwise count it as 0 (docs/DOMAIN.md §8.2).
 */
export interface LevelBar {
  peak: number;
  average: number;
  /** Null while the period's people are being counted: only ever so at the period's level, which shows no users. */
  distinctUsers: number | null;
}

export interface LevelStats {
  peak: number;
  average: number;
  users: number | null;
}

export function levelStats(
  bars: readonly LevelBar[],
  level: 'period' | 'last24' | 'months' | 'day' | 'hour',
): LevelStats | null {
  if (bars.length === 0) return null;
  const counted = level === 'months' ? bars.filter((b) => (b.distinctUsers ?? 0) > 0) : bars;
  return {
    peak: Math.max(...bars.map((b) => b.peak)),
    average: counted.length === 0 ? 0 : counted.reduce((a, b) => a + b.average, 0) / counted.length,
    users: level === 'period' ? null : Math.max(...bars.map((b) => b.distinctUsers ?? 0)),
  };
}
