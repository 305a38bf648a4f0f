/**
 * What usage over time (docs/DOMAIN.md §3) comes back as: per bucket, per
 * period. Apart from the engine that computes it, so that what keeps it
 * (UsageCache) needs the shapes, not the engine.
 */

export interface BucketUsage {
  key: string;
  start: number;
  end: number;
  hour: number;
  weekday: number;
  peak: number;
  average: number;
  distinctUsers: number;
  sessions: number;
}

export interface PeakUsage {
  value: number;
  /** Epoch ms of the first instant at the peak. */
  at: number;
  minutesAtPeak: number;
}

export interface PeriodUsage {
  /** Per item (and '*'): one entry per local day of the period, in order. */
  daily: Map<string, BucketUsage[]>;
  /** Per item (and '*'): one entry per local hour, for the heatmap. */
  hourly: Map<string, BucketUsage[]>;
  peaks: Map<string, PeakUsage>;
  /** Per item (and '*'): ms spent at each level of L. */
  levels: Map<string, Map<number, number>>;
}
