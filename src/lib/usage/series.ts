/**
 * What usage over time (docs/DOMAIN.md §3) comes back as: per bucket, per
 * period. Apart from the engine that computes it, so that what keeps it
 * (UsageCache) needs the shapes, not the engine.
 */
import type { WeekHours } from './week-hours.ts';

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
  /** The heatmap's sums per item (and '*') and cell of the week: no hourly series per item (week-hours.ts). */
  weekHours: WeekHours;
  peaks: Map<string, PeakUsage>;
  /** Per item (and '*'): ms spent at each level of L. */
  levels: Map<string, Map<number, number>>;
  /**
   * Set when the days' sessions and distinct users are not counted yet (they
   * read 0 meanwhile, to be shown as pending, never as figures): the page's
   * first report has its cards before its people (docs/DOMAIN.md §8.2).
   */
  usersPending?: true;
}
