/**
 * What the database says about a period (report/build.ts gathers it): everything
 * of the report that costs a query. The threshold and the inventory's counts
 * only enter in the parts derived from it (parts.ts), so changing them needs
 * no query (the page re-derives).
 */
import type { DenialStats } from '../denials/report.ts';
import type { IngestSummary } from '../sql/summary.ts';
import type { PeriodUsage } from '../usage/series.ts';
import type { Period } from './period.ts';

export interface ReportFacts {
  summary: IngestSummary;
  zone: string;
  holdMinutes: number;
  period: Period;
  items: string[];
  usage: PeriodUsage;
  inUse: Map<string, number>;
  /** The period's denials and active users, when denials files are loaded. */
  denials: { stats: DenialStats; activeUsers: number } | null;
}
